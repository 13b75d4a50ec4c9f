import type { Table, Transaction } from 'dexie';
import type { MarkeerDb, TableName } from './db';
import { keyOf, TABLES } from './db';
import { queueOutbound, writeScope } from './outbox';

/** The database's tables bound to one transaction (typed like MarkeerDb's). */
export type BoundTables = { readonly [K in TableName]: MarkeerDb[K] };

function bind(tx: Transaction): BoundTables {
  const entries = TABLES.map((name) => [name, tx.table(name)] as const);
  return Object.fromEntries(entries) as unknown as BoundTables;
}

type Row = Record<string, unknown>;
type Key = string | [string, string];

/** One row's change inside a command: its value before and after (undefined = absent). */
export interface Change {
  readonly table: TableName;
  readonly key: Key;
  readonly before: Row | undefined;
  readonly after: Row | undefined;
}

/**
 * Writes rows inside a transaction and records each change with its previous value, so that a
 * command can be undone and redone as one step.
 */
export class ChangeRecorder {
  readonly changes: Change[] = [];
  /**
   * Tables bound to this transaction. Commands read and write through these, never through the
   * database object: a long chain of native awaits can lose Dexie's implicit transaction zone,
   * and an explicitly bound table keeps every request inside the one transaction.
   */
  readonly db: BoundTables;
  constructor(tx: Transaction) {
    this.db = bind(tx);
  }

  private table(name: TableName): Table<Row, Key> {
    return this.db[name] as unknown as Table<Row, Key>;
  }

  async put<T extends object>(table: TableName, row: T): Promise<void> {
    const r = row as unknown as Row;
    const key = keyOf(table, r);
    const before = (await this.table(table).get(key)) as Row | undefined;
    await this.table(table).put(r);
    this.changes.push({ table, key, before, after: r });
  }

  /** Writes a row that cannot exist yet (a fresh GUID), without reading it first. */
  async add<T extends object>(table: TableName, row: T): Promise<void> {
    const r = row as unknown as Row;
    await this.table(table).add(r);
    this.changes.push({ table, key: keyOf(table, r), before: undefined, after: r });
  }

  async delete(table: TableName, key: Key): Promise<void> {
    const before = (await this.table(table).get(key)) as Row | undefined;
    if (before === undefined) return;
    await this.table(table).delete(key);
    this.changes.push({ table, key, before, after: undefined });
  }

  async update<T extends object>(table: TableName, key: Key, patch: Partial<T>): Promise<T | undefined> {
    const before = (await this.table(table).get(key)) as Row | undefined;
    if (before === undefined) return undefined;
    const after = { ...before, ...(patch as Row) };
    await this.table(table).put(after);
    this.changes.push({ table, key, before, after });
    return after as T;
  }
}

type ChangeListener = (changes: readonly Change[]) => void;
const listeners = new Set<ChangeListener>();
let channel: BroadcastChannel | null | undefined;

/** The channel on which tabs of this origin tell each other what they committed. */
function tabs(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('markeer-committed');
    channel?.addEventListener('message', (e: MessageEvent<readonly Change[]>) => {
      for (const l of listeners) l(e.data);
    });
  }
  return channel;
}

/**
 * Tells every screen, in this tab and in the others, which rows a committed command changed.
 * Screens that hold large lists (a document's 10,000 codings) patch them with these instead of
 * reading everything again after every write. Every command and every undo or redo goes through
 * here; bulk restores (bundle import, demo) only add new projects, which lists read anew.
 */
