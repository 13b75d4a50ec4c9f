import type { Guid } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { PROJECT_TABLES, type ListName } from '../domain/tables';
import { onCommitted, type Change } from './changes';
import type { MarkeerDb, TableName } from './db';
import { readProjectData } from './project-data';

type Row = Record<string, unknown>;

/** The list of ProjectData a table stores, with the field that (after projectGuid) keys its rows. */
const LIST_OF = new Map<TableName, { list: ListName; key: 'guid' | 'documentGuid' }>(PROJECT_TABLES.map((t) => [t.store as TableName, { list: t.list, key: t.key }]));

/**
 * The project after `changes`, as published by storage/changes.ts (each a row's value before and
 * after). Lists are in primary-key order (readProjectData's: the key field's code-unit order) and
 * stay so; a list no change touches keeps its identity, so that what was computed from it stays
 * valid. Changes to other projects are ignored. Applying a change whose result is already there
 * changes nothing, so changes published while the project was being read can be applied again
 * after the read. Null when the project itself was deleted.
 */
export function patchProjectData(data: ProjectData, changes: readonly Change[]): ProjectData | null {
  const projectGuid = data.project.guid;
  let project = data.project;
  // Per list: key -> the row's final value (undefined: deleted), in the order of the changes.
  const edits = new Map<ListName, { key: 'guid' | 'documentGuid'; rows: Map<string, Row | undefined> }>();
  for (const c of changes) {
    const row = c.after ?? c.before;
    if (c.table === 'projects') {
      if (row?.guid !== projectGuid) continue;
      if (!c.after) return null;
      project = c.after as unknown as ProjectData['project'];
      continue;
    }
    const of = LIST_OF.get(c.table);
    if (!of || row?.projectGuid !== projectGuid) continue;
    let e = edits.get(of.list);
    if (!e) edits.set(of.list, (e = { key: of.key, rows: new Map() }));
    e.rows.set(String(row[of.key]), c.after);
  }
  if (project === data.project && edits.size === 0) return data;
  const next: Record<string, unknown> = { ...data, project };
  for (const [list, { key, rows }] of edits) next[list] = mergeSorted(data[list] as unknown as readonly Row[], key, rows);
  return next as unknown as ProjectData;
}

/** `rows` (sorted by `key`) with the edited rows replaced, removed or inserted in order. */
function mergeSorted(rows: readonly Row[], key: string, edits: ReadonlyMap<string, Row | undefined>): Row[] {
  const added = [...edits.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Row[] = [];
  let j = 0;
  for (const row of rows) {
    const k = String(row[key]);
    for (; j < added.length && (added[j] as string) < k; j++) {
      const value = edits.get(added[j] as string);
      if (value) out.push(value);
    }
    if (j < added.length && added[j] === k) {
      const value = edits.get(k);
      if (value) out.push(value);
      j++;
    } else out.push(row);
  }
  for (; j < added.length; j++) {
    const value = edits.get(added[j] as string);
    if (value) out.push(value);
  }
  return out;
}

type Listener = (data: ProjectData | null) => void;

interface Entry {
  readonly db: MarkeerDb;
  readonly projectGuid: Guid;
  /** Undefined while the first read runs; null when there is no such project. */
  data: ProjectData | null | undefined;
  readonly loaded: Promise<ProjectData | null>;
  readonly listeners: Set<Listener>;
  readonly off: () => void;
}

let current: Entry | null = null;

/**
 * The open project in memory, for the screens that work on all of it (analyses, agreement): read
 * once, in one transaction, then kept current by patching it with every committed change (the
 * changes every write publishes, in this tab and the others: storage/changes.ts), instead of
 * reading it all again. Reading W2 (36,000 segments, 6 M characters) takes seconds; a patch takes
 * a millisecond. One project is held at a time: asking for another lets the previous one go.
 */
function entryFor(db: MarkeerDb, projectGuid: Guid): Entry {
  if (current && current.db === db && current.projectGuid === projectGuid) return current;
  releaseProjectSnapshot();
  // Changes published while the read runs may or may not be in what it reads: all of them are
  // applied after it again (patching is idempotent), so none is lost.
  let pending: Change[] | null = [];
  const entry: Entry = {
    db,
    projectGuid,
    data: undefined,
    listeners: new Set(),
    off: onCommitted((changes) => {
      if (pending) {
        pending.push(...changes);
        return;
      }
      if (!entry.data) return;
      const next = patchProjectData(entry.data, changes);
      if (next === entry.data) return;
      entry.data = next;
      for (const l of entry.listeners) l(next);
    }),
    // Page by page (readProjectData's onRead): no one long task turns the rows into objects, so
    // that reading ahead never holds up the coder's next keypress for long.
    loaded: readProjectData(db, projectGuid, { onRead: () => undefined }).then(
      (read) => {
        const data = read && pending?.length ? patchProjectData(read, pending) : read;
        pending = null;
        if (current !== entry) return data;
        entry.data = data;
        for (const l of entry.listeners) l(data);
        return data;
      },
      (e: unknown) => {
        pending = null;
        if (current === entry) releaseProjectSnapshot();
        throw e;
      },
    ),
  };
  current = entry;
  return entry;
}

/** The project as held in memory now: undefined while it is being read (or not asked for yet). */
export function projectSnapshot(db: MarkeerDb, projectGuid: Guid): ProjectData | null | undefined {
  return current && current.db === db && current.projectGuid === projectGuid ? current.data : undefined;
}

/** Starts reading the project into memory (if it is not there yet); resolves when it is. */
export function loadProjectSnapshot(db: MarkeerDb, projectGuid: Guid): Promise<ProjectData | null> {
  return entryFor(db, projectGuid).loaded;
}

/**
 * Calls `listener` with the project whenever it changes (and once when its first read is done);
 * starts that read when needed. Returns the function that stops listening.
 */
export function subscribeProjectSnapshot(db: MarkeerDb, projectGuid: Guid, listener: Listener): () => void {
  const entry = entryFor(db, projectGuid);
  entry.listeners.add(listener);
  return () => entry.listeners.delete(listener);
}

/** Lets the project in memory go (the workspace closed it). */
export function releaseProjectSnapshot(projectGuid?: Guid): void {
  if (!current || (projectGuid !== undefined && current.projectGuid !== projectGuid)) return;
  current.off();
  current = null;
}
