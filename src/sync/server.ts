import { fail, ok, type Result } from '../domain/assert';
import { DESIGN_DOC_ID, DESIGN_VERSION, designDocument } from './design';

/**
 * Talking to a team's CouchDB 3.x (or pouchdb-server) about one project's database: signing in,
 * looking at the database, and what the lead's *Team server* button does. Runs in the browser and
 * in Node; every request goes through an injectable `fetch`.
 *
 * The browser keeps CouchDB's `AuthSession` cookie (HttpOnly) after signIn: the default fetch
 * sends credentials, and the password is never stored anywhere, nor put in a URL.
 */

/** Where a project's database lives. */
export interface DatabaseAddress {
  /** The server's root URL, with a trailing slash: `https://couch.uni.nl/`, `http://127.0.0.1:5984/prefix/`. */
  readonly server: string;
  /** The database's name, decoded (`team/interviews`). */
  readonly name: string;
  /** The database's URL: normalised, without a trailing slash or credentials. */
  readonly url: string;
}

/** CouchDB's rule for a database name. */
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

/**
 * Reads a database URL a person typed or pasted. The database is the last segment of the path (a
 * `/` in its name is written `%2F`); only http and https; a URL with a user name or password is
 * refused (passwords never go in URLs). `detail` says why: `not-a-url`, `not-http`,
 * `has-credentials`, `has-query`, `no-database`, `bad-name`.
 */
export function parseDatabaseUrl(input: string): Result<DatabaseAddress, 'invalid-url'> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return fail('invalid-url', 'not-a-url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('invalid-url', 'not-http');
  if (url.username !== '' || url.password !== '') return fail('invalid-url', 'has-credentials');
  if (url.search !== '' || url.hash !== '') return fail('invalid-url', 'has-query');
  const segments = url.pathname.replace(/\/$/, '').split('/');
  const encoded = segments.pop() ?? '';
  if (encoded === '') return fail('invalid-url', 'no-database');
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return fail('invalid-url', 'bad-name');
  }
  if (!DATABASE_NAME.test(name)) return fail('invalid-url', 'bad-name');
  const server = `${url.origin}${segments.join('/')}/`;
  return ok({ server, name, url: `${server}${encodeURIComponent(name)}` });
}

/**
 * Why a request to the server failed. A `Result` failure (`reason` is the kind, for the UI's
 * texts), with the HTTP status and the server's own reason text in `detail` when it answered.
 *
 * - `unreachable`: fetch itself failed: the browser is offline, the host is wrong, or the server
 *   does not allow this app's origin (CORS with credentials not set up); the browser cannot tell
 *   these apart.
 * - `wrong-password`: the server refused the name and password.
 * - `not-signed-in`: the request needs a signed-in user and there is none (or the session expired).
 * - `not-member`: the signed-in user may not read the database.
 * - `cannot-create-database`: the database is missing and the user may not create it (only a server
 *   admin may).
 * - `cannot-write-security`: the user may not change who the database's lead and members are (only
 *   its admins and server admins may).
 * - `cannot-install-rules`: the user may not write `_design/markeer` (only the database's admins may).
 * - `server`: any other answer: `status` and `detail` say what.
 */
export type ServerFailureKind =
  | 'unreachable'
  | 'wrong-password'
  | 'not-signed-in'
  | 'not-member'
  | 'cannot-create-database'
  | 'cannot-write-security'
  | 'cannot-install-rules'
  | 'server';

export interface ServerFailure {
  readonly ok: false;
  readonly reason: ServerFailureKind;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  /** The server's own reason text (or the error fetch threw). */
  readonly detail?: string;
}

/** A `Result` whose failure also carries the HTTP status. */
export type ServerResult<T> = { readonly ok: true; readonly value: T } | ServerFailure;

/** Who is signed in: `name` null when nobody is. */
export interface Session {
  readonly name: string | null;
  readonly roles: readonly string[];
}

export interface SecuritySection {
  readonly names: readonly string[];
  readonly roles: readonly string[];
}

/** A database's `_security`: its admins (Markeer's leads) and members. */
export interface SecurityObject {
  readonly admins: SecuritySection;
  readonly members: SecuritySection;
}

/** What the signed-in user may do in a project's database, by the validate function's rule. */
export type DatabaseRole = 'lead' | 'member' | 'none';

