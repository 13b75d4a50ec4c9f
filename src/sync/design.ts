import type { StoreName } from '../domain/tables';

/**
 * The rules a team's CouchDB enforces on a synced project: the design document `_design/markeer`
 * with its `validate_doc_update`. CouchDB runs that function on every write by anyone but
 * `_local` documents (replication included, server admins included), so a coder's browser cannot
 * change what the rules forbid, whatever code it runs.
 *
 * A stored record is `{ _id: "<table>:<key>", table, owner, data }` (see ARCHITECTURE.md, live
 * sync): `owner` is the CouchDB user name of the coder whose work it is, or null.
 */

export const DESIGN_DOC_ID = '_design/markeer';

/** Raise it whenever the rules change: `prepareDatabase` installs a newer version over an older one. */
export const DESIGN_VERSION = 1;

/** A synced table: the project record and every project table, by its storage name. */
export type SyncTable = 'projects' | StoreName;

/**
 * Who may write a table's records:
 * - `coder`: only the coder named in `owner` (not even the lead); a null owner (the consensus, or a
 *   coder merged from files without a server account) only the lead;
 * - `coders`: the lead, or the coder whose own record it is (name, colour); one without an owner
 *   only the lead;
 * - `lead`: the lead only (the codebook, the documents, the project's settings).
 *
 * A record keyed by the table names, so that the compiler refuses a table without its rule.
 */
export const TABLE_RULES: Readonly<Record<SyncTable, 'coder' | 'coders' | 'lead'>> = {
  projects: 'lead',
  coders: 'coders',
  documents: 'lead',
  documentTexts: 'lead',
  codes: 'lead',
  segments: 'coder',
  codings: 'coder',
  variables: 'lead',
  groups: 'lead',
  memos: 'coder',
  themes: 'lead',
  attempts: 'coder',
};

/** Every synced table, in TABLE_RULES' order. */
export const SYNC_TABLES = Object.keys(TABLE_RULES) as readonly SyncTable[];

/**
 * The validate function's source. CouchDB runs it in its own JavaScript engine (SpiderMonkey or
 * QuickJS): ES5 only, so no arrow functions, no let/const, no Array.prototype.includes.
 *
 * - The rules come from the doc's `table`, looked up with hasOwnProperty: a table called
 *   `constructor` or `__proto__` is an unknown table, not Object.prototype's.
 * - A deletion replicated by PouchDB may be only `{_id, _rev, _deleted}`: its table and owner are
 *   the old revision's. A deletion whose old revision the server lacks (deleted before it was ever
 *   synced) is judged by the fields it carries, so the engine should keep `table` and `owner` in
 *   its tombstones.
 * - `oldDoc` may be CouchDB's stub of a deleted revision: a record written over a deletion is a new
 *   record, and may have a new owner.
 * - Design documents: CouchDB lets only database admins write them and still runs this function on
 *   them, so an update of these rules must pass it (pouchdb-server never calls it for them).
 * - secObj: CouchDB always passes the database's security object; it is guarded anyway (empty
 *   sections, an older server without the fourth argument). A database without members is public
 *   in CouchDB; these rules still refuse every writer who is not named, so a project database
 *   must list its members (prepareDatabase does).
 */