export function onCommitted(listener: ChangeListener): () => void {
  tabs();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function publishCommitted(changes: readonly Change[]): void {
  if (changes.length === 0) return;
  publishHere(changes);
  tabs()?.postMessage(changes);
}

/** Tells the screens of this tab only (changes another tab need not hear about). */
function publishHere(changes: readonly Change[]): void {
  if (changes.length === 0) return;
  for (const l of listeners) l(changes);
}

/** The changes that undo `changes`: each row back to its value before, last change first. */
export function invertChanges(changes: readonly Change[]): Change[] {
  return [...changes].reverse().map((c) => ({ ...c, before: c.after, after: c.before }));
}

function sameChange(a: Change, b: Change): boolean {
  return a.table === b.table && JSON.stringify(a.key) === JSON.stringify(b.key) && (a.before === b.before || same(a.before, b.before)) && (a.after === b.after || same(a.after, b.after));
}

/**
 * Shows a command's expected changes in this tab at once, before its transaction commits, the way
 * an editor paints a keystroke before saving it. Returns what to do when the transaction ends:
 * `settle(committed)` replaces the expectation with what was really committed (nothing to do
 * here when they are the same rows; the other tabs hear the committed changes in any case), and
 * `settle(null)` (the write failed) takes the expectation back, so that the screens show exactly
 * what is stored.
 */
export function publishTentative(expected: readonly Change[]): { settle(committed: readonly Change[] | null): void } {
  publishHere(expected);
  let settled = false;
  return {
    settle(committed) {
      if (settled) return;
      settled = true;
      const identical = committed !== null && committed.length === expected.length && committed.every((c, i) => sameChange(c, expected[i] as Change));
      if (!identical) publishHere(invertChanges(expected));
      if (committed === null) return;
      if (identical) tabs()?.postMessage(committed);
      else publishCommitted(committed);
    },
  };
}

/**
 * Runs `body` in one read-write transaction over all project tables, recording its changes, and
 * publishes them once committed. `expected` are changes already shown tentatively
 * (publishTentative): they are confirmed, corrected or taken back when the transaction ends.
 */
export async function recordTransaction<T>(
  db: MarkeerDb,
  body: (rec: ChangeRecorder) => Promise<T>,
  expected?: readonly Change[],
): Promise<{ value: T; changes: Change[] }> {
  const tentative = expected?.length ? publishTentative(expected) : null;
  let rec: ChangeRecorder | null = null;
  let value: T;
  try {
    value = await db.transaction('rw', writeScope(db, TABLES), async (tx) => {
      const recorder = new ChangeRecorder(tx);
      rec = recorder;
      const result = await body(recorder);
      await queueOutbound(db, tx, recorder.changes);
      return result;
    });
  } catch (e) {
    tentative?.settle(null);
    throw e;
  }
  const changes = (rec as ChangeRecorder | null)?.changes ?? [];
  if (tentative) tentative.settle(changes);
  else publishCommitted(changes);
  return { value, changes };
}

function same(a: Row | undefined, b: Row | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies recorded changes backwards (undo) or forwards (redo) in one transaction. Refuses with
 * 'changed-elsewhere' when a row no longer holds the value this step left (e.g. another tab
 * edited it), so that undo never overwrites somebody else's later work.
 */
export async function replayChanges(
  db: MarkeerDb,
  changes: readonly Change[],
  direction: 'undo' | 'redo',
): Promise<{ ok: true } | { ok: false; reason: 'changed-elsewhere' }> {
  const steps = direction === 'undo' ? [...changes].reverse() : changes;
  try {
    await db.transaction('rw', writeScope(db, TABLES), async (tx) => {
      for (const c of steps) {
        const table = tx.table(c.table);
        const expected = direction === 'undo' ? c.after : c.before;
        const target = direction === 'undo' ? c.before : c.after;
        const current = (await table.get(c.key)) as Row | undefined;
        if (!same(current, expected)) throw new ChangedElsewhere();
        if (target === undefined) await table.delete(c.key);
        else await table.put(target);
      }
      await queueOutbound(db, tx, steps);
    });
    publishCommitted(
      steps.map((c) => (direction === 'undo' ? { ...c, before: c.after, after: c.before } : c)),
    );
    return { ok: true };
  } catch (e) {
    if (e instanceof ChangedElsewhere) return { ok: false, reason: 'changed-elsewhere' };
    throw e;
  }
}

class ChangedElsewhere extends Error {}
