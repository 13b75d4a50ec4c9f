import Dexie, { type Table } from 'dexie';
import type { Guid } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { PROJECT_LISTS, mapLists, type ListName } from '../domain/tables';
import { storeOf, TABLES, type MarkeerDb } from './db';

export interface ReadProjectOptions {
  /**
   * Called as the project is read: `project` first, then each list in the order of the names, a
   * page of rows at a time (`rows` holds every row of that list read so far, in primary-key order,
   * that is GUID order; `done` on its last call), so that an export can start writing before the
   * rest is read. Given this, the lists are read one page after the other, one request always on
   * its way while the last page is handled.
   */
  readonly onRead?: <K extends keyof ProjectData>(field: K, rows: ProjectData[K], done: boolean) => void;
  /**
   * With `onRead`: lists read before the others (in this order), the rest following in the order
   * of the names. An export reads the texts first, so that they are compressed while the records
   * are read.
   */
  readonly first?: readonly ListName[];
}

/** Rows per request when the read is followed page by page (`onRead`). */
const PAGE = 4000;

/**
 * Everything stored for one project, read in one read transaction so that the parts agree with
 * each other (no write from another tab lands in between). Null when there is no such project.
 */
export async function readProjectData(db: MarkeerDb, projectGuid: Guid, options: ReadProjectOptions = {}): Promise<ProjectData | null> {
  readsUnderWay++;
  try {
    return await readInOneTransaction(db, projectGuid, options);
  } finally {
    readsUnderWay--;
  }
}

/**
 * Whole-project reads under way (an export, a report): the project snapshot's read-ahead
 * (project-snapshot.ts) waits for them rather than compete with them for IndexedDB and the CPU.
 */
let readsUnderWay = 0;
export const wholeProjectReadsUnderWay = (): number => readsUnderWay;

function readInOneTransaction(db: MarkeerDb, projectGuid: Guid, options: ReadProjectOptions): Promise<ProjectData | null> {
  return db.transaction('r', TABLES.map((t) => db.table(t)), async (tx) => {
    // Tables bound to the transaction, as in changes.ts: every read stays inside it.
    const table = <K extends (typeof TABLES)[number]>(name: K) => tx.table(name) as MarkeerDb[K];
    const project = await table('projects').get(projectGuid);
    if (!project) return null;
    const onRead = options.onRead;
    onRead?.('project', project, true);
    // Every list, by the name it has in ProjectData, in the order of those names (project.json's,
    // code-unit order: "coders" before "codes"), as domain/tables.ts declares them.
    const lists = mapLists((list) => tx.table(storeOf(list)) as Table<unknown, [string, string]>);
    type Lists = { -readonly [K in ListName]: ProjectData[K] };
    // Every table's primary key starts with the project GUID: a range of the primary key reads the
    // rows in one sweep of the store, where the projectGuid index would look each row up again.
    const past = [projectGuid, Dexie.maxKey] as [string, unknown];
    const range = <T,>(t: Table<T, [string, string]>, after: unknown = Dexie.minKey, limit = Infinity): Promise<T[]> =>
      t.where(':id').between([projectGuid, after], past, after === Dexie.minKey, true).limit(limit).toArray();
    if (!onRead) {
      const names = PROJECT_LISTS;
      const read = await Promise.all(names.map((n) => range(lists[n])));
      return { project, ...(Object.fromEntries(names.map((n, i) => [n, read[i]])) as unknown as Lists) };
    }
    const read = {} as Record<string, unknown[]>;
    const first = options.first ?? [];
    const names = [...first, ...PROJECT_LISTS.filter((n) => !first.includes(n))];
    // The next page: of the same list after its last row, or else the first of the next list.
    const request = (i: number, after?: unknown) => {
      const name = names[i];
      return name === undefined ? null : { i, name, page: range(lists[name], after, PAGE) };
    };
    const lastKey = (name: ListName, row: unknown): unknown => {
      const path = lists[name].schema.primKey.keyPath;
      return ((Array.isArray(path) ? path : [path]) as string[]).map((p) => (row as Record<string, unknown>)[p])[1];
    };
    for (let next = request(0); next !== null; ) {
      const { i, name, page } = next;
      const rows = await page;
      const all = (read[name] ??= []);
      for (const row of rows) all.push(row);
      const done = rows.length < PAGE;
      next = done ? request(i + 1) : request(i, lastKey(name, rows[rows.length - 1]));
      onRead(name, all as never, done);
    }
    // The lists in the order of their names, however they were read.
    return { project, ...(Object.fromEntries(PROJECT_LISTS.map((n) => [n, read[n]])) as unknown as Lists) };
  });
}
