import Dexie, { type Table } from 'dexie';
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
    // Every table's primary key starts with the project GUID: a range of the primary key reads the
    // rows in one sweep of the store, where the projectGuid index would look each row up again.
    const inProject = [projectGuid, Dexie.minKey] as [string, unknown];
    const past = [projectGuid, Dexie.maxKey] as [string, unknown];
    const all = <T,>(t: Table<T, [string, string]>): Promise<T[]> => t.where(':id').between(inProject, past, true, true).toArray();
    const [coders, documents, texts, codes, segments, codings, variables, groups, memos] = await Promise.all([
      all(table('coders')),
      all(table('documents')),
      all(table('documentTexts')),
      all(table('codes')),
      all(table('segments')),
      all(table('codings')),
      all(table('variables')),
      all(table('groups')),
      all(table('memos')),
    ]);
    return { project, coders, documents, texts, codes, segments, codings, variables, groups, memos };
  });
}
