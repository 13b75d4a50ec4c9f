import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Lang } from '../../i18n';
import { testI18n } from '../../i18n/test-i18n';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext, type ProjectContextValue } from '../../shell/project-context';
import type { MarkeerDb } from '../../../storage/db';
import { readProjectData } from '../../../storage/project-data';
import type { TeamLink } from '../../../sync/engine';

/** The project context of a project as the project screen gives it. */
export async function projectContext(db: MarkeerDb, projectGuid: string): Promise<ProjectContextValue> {
  const data = await readProjectData(db, projectGuid);
  const coder = data?.coders.find((c) => c.guid === data.project.ownerCoderGuid);
  if (!data || !coder) throw new Error('no project');
  return { db, project: data.project, coder, coders: data.coders, codes: data.codes };
}

/** What the screens of a project are rendered in, in one language. */
export function Screen({ ctx, lang = 'en', children }: { ctx: ProjectContextValue; lang?: Lang; children: ReactNode }) {
  return (
    <I18nextProvider i18n={testI18n(lang)}>
      <NotifyProvider>
        <ProjectContext.Provider value={ctx}>{children}</ProjectContext.Provider>
      </NotifyProvider>
    </I18nextProvider>
  );
}

export const DATABASE = 'https://couch.example.org/interviews-2027';

/** Marks a project connected in this browser, as connectProject does (the meta record alone). */
export async function markConnected(db: MarkeerDb, projectGuid: string, role: TeamLink['role'] = 'lead', user = 'anna'): Promise<TeamLink> {
  const link: TeamLink = { url: DATABASE, user, role, connectedAt: '2027-03-01T09:00:00.000Z' };
  await db.meta.put({ key: `team:${projectGuid}`, value: link });
  return link;
}