const VALIDATE_SOURCE = `function (newDoc, oldDoc, userCtx, secObj) {
  var RULES = ${JSON.stringify(TABLE_RULES)};
  function list(value) {
    return Object.prototype.toString.call(value) === '[object Array]' ? value : [];
  }
  function section(name) {
    var s = secObj && typeof secObj === 'object' ? secObj[name] : null;
    return s && typeof s === 'object' ? s : {};
  }
  function has(values, value) {
    for (var i = 0; i < values.length; i++) {
      if (values[i] === value) return true;
    }
    return false;
  }
  function intersects(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (has(b, a[i])) return true;
    }
    return false;
  }
  function refuse(reason) {
    throw({ forbidden: 'markeer:' + reason });
  }
  var name = userCtx && typeof userCtx.name === 'string' ? userCtx.name : null;
  var roles = list(userCtx && userCtx.roles);
  var admins = section('admins');
  var members = section('members');
  var isLead = has(roles, '_admin') || (name !== null && has(list(admins.names), name)) || intersects(roles, list(admins.roles));
  var isMember = isLead || (name !== null && has(list(members.names), name)) || intersects(roles, list(members.roles));
  if (!isMember) refuse('not-member');

  var id = String(newDoc._id);
  if (id.indexOf('_design/') === 0) {
    if (!isLead) refuse('lead-only:_design');
    return;
  }

  var deleting = newDoc._deleted === true;
  var oldLive = oldDoc && oldDoc._deleted !== true ? oldDoc : null;
  var table = newDoc.table;
  if (table === undefined && deleting && oldDoc) table = oldDoc.table;
  if (typeof table !== 'string' || id.indexOf(table + ':') !== 0 || id.length === table.length + 1) refuse('bad-id');
  if (!Object.prototype.hasOwnProperty.call(RULES, table)) refuse('unknown-table:' + table);

  var owner;
  if (deleting) {
    owner = oldLive ? oldLive.owner : newDoc.owner;
    if (typeof owner !== 'string') owner = null;
  } else {
    owner = newDoc.owner;
    if (owner !== null && typeof owner !== 'string') refuse('bad-owner');
    if (oldLive && oldLive.owner !== owner) refuse('owner-changed:' + table);
  }

  var rule = RULES[table];
  if (rule === 'coder') {
    if (owner === null) {
      if (!isLead) refuse('lead-only:' + table);
    } else if (name !== owner) {
      refuse('not-owner:' + table + ':' + owner);
    }
  } else if (rule === 'coders') {
    if (!isLead && owner === null) refuse('lead-only:coders');
    if (!isLead && name !== owner) refuse('not-owner:coders:' + owner);
  } else if (!isLead) {
    refuse('lead-only:' + table);
  }
}`;

export interface DesignDocument {
  readonly _id: typeof DESIGN_DOC_ID;
  readonly language: 'javascript';
  readonly validate_doc_update: string;
  readonly markeer: { readonly version: number };
}

/** The design document as it is stored (without `_rev`: add the current one to update it). */
export function designDocument(): DesignDocument {
  return { _id: DESIGN_DOC_ID, language: 'javascript', validate_doc_update: VALIDATE_SOURCE, markeer: { version: DESIGN_VERSION } };
}

/** Why the server refused a write, from the `reason` of its 403 `forbidden` answer. */
export type Refusal =
  | { readonly kind: 'not-member' }
  | { readonly kind: 'bad-id' }
  | { readonly kind: 'bad-owner' }
  | { readonly kind: 'unknown-table'; readonly table: string }
  | { readonly kind: 'owner-changed'; readonly table: string }
  | { readonly kind: 'not-owner'; readonly table: string; readonly owner: string }
  /** `table` is `_design` for the rules themselves. */
  | { readonly kind: 'lead-only'; readonly table: string }
  /** Not one of these rules' reasons: the server's own text. */
  | { readonly kind: 'other'; readonly text: string };

/**
 * Reads a refusal of the validate function (`markeer:not-owner:segments:anna`). A user name may
 * contain `:`, so the owner is everything after the table.
 */
export function parseRefusal(reason: string): Refusal {
  const other: Refusal = { kind: 'other', text: reason };
  if (!reason.startsWith('markeer:')) return other;
  const [kind = '', ...rest] = reason.slice('markeer:'.length).split(':');
  const table = rest[0] ?? '';
  switch (kind) {
    case 'not-member':
    case 'bad-id':
    case 'bad-owner':
      return rest.length === 0 ? { kind } : other;
    case 'unknown-table':
      // The table is whatever the doc said: it may contain ':'.
      return rest.length > 0 ? { kind, table: rest.join(':') } : other;
    case 'owner-changed':
    case 'lead-only':
      return rest.length === 1 && table !== '' ? { kind, table } : other;
    case 'not-owner':
      return rest.length >= 2 && table !== '' ? { kind, table, owner: rest.slice(1).join(':') } : other;
    default:
      return other;
  }
}
