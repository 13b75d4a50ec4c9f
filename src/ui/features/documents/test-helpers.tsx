import { testI18n } from '../../i18n/test-i18n';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createProject } from '../../../commands/projects';
import { assert } from '../../../domain/assert';
import { MarkeerDb } from '../../../storage/db';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext, type ProjectContextValue } from '../../shell/project-context';

export { testI18n };

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
