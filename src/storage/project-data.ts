import type { Guid } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { TABLES, type MarkeerDb } from './db';

/**
 * Everything stored for one project, read in one read transaction so that the parts agree with
 * each other (no write from another tab lands in between). Null when there is no such project.
 */
export async function readProjectData(db: MarkeerDb, projectGuid: Guid): Promise<ProjectData | null> {
  return db.transaction('r', TABLES.map((t) => db.table(t)), async (tx) => {
    // Tables bound to the transaction, as in changes.ts: every read stays inside it.
    const table = <K extends (typeof TABLES)[number]>(name: K) => tx.table(name) as MarkeerDb[K];
    const project = await table('projects').get(projectGuid);
    if (!project) return null;
    const [coders, documents, texts, codes, segments, codings] = await Promise.all([
      table('coders').where('projectGuid').equals(projectGuid).toArray(),
      table('documents').where('projectGuid').equals(projectGuid).toArray(),
      table('documentTexts').where('projectGuid').equals(projectGuid).toArray(),
      table('codes').where('projectGuid').equals(projectGuid).toArray(),
      table('segments').where('projectGuid').equals(projectGuid).toArray(),
      table('codings').where('projectGuid').equals(projectGuid).toArray(),
    ]);
    return { project, coders, documents, texts, codes, segments, codings };
  });
}