export interface DatabaseInspection {
  readonly session: Session;
  /** `no-access`: it exists, but the user may not read it (or nobody is signed in). */
  readonly database: 'exists' | 'missing' | 'no-access';
  /** Null when the database is missing or `_security` cannot be read. */
  readonly security: SecurityObject | null;
  /** The installed `_design/markeer`'s version (0 when it has none); null when missing or unreadable. */
  readonly designVersion: number | null;
  readonly role: DatabaseRole;
}

export interface PrepareReport {
  /** The database was created. */
  readonly created: boolean;
  /** `_security` was written (the lead or members were missing from it). */
  readonly security: boolean;
  /** `_design/markeer` was installed or updated. */
  readonly design: boolean;
}

type Fetch = typeof fetch;

/** The global fetch, sending and keeping CouchDB's session cookie, also across origins. */
const withCookies: Fetch = (input, init) => fetch(input, { ...init, credentials: 'include' });

/** Signs in with CouchDB's cookie authentication; the browser keeps the cookie. */
export async function signIn(address: DatabaseAddress, name: string, password: string, fetcher: Fetch = withCookies): Promise<ServerResult<Session>> {
  const answer = await call(fetcher, 'POST', `${address.server}_session`, { name, password });
  if (!answer.ok) return answer;
  if (answer.value.status === 401) return failure('wrong-password', answer.value);
  if (answer.value.status !== 200) return failure('server', answer.value);
  const body = answer.value.body;
  return ok({ name: field(body, 'name', isString) ?? name, roles: strings(field(body, 'roles', isArray)) });
}

/** Who is signed in (name null when nobody is, or the session expired). */
export async function currentSession(address: DatabaseAddress, fetcher: Fetch = withCookies): Promise<ServerResult<Session>> {
  const answer = await call(fetcher, 'GET', `${address.server}_session`);
  if (!answer.ok) return answer;
  if (answer.value.status !== 200) return failure('server', answer.value);
  const userCtx = field(answer.value.body, 'userCtx', isObject);
  return ok({ name: field(userCtx, 'name', isString) ?? null, roles: strings(field(userCtx, 'roles', isArray)) });
}

/** Ends the session: the server clears its cookie. */
export async function signOut(address: DatabaseAddress, fetcher: Fetch = withCookies): Promise<ServerResult<void>> {
  const answer = await call(fetcher, 'DELETE', `${address.server}_session`);
  if (!answer.ok) return answer;
  return answer.value.status === 200 ? ok(undefined) : failure('server', answer.value);
}

/** What the server says about the database, as far as the signed-in user may see. */
export async function inspectDatabase(address: DatabaseAddress, fetcher: Fetch = withCookies): Promise<ServerResult<DatabaseInspection>> {
  const session = await currentSession(address, fetcher);
  if (!session.ok) return session;
  const found = await call(fetcher, 'GET', address.url);
  if (!found.ok) return found;
  const nothing = { session: session.value, security: null, designVersion: null };
  switch (found.value.status) {
    case 200:
      break;
    case 404:
      return ok({ ...nothing, database: 'missing', role: session.value.roles.includes('_admin') ? 'lead' : 'none' });
    case 401:
    case 403:
      return ok({ ...nothing, database: 'no-access', role: 'none' });
    default:
      return failure('server', found.value);
  }
  // A member may read both; what cannot be read is left out, what fails otherwise is a failure.
  const security = await readSecurity(address, fetcher);
  if (!security.ok && security.reason !== 'not-member') return security;
  const design = await readDesign(address, fetcher);
  if (!design.ok && design.reason !== 'not-member') return design;
  const readable = security.ok ? security.value.security : null;
  return ok({
    session: session.value,
    database: 'exists',
    security: readable,
    designVersion: design.ok ? (design.value?.version ?? null) : null,
    role: readable ? roleOf(session.value, readable) : 'none',
  });
}

/**
 * The lead's *Team server* button: makes the database ready for the team, doing only what is
 * missing. Creates the database (needs a server admin), makes `lead` its admin and `lead` and
 * `members` its members (keeping the admins, members and roles it has), and installs
 * `_design/markeer` when it is missing or older than this version (never over a newer one).
 * It stops at the first step the signed-in user may not take, and says which.
 */
