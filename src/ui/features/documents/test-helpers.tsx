import { render } from '@testing-library/react';
import i18next, { type i18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createProject } from '../../../commands/projects';
import { assert } from '../../../domain/assert';
import { MarkeerDb } from '../../../storage/db';
import { appStrings } from '../../i18n/app-strings';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext, type ProjectContextValue } from '../../shell/project-context';
import { documentsStrings } from './strings';

let instance: i18n | null = null;

/** English interface strings with this feature's strings under `documents`. */
export function testI18n(): i18n {
  if (instance) return instance;
  instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: { ...appStrings.en, documents: documentsStrings.en } } },
    lng: 'en',
    fallbackLng: false,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}

/** A fresh database with one empty project, as the project screen provides it. */
export async function projectContext(): Promise<ProjectContextValue> {
  const db = new MarkeerDb(`test-${crypto.randomUUID()}`);
  const created = await createProject({ name: 'Ouderbetrokkenheid', coderName: 'Anna', template: null, lang: 'en', db });
  assert(created.ok, 'project created');
  const project = await db.projects.get(created.value.projectGuid);
  const coder = await db.coders.get([created.value.projectGuid, created.value.coderGuid]);
  assert(project && coder, 'project and coder stored');
  return { db, project, coder, coders: [coder], codes: [] };
}

export function renderInProject(ctx: ProjectContextValue, ui: ReactNode) {
  return render(
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>
        <ProjectContext.Provider value={ctx}>{ui}</ProjectContext.Provider>
      </NotifyProvider>
    </I18nextProvider>,
  );
}
