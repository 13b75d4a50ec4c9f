import Dexie, { type Table } from 'dexie';
import type { Guid } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { PROJECT_LISTS, PROJECT_TABLES, type ListName } from '../domain/tables';
import { onCommitted, type Change } from './changes';
import { storeOf, type MarkeerDb, type TableName } from './db';
import { wholeProjectReadsUnderWay } from './project-data';

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

/**
 * Rows per read: each page is its own short read transaction, and turning its rows into objects
 * one task (about 12 ms for 1,000 codings on the bench machine; 4,000 held a key back by 50 ms).
 */
const PAGE = 1000;
/** Fields whose values repeat across rows (the project, document, coder, segment, code they refer to). */
const SHARED_FIELDS = ['projectGuid', 'documentGuid', 'coderGuid', 'segmentGuid', 'codeGuid', 'authorGuid', 'parentGuid', 'createdAt'];

/**
 * Reads the whole project a page at a time, each page in a read transaction of its own, so that
 * the coder's writes never wait for the read (one transaction over a project of 400,000 rows
 * would hold every write back for as long as it runs, half a minute on W3). The pages need not
 * agree with each other: every change committed meanwhile is heard and applied on top afterwards.
 * Strings that repeat across rows (the GUIDs a row refers to) are kept once, not once per row:
 * IndexedDB gives every row its own copies, about 60 bytes each.
 *
 * The lists are read side by side, each page after page: while this page turns one list's rows
 * into objects, the browser's database process already reads the next page of another, instead
 * of each waiting for the other.
 */
async function readPaged(db: MarkeerDb, projectGuid: Guid, paused: () => boolean): Promise<ProjectData | null> {
  const wait = () => wholeProjectReadsUnderWay() > 0 || paused();
  while (wait()) await new Promise((resolve) => setTimeout(resolve, 50));
  const project = await db.projects.get(projectGuid);
  if (!project) return null;
  const strings = new Map<string, string>();
  const intern = (row: Row) => {
    for (const field of SHARED_FIELDS) {
      const value = row[field];
      if (typeof value !== 'string') continue;
      const known = strings.get(value);
      if (known === undefined) strings.set(value, value);
      else row[field] = known;
    }
    const guid = row.guid;
    if (typeof guid === 'string') {
      const known = strings.get(guid);
      if (known === undefined) strings.set(guid, guid);
      else row.guid = known;
    }
  };
  const readList = async (list: ListName): Promise<Row[]> => {
    const table = db.table(storeOf(list)) as Table<Row, [string, string]>;
    const key = LIST_OF.get(storeOf(list) as TableName)?.key ?? 'guid';
    const rows: Row[] = [];
    let after: unknown = Dexie.minKey;
    for (;;) {
      const page = await table.where(':id').between([projectGuid, after], [projectGuid, Dexie.maxKey], after === Dexie.minKey, true).limit(PAGE).toArray();
      for (const row of page) {
        intern(row);
        rows.push(row);
      }
      if (page.length < PAGE) return rows;
      after = (page[page.length - 1] as Row)[key];
      // A task between pages: the coder's keys and writes come first, an export or report reading
      // the whole project finishes before this read goes on, and a read ahead waits while its
      // pause says so (the coder is at work).
      do await new Promise((resolve) => setTimeout(resolve, wait() ? 50 : 0));
      while (wait());
    }
  };
  const lists = await Promise.all(PROJECT_LISTS.map(readList));
  const data: Record<string, unknown> = { project };
  PROJECT_LISTS.forEach((list, i) => (data[list] = lists[i]));
  return data as unknown as ProjectData;
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
  /** Changes heard since the last patch, applied a moment later or when the project is read. */
  queued: Change[];
  timer: ReturnType<typeof setTimeout> | null;
  /** A read ahead of need waits between pages while `pause` says so; null once a screen waits for it. */
  readonly gate: { pause: (() => boolean) | null };
}

/**
 * How long changes gather before they are patched in. Never in the task that publishes them: that
 * is the keypress that applies a code, and copying lists of 400,000 rows would hold back the frame
 * that paints it.
 */
const PATCH_DELAY_MS = 100;

/**
 * Patches the queued changes in. Listeners hear of it now, or (`later`: the project is being read
 * in the middle of a render, say) in a task of their own.
 */