export async function prepareDatabase(
  address: DatabaseAddress,
  team: { readonly lead: string; readonly members: readonly string[] },
  fetcher: Fetch = withCookies,
): Promise<ServerResult<PrepareReport>> {
  const session = await currentSession(address, fetcher);
  if (!session.ok) return session;
  if (session.value.name === null) return { ok: false, reason: 'not-signed-in' };

  const created = await createIfMissing(address, fetcher);
  if (!created.ok) return created;

  const current = await readSecurity(address, fetcher);
  if (!current.ok) return current;
  const wanted = withTeam(current.value, team.lead, team.members);
  let security = false;
  if (!sameSecurity(current.value.security, wanted.security)) {
    const written = await writeSecurity(address, wanted.raw, fetcher);
    if (!written.ok) return written;
    security = true;
  }

  const design = await installDesign(address, fetcher);
  if (!design.ok) return design;
  return ok({ created: created.value, security, design: design.value });
}

/**
 * The lead replaces the database's member names with `members`. Its admins stay admins and stay
 * members (so the lead is never locked out); member roles are kept.
 */
export async function setMembers(address: DatabaseAddress, members: readonly string[], fetcher: Fetch = withCookies): Promise<ServerResult<SecurityObject>> {
  const session = await currentSession(address, fetcher);
  if (!session.ok) return session;
  if (session.value.name === null) return { ok: false, reason: 'not-signed-in' };
  const current = await readSecurity(address, fetcher);
  if (!current.ok) return current;
  const { admins } = current.value.security;
  const names = unique([...members, ...admins.names]);
  const raw = { ...current.value.raw, members: { ...current.value.rawMembers, names, roles: current.value.security.members.roles } };
  const written = await writeSecurity(address, raw, fetcher);
  if (!written.ok) return written;
  return ok({ admins, members: { names, roles: current.value.security.members.roles } });
}

/** The role the validate function gives a user (see design.ts): server admins and database admins lead. */
export function roleOf(session: Session, security: SecurityObject): DatabaseRole {
  const listed = (section: SecuritySection): boolean =>
    (session.name !== null && section.names.includes(session.name)) || section.roles.some((role) => session.roles.includes(role));
  if (session.roles.includes('_admin') || listed(security.admins)) return 'lead';
  return listed(security.members) ? 'member' : 'none';
}

// ---- the steps of prepareDatabase

/** Whether the database had to be created. */
async function createIfMissing(address: DatabaseAddress, fetcher: Fetch): Promise<ServerResult<boolean>> {
  const found = await call(fetcher, 'GET', address.url);
  if (!found.ok) return found;
  if (found.value.status === 200) return ok(false);
  if (found.value.status === 401 || found.value.status === 403) return failure('not-member', found.value);
  if (found.value.status !== 404) return failure('server', found.value);
  const created = await call(fetcher, 'PUT', address.url);
  if (!created.ok) return created;
  switch (created.value.status) {
    case 201:
    case 202:
      return ok(true);
    case 412: // Created meanwhile, by someone else.
      return ok(false);
    case 401:
    case 403:
      return failure('cannot-create-database', created.value);
    default:
      return failure('server', created.value);
  }
}

