import type { TableName } from '../storage/db';

/**
 * How a Markeer record travels to and from a team's CouchDB: one CouchDB document per record, in
 * one database per project.
 *
 *   { _id: "<table>:<guid>", table: "<table>", owner: "<CouchDB user>" | null, data: { ...row } }
 *
 * `owner` is whose work the record is: the coder's CouchDB user for a connected coder's segments,
 * codings, memos and exercise attempts (and their own coder record); null for everything the lead
 * keeps (codebook, documents, variables, groups, themes, the project, the consensus, and the work
 * of coders merged from files who have no account). The server's validate function
 * (src/sync/design.ts) checks every write against it; an owner never changes.
 *
 * Some fields of a record are this browser's own and never travel: who works in this browser
 * (`Project.ownerCoderGuid`), where that person is in the phases, whether it is the demo, when the
 * project was last touched here, and which coders marked a document read here.
 */
export interface TeamDoc {
  readonly _id: string;
  readonly _rev?: string;
  readonly _deleted?: boolean;
  readonly _conflicts?: readonly string[];
  readonly table: TableName;
  readonly owner: string | null;
  readonly data: Row;
}

export type Row = Record<string, unknown>;

/** The tables whose records are one coder's work, and the field that names the coder. */
export const CODER_FIELD = new Map<TableName, string>([
  ['segments', 'coderGuid'],
  ['codings', 'coderGuid'],
  ['memos', 'authorGuid'],
  ['attempts', 'coderGuid'],
]);

/** The tables that travel, each with the fields of its records that stay in this browser. */
const LOCAL_FIELDS = new Map<TableName, readonly string[]>([
  ['projects', ['ownerCoderGuid', 'phase', 'demo', 'updatedAt']],
  ['coders', []],
  ['documents', ['readBy']],
  ['documentTexts', []],
  ['codes', []],
  ['segments', []],
  ['codings', []],
  ['variables', []],
  ['groups', []],
  ['memos', []],
  ['themes', []],
  ['attempts', []],
]);

export const SYNCED_TABLES: readonly TableName[] = [...LOCAL_FIELDS.keys()];

export function docId(table: TableName, key: string): string {
  return `${table}:${key}`;
}

/** The table and key of a document id, or null for another document (a design document). */
export function parseDocId(id: string): { table: TableName; key: string } | null {
  const colon = id.indexOf(':');
  if (colon < 0) return null;
  const table = id.slice(0, colon) as TableName;
  if (!LOCAL_FIELDS.has(table)) return null;
  return { table, key: id.slice(colon + 1) };
}

/** The part of a row that travels. */
export function sharedPart(table: TableName, row: Row): Row {
  const local = LOCAL_FIELDS.get(table) ?? [];
  if (local.length === 0) return row;
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (!local.includes(k)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * The row this browser stores for a document: the shared part from the server with this
 * browser's own fields of the row it already has (`local`, absent for a new record).
 */
export function rowFromDoc(doc: TeamDoc, local: Row | undefined): Row {
  const row: Row = { ...doc.data };
  for (const field of LOCAL_FIELDS.get(doc.table) ?? []) {
    if (local && Object.hasOwn(local, field)) row[field] = local[field];
  }
  return row;
}

/** Who identifies this browser to the server for one project. */
export interface Identity {
  /** The CouchDB user signed in. */
  readonly user: string;
  /** The coder that user is in the project (Project.ownerCoderGuid). */
  readonly coderGuid: string;
}

/**
 * The owner a record gets when this browser sends it: an existing document keeps its owner (the
 * server refuses a change of owner); a new record of a coder table is the signed-in user's when it
 * is their own work, and the lead's (null) otherwise; a coder record is its `couchUser`'s.
 */
export function ownerFor(table: TableName, row: Row, me: Identity, existing: TeamDoc | undefined): string | null {
  if (existing && !existing._deleted) return existing.owner;
  if (table === 'coders') return typeof row.couchUser === 'string' ? row.couchUser : null;
  const field = CODER_FIELD.get(table);
  if (field === undefined) return null;
  return row[field] === me.coderGuid ? me.user : null;
}

/** Whether two values are the same JSON (key order of records included; ours is stable). */
export function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