function flush(entry: Entry, later = false): void {
  if (entry.timer !== null) clearTimeout(entry.timer);
  entry.timer = null;
  const changes = entry.queued;
  if (changes.length === 0 || !entry.data) return;
  entry.queued = [];
  const next = patchProjectData(entry.data, changes);
  if (next === entry.data) return;
  entry.data = next;
  const tell = () => {
    if (current === entry && entry.data === next) for (const l of entry.listeners) l(next);
  };
  if (later) setTimeout(tell, 0);
  else tell();
}

let current: Entry | null = null;

/**
 * The open project in memory, for the screens that work on all of it (analyses, agreement): read
 * once, page by page, then kept current by patching it with every committed change (the
 * changes every write publishes, in this tab and the others: storage/changes.ts), instead of
 * reading it all again. Reading W2 (36,000 segments, 6 M characters) takes seconds; a patch takes
 * a millisecond. One project is held at a time: asking for another lets the previous one go.
 */
function entryFor(db: MarkeerDb, projectGuid: Guid, pause: (() => boolean) | null): Entry {
  if (current && current.db === db && current.projectGuid === projectGuid) {
    // Somebody needs it now: no more pausing.
    if (!pause) current.gate.pause = null;
    return current;
  }
  releaseProjectSnapshot();
  // Changes published while the read runs may or may not be in what it reads: all of them are
  // applied after it again (patching is idempotent), so none is lost.
  let pending: Change[] | null = [];
  const gate = { pause };
  const entry: Entry = {
    db,
    projectGuid,
    data: undefined,
    listeners: new Set(),
    queued: [],
    timer: null,
    gate,
    off: onCommitted((changes) => {
      // One at a time, not spread: a batch from another tab's import can hold more rows than a
      // call's arguments may.
      if (pending) {
        for (const c of changes) pending.push(c);
        return;
      }
      if (!entry.data) return;
      for (const c of changes) entry.queued.push(c);
      entry.timer ??= setTimeout(() => flush(entry), PATCH_DELAY_MS);
    }),
    // Page by page: no one long task turns the rows into objects, and no long transaction holds
    // the coder's writes back.
    loaded: readPaged(db, projectGuid, () => gate.pause?.() ?? false).then(
      (read) => {
        const data = read && pending?.length ? patchProjectData(read, pending) : read;
        pending = null;
        // Benchmarks wait for this before timing a click on an analysis (bench/measure-analysis.ts).
        if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark('markeer:project-read');
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
  // A failed read is reported to whoever waits for it (loadProjectSnapshot); the screens that only
  // listen keep showing "loading", and nothing is left unhandled.
  entry.loaded.catch(() => undefined);
  current = entry;
  return entry;
}

/** The project as held in memory now: undefined while it is being read (or not asked for yet). */
export function projectSnapshot(db: MarkeerDb, projectGuid: Guid): ProjectData | null | undefined {
  if (!current || current.db !== db || current.projectGuid !== projectGuid) return undefined;
  flush(current, true);
  return current.data;
}

/**
 * Starts reading the project into memory (if it is not there yet); resolves when it is. A read
 * ahead of need (`pause`) waits between its pages while `pause()` is true, until a screen asks for
 * the project (subscribeProjectSnapshot, or a load without a pause).
 */
export function loadProjectSnapshot(db: MarkeerDb, projectGuid: Guid, pause?: () => boolean): Promise<ProjectData | null> {
  return entryFor(db, projectGuid, pause ?? null).loaded;
}

/**
 * Calls `listener` with the project whenever it changes (and once when its first read is done);
 * starts that read when needed. Returns the function that stops listening.
 */
export function subscribeProjectSnapshot(db: MarkeerDb, projectGuid: Guid, listener: Listener): () => void {
  const entry = entryFor(db, projectGuid, null);
  entry.listeners.add(listener);
  return () => entry.listeners.delete(listener);
}

/** Lets the project in memory go (the workspace closed it). */
export function releaseProjectSnapshot(projectGuid?: Guid): void {
  if (!current || (projectGuid !== undefined && current.projectGuid !== projectGuid)) return;
  current.off();
  if (current.timer !== null) clearTimeout(current.timer);
  current = null;
}