interface ReadSecurity {
  readonly security: SecurityObject;
  /** The object as stored, so that writing it back keeps what Markeer does not know. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly rawAdmins: Readonly<Record<string, unknown>>;
  readonly rawMembers: Readonly<Record<string, unknown>>;
}

async function readSecurity(address: DatabaseAddress, fetcher: Fetch): Promise<ServerResult<ReadSecurity>> {
  const answer = await call(fetcher, 'GET', `${address.url}/_security`);
  if (!answer.ok) return answer;
  if (answer.value.status === 401 || answer.value.status === 403) return failure('not-member', answer.value);
  if (answer.value.status !== 200) return failure('server', answer.value);
  const raw = isObject(answer.value.body) ? answer.value.body : {};
  const rawAdmins = field(raw, 'admins', isObject) ?? {};
  const rawMembers = field(raw, 'members', isObject) ?? {};
  return ok({ security: { admins: section(rawAdmins), members: section(rawMembers) }, raw, rawAdmins, rawMembers });
}

/** The security object with `lead` an admin and `lead` and `members` members, all else kept. */
function withTeam(current: ReadSecurity, lead: string, members: readonly string[]): { security: SecurityObject; raw: Record<string, unknown> } {
  const { admins, members: existing } = current.security;
  const security: SecurityObject = {
    admins: { names: unique([...admins.names, lead]), roles: admins.roles },
    members: { names: unique([...existing.names, ...members, lead]), roles: existing.roles },
  };
  const raw = { ...current.raw, admins: { ...current.rawAdmins, ...security.admins }, members: { ...current.rawMembers, ...security.members } };
  return { security, raw };
}

async function writeSecurity(address: DatabaseAddress, security: Readonly<Record<string, unknown>>, fetcher: Fetch): Promise<ServerResult<void>> {
  const answer = await call(fetcher, 'PUT', `${address.url}/_security`, security);
  if (!answer.ok) return answer;
  if (answer.value.status === 200) return ok(undefined);
  if (answer.value.status === 401 || answer.value.status === 403) return failure('cannot-write-security', answer.value);
  return failure('server', answer.value);
}

/** The stored design document's revision and version (0 without one); null when there is none. */
async function readDesign(address: DatabaseAddress, fetcher: Fetch): Promise<ServerResult<{ rev: string; version: number } | null>> {
  const answer = await call(fetcher, 'GET', `${address.url}/${DESIGN_DOC_ID}`);
  if (!answer.ok) return answer;
  if (answer.value.status === 404) return ok(null);
  if (answer.value.status === 401 || answer.value.status === 403) return failure('not-member', answer.value);
  if (answer.value.status !== 200) return failure('server', answer.value);
  const body = answer.value.body;
  const version = field(field(body, 'markeer', isObject), 'version', isNumber) ?? 0;
  return ok({ rev: field(body, '_rev', isString) ?? '', version });
}

/** Whether `_design/markeer` had to be installed or updated. */
async function installDesign(address: DatabaseAddress, fetcher: Fetch): Promise<ServerResult<boolean>> {
  const stored = await readDesign(address, fetcher);
  if (!stored.ok) return stored;
  if (stored.value && stored.value.version >= DESIGN_VERSION) return ok(false);
  const doc = stored.value ? { ...designDocument(), _rev: stored.value.rev } : designDocument();
  const answer = await call(fetcher, 'PUT', `${address.url}/${DESIGN_DOC_ID}`, doc);
  if (!answer.ok) return answer;
  switch (answer.value.status) {
    case 201:
    case 202:
      return ok(true);
    case 409: {
      // Written meanwhile, by another lead: fine when that is this version or newer.
      const again = await readDesign(address, fetcher);
      if (!again.ok) return again;
      return again.value && again.value.version >= DESIGN_VERSION ? ok(false) : failure('cannot-install-rules', answer.value);
    }
    case 401:
    case 403:
      return failure('cannot-install-rules', answer.value);
    default:
      return failure('server', answer.value);
  }
}

// ---- HTTP

interface Answer {
  readonly status: number;
  /** The parsed JSON body; null when there is none or it is not JSON. */
  readonly body: unknown;
}

/** One request with a JSON body; `unreachable` when fetch throws. */
async function call(fetcher: Fetch, method: string, url: string, body?: unknown): Promise<ServerResult<Answer>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const response = await fetcher(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    // pouchdb-server answers JSON as text/plain: read the text whatever the type.
    const text = await response.text();
    return ok({ status: response.status, body: parseJson(text) });
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
}

function failure(reason: ServerFailureKind, answer: Answer): ServerFailure {
  const text = field(answer.body, 'reason', isString) ?? field(answer.body, 'error', isString);
  return text === undefined ? { ok: false, reason, status: answer.status } : { ok: false, reason, status: answer.status, detail: text };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

// ---- reading JSON

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
function isString(value: unknown): value is string {
  return typeof value === 'string';
}
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** An object's own field, when it has the expected type. */
function field<T>(object: unknown, key: string, is: (value: unknown) => value is T): T | undefined {
  if (!isObject(object) || !Object.prototype.hasOwnProperty.call(object, key)) return undefined;
  const value = object[key];
  return is(value) ? value : undefined;
}

function strings(values: readonly unknown[] | undefined): string[] {
  return (values ?? []).filter(isString);
}

function section(raw: Readonly<Record<string, unknown>>): SecuritySection {
  return { names: strings(field(raw, 'names', isArray)), roles: strings(field(raw, 'roles', isArray)) };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

function sameSecurity(a: SecurityObject, b: SecurityObject): boolean {
  const same = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((name, i) => name === y[i]);
  return same(a.admins.names, b.admins.names) && same(a.members.names, b.members.names);
}
