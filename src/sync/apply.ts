import type { Table } from 'dexie';
import { publishCommitted, type Change } from '../storage/changes';
import { keyOf, TABLES, type MarkeerDb, type TableName } from '../storage/db';
import { writeScope } from '../storage/outbox';
import { ATTEMPT_SHAPE, CODE_SHAPE, CODER_SHAPE, CODING_SHAPE, DOCUMENT_SHAPE, GROUP_SHAPE, MEMO_SHAPE, PROJECT_SHAPE, readRecord, SEGMENT_SHAPE, TEXT_SHAPE, THEME_SHAPE, VARIABLE_SHAPE } from '../io/bundle/fields';
import { CODER_FIELD, docId, parseDocId, rowFromDoc, sameData, type Row, type TeamDoc } from './docs';

type Key = string | [string, string];

/** What a record of each table must look like to enter the project (as a bundle's records must). */
const SHAPES = new Map<TableName, Parameters<typeof readRecord>[1]>([
  ['projects', PROJECT_SHAPE],
  ['coders', CODER_SHAPE],
  ['documents', DOCUMENT_SHAPE],
  ['documentTexts', TEXT_SHAPE],
  ['codes', CODE_SHAPE],
  ['segments', SEGMENT_SHAPE],
  ['codings', CODING_SHAPE],
  ['variables', VARIABLE_SHAPE],
  ['groups', GROUP_SHAPE],
  ['memos', MEMO_SHAPE],
  ['themes', THEME_SHAPE],
  ['attempts', ATTEMPT_SHAPE],
]);

/**
 * The row, when it has the shape of its table; null otherwise (another client wrote a record this
 * Markeer cannot read: it stays on the server and out of the project).
 */
function readable(table: TableName, row: Row): Row | null {
  const shape = SHAPES.get(table);
  if (!shape) return null;
  if (table === 'documentTexts' && typeof row.text !== 'string') return null;
  const read = readRecord(row, shape, table);
  if (!read.ok) {
    console.warn(`Markeer: a record from the team server is not readable and stays out of the project: ${read.problem}`);
    return null;
  }
  return read.record as Row;
}

/** `meta` keys of a connected project's sync state in this browser. */
export const seqMetaKey = (projectGuid: string): string => `team-seq:${projectGuid}`;
export const conflictsMetaKey = (projectGuid: string): string => `team-conflicts:${projectGuid}`;

/**
 * Brings records that arrived from the team server into the project, as one transaction of its
 * own: it is not a command, the undo history never sees it (an undo of a local step whose rows
 * changed here since refuses with 'changed-elsewhere'), and it queues nothing for the server.
 *
 * A record still waiting in the outbox is skipped: this browser's newer version goes out, and
 * comes back from the replica when it has been sent. `seq` is the replica's position after these
 * documents; it is stored in the same transaction, so a reload resumes exactly after them.
 * Which records are in conflict (`_conflicts`) is kept for the conflicts dialog.
 *
 * Returns the changes, as every screen hears them (storage/changes.ts `publishCommitted`).
 */
export async function applyRemoteDocs(db: MarkeerDb, projectGuid: string, docs: readonly TeamDoc[], seq: number | string | null): Promise<Change[]> {
  const changes: Change[] = [];
  // A project deleted or disconnected in this browser takes nothing more from the server.
  if (!db.teamProjects.has(projectGuid)) return changes;
  await db.transaction('rw', [...writeScope(db, TABLES), 'meta'], async (tx) => {
    const waiting = new Set(
      (await tx.table('syncOutbox').where('projectGuid').equals(projectGuid).toArray()).map((e: { table: TableName; key: string }) => docId(e.table, e.key)),
    );
    const conflictsRecord = (await tx.table('meta').get(conflictsMetaKey(projectGuid))) as { value?: unknown } | undefined;
    const conflicts = new Set(Array.isArray(conflictsRecord?.value) ? (conflictsRecord.value as string[]) : []);
    const conflictsBefore = JSON.stringify([...conflicts].sort());

    const byTable = new Map<TableName, TeamDoc[]>();
    for (const doc of docs) {
      const parsed = parseDocId(doc._id);
      if (!parsed) continue;
      if (doc._conflicts?.length) conflicts.add(doc._id);
      else conflicts.delete(doc._id);
      if (waiting.has(doc._id)) continue;
      if (!doc._deleted && (typeof doc.data !== 'object' || doc.data === null || doc.table !== parsed.table)) continue;
      if (parsed.table === 'projects' && parsed.key !== projectGuid) continue;
      byTable.set(parsed.table, [...(byTable.get(parsed.table) ?? []), doc]);
    }

    // Whose account each coder is, to check that a coder's work names that coder's account as its
    // owner. The server's rules check the owner against who writes; on CouchDB a replicated write
    // can still start a branch of someone else's record naming the writer as owner, and that
    // version stays out here. Coder records are applied first, so a new coder's work finds them.
    const accounts = new Map<string, string | null>();
    for (const c of (await tx.table('coders').where('projectGuid').equals(projectGuid).toArray()) as { guid: string; couchUser?: string }[]) {
      accounts.set(c.guid, c.couchUser ?? null);
    }
    const ordered = [...byTable].sort(([a], [b]) => Number(b === 'coders') - Number(a === 'coders'));
    for (const [table, list] of ordered) {
      const store = tx.table(table) as Table<Row, Key>;
      const keys = list.map((d) => rowKey(table, projectGuid, (parseDocId(d._id) as { key: string }).key));
      const current = await store.bulkGet(keys);
      const puts: Row[] = [];
      const deletes: Key[] = [];
      list.forEach((doc, i) => {
        const before = current[i];
        const key = keys[i] as Key;
        if (doc._deleted) {
          if (before === undefined) return;
          deletes.push(key);
          changes.push({ table, key, before, after: undefined });
          return;
        }
        const merged = rowFromDoc(doc, before);
        // A record belongs to the project it arrived in, whatever the document says.
        if (table === 'projects') merged.guid = projectGuid;
        else merged.projectGuid = projectGuid;
        const row = readable(table, merged);
        if (!row) return;
        if (table !== 'projects' && keyOf(table, row)[1] !== (key as [string, string])[1]) return;
        if (!ownedAsExpected(table, row, doc.owner, accounts)) return;
        if (table === 'coders') accounts.set(row.guid as string, (row.couchUser as string | undefined) ?? null);
        if (before !== undefined && sameData(before, row)) return;
        puts.push(row);
        changes.push({ table, key, before, after: row });
      });
      if (puts.length) await store.bulkPut(puts);
      if (deletes.length) await store.bulkDelete(deletes);
    }
    if (seq !== null) await tx.table('meta').put({ key: seqMetaKey(projectGuid), value: seq });
    if (JSON.stringify([...conflicts].sort()) !== conflictsBefore) {
      await tx.table('meta').put({ key: conflictsMetaKey(projectGuid), value: [...conflicts].sort() });
    }
  });
  publishCommitted(changes);
  return changes;
}

/**
 * Whether a record's owner is the one its content implies: a coder record's is its `couchUser`,
 * the work of a coder this project knows is that coder's account (none: the lead's, null). Work of
 * a coder not known yet is taken as it is.
 */
function ownedAsExpected(table: TableName, row: Row, owner: string | null, accounts: ReadonlyMap<string, string | null>): boolean {
  if (table === 'coders') return owner === ((row.couchUser as string | undefined) ?? null);
  const field = CODER_FIELD.get(table);
  if (field === undefined) return true;
  const coder = row[field] as string;
  return !accounts.has(coder) || accounts.get(coder) === owner;
}

function rowKey(table: TableName, projectGuid: string, key: string): Key {
  return table === 'projects' ? key : [projectGuid, key];
}
