import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A CouchDB for tests (unit and end-to-end), in Node.
 *
 * Without `COUCHDB_URL`: a fresh in-memory pouchdb-server (a devDependency) on a free port of
 * 127.0.0.1, run in a temporary directory so that its config.json and log.txt stay out of the
 * repository. With `COUCHDB_URL` (`http://admin:secret@127.0.0.1:5984/`): that real CouchDB, whose
 * admin the URL names; the users and databases a test creates are deleted by stop().
 *
 * What pouchdb-server 4.2.0 does differently from CouchDB 3 (checked by hand and by
 * server.test.ts):
 * - `require_valid_user` is accepted by `_config` but ignored: anyone may read `/`, `/_all_dbs`
 *   and `/_session`. A database with members (every database createDatabase makes has some) is
 *   closed to everyone else, as in CouchDB.
 * - Someone who is not a member gets 401 `unauthorized` on a database, where CouchDB answers an
 *   authenticated non-member 403 `forbidden` (and an anonymous one 401).
 * - Creating or deleting a database as anyone but a server admin crashes it (express-pouchdb's
 *   routes/db.js: `db.info is not a function`; an unhandled 401 rejection after deleting); the
 *   preload below answers CouchDB's 401 instead.
 * - `_bulk_docs` (what replication writes with) gives `validate_doc_update` an empty secObj, so
 *   every member but a server admin would be refused; the preload below fixes that.
 * - A user called `constructor` or `toString` cannot sign in (pouchdb-auth looks server admins up
 *   in a plain object); the preload below fixes that too. CouchDB refuses user names starting
 *   with `_`, so `__proto__` cannot be a user on either.
 * - A new database is open to everyone (CouchDB 2); CouchDB 3 makes it admin-only. createDatabase
 *   writes the admin-only security object itself when it is given no members.
 * - It runs `validate_doc_update` for every writer with CouchDB's four arguments (secObj
 *   included), but not on design documents, and with `oldDoc` the current winning revision
 *   (null when that is deleted) rather than the parent of the written revision.
 */
export interface TestCouch {
  /** The server's root URL, with a trailing slash, without credentials. */
  readonly url: string;
  /** A server admin. */
  readonly admin: { readonly name: string; readonly password: string };
  createUser(name: string, password: string): Promise<void>;
  /** Creates a database and writes its security object; gives the database's URL (no trailing slash). */
  createDatabase(name: string, security?: { admins?: string[]; members?: string[] }): Promise<string>;
  /** Deletes this database too on stop(), on a real CouchDB: one a test made through the app. */
  adoptDatabase(name: string): void;
  stop(): Promise<void>;
}

const POUCHDB_SERVER = fileURLToPath(new URL('../../node_modules/.bin/pouchdb-server', import.meta.url));
const START_TIMEOUT_MS = 20_000;

/**
 * Loaded into pouchdb-server (`node --require`) before it starts, to make it behave as CouchDB
 * where it does not (see TestCouch):
 * - only a server admin may create or delete a database (401 "You are not a server admin.");
 * - every request on a database carries its security object before `_bulk_docs` is routed, so that
 *   `validate_doc_update` receives it there too (express-pouchdb loads it only after);
 * - a user name that is a property of Object.prototype is not taken for a server admin.
 */
const PRELOAD = `
const Module = require('module');
const fs = require('fs');
const load = Module._load;
// pouchdb-validation gives the validate function the new document with the OLD revision's
// _revisions, and then stores it so: a replicated write (new_edits=false) of a new revision of an
// existing document is answered 201 and silently lost. CouchDB keeps the revisions it is sent.
const compileJs = Module._extensions['.js'];
Module._extensions['.js'] = function (module, filename) {
  if (/pouchdb-validation[\\/]lib[\\/]index[.]js$/.test(filename)) {
    const wrong = 'newDoc._revisions = (oldDoc || {})._revisions;';
    const source = fs.readFileSync(filename, 'utf8');
    if (source.indexOf(wrong) < 0) throw new Error('test-server: pouchdb-validation changed; check its _revisions handling');
    return module._compile(source.replace(wrong, 'if (!newDoc._revisions) ' + wrong), filename);
  }
  return compileJs.apply(this, arguments);
};
function requireServerAdmin(req, res, next) {
  // _session and the system databases have routes of their own.
  if (req.params.db.charAt(0) === '_') return next();
  if (req.couchSession.userCtx.roles.indexOf('_admin') !== -1) return next();
  res.status(401).json({ error: 'unauthorized', reason: 'You are not a server admin.' });
}
function loadSecurity(req, res, next) {
  if (!req.db) return next();
  req.db.getSecurity().then(function (secObj) {
    req.couchSecurityObj = secObj;
    next();
  }, next);
}
// express-pouchdb's route modules, patched after they have registered their routes.
const routePatches = {
  './routes/authorization': function (app) {
    app.put('/:db', requireServerAdmin);
    app.delete('/:db', requireServerAdmin);
  },
  './routes/db': function (app) {
    app.use('/:db', loadSecurity);
  },
};
Module._load = function (request, parent) {
  const loaded = load.apply(this, arguments);
  const from = parent ? parent.filename : '';
  if (/express-pouchdb/.test(from) && Object.prototype.hasOwnProperty.call(routePatches, request)) {
    const patch = routePatches[request];
    return function (app) {
      loaded(app);
      patch(app);
    };
  }
  if (/pouchdb-auth/.test(from) && request === './admins' && !loaded.patched) {
    // The server admins by name, looked up with admins[name]: without a prototype, a user called
    // constructor or toString is not taken for an admin without a password.
    const parse = loaded.parse;
    loaded.parse = function (admins) {
      return Object.assign(Object.create(null), parse(admins));
    };
    loaded.patched = true;
  }
  return loaded;
};
`;

export async function startTestCouch(): Promise<TestCouch> {
  const external = process.env.COUCHDB_URL;
  return external ? await connect(external) : await startPouchDBServer();
}

async function startPouchDBServer(): Promise<TestCouch> {
  const dir = await mkdtemp(join(tmpdir(), 'markeer-couch-'));
  const preload = join(dir, 'preload.cjs');
  await writeFile(preload, PRELOAD);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const args = ['--require', preload, POUCHDB_SERVER, '--in-memory', '--host', '127.0.0.1', '--port', String(port), '--config', join(dir, 'config.json')];
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  // A test run that ends without stop() (a crashed worker) must not leave the server running.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stopServer = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await kill(child);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilAnswering(url, child, () => stderr);
    const admin = { name: 'admin', password: 'admin-secret' };
    // Admin party until the first admin exists; from then on every request authenticates.
    await expectOk(fetch(`${url}_config/admins/${admin.name}`, { method: 'PUT', body: JSON.stringify(admin.password) }), 'create the admin');
    const auth = basicAuth(admin);
    const config: [string, string, string][] = [
      // The browser app runs on another port of 127.0.0.1 and sends CouchDB's cookie: pouchdb-server
      // (corser) then echoes the request's Origin and sends Access-Control-Allow-Credentials: true.
      ['httpd', 'enable_cors', 'true'],
      ['cors', 'origins', '*'],
      ['cors', 'credentials', 'true'],
      ['cors', 'methods', 'GET, HEAD, POST, PUT, DELETE, COPY'],
      ['cors', 'headers', 'accept, accept-language, content-language, content-type, authorization, origin, referer'],
      // Ignored by pouchdb-server (see TestCouch); set for a server that honours it.
      ['couch_httpd_auth', 'require_valid_user', 'true'],
    ];
    for (const [section, key, value] of config) {
      await expectOk(fetch(`${url}_config/${section}/${key}`, { method: 'PUT', headers: auth, body: JSON.stringify(value) }), `set ${section}/${key}`);
    }
    return couch(url, admin, { deletesOnStop: false, stopServer });
  } catch (error) {
    await stopServer();
    throw error;
  }
}

async function connect(external: string): Promise<TestCouch> {
  const parsed = new URL(external);
  const admin = { name: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  if (!admin.name) throw new Error('COUCHDB_URL must name a server admin: http://admin:password@host:5984/');
  parsed.username = '';
  parsed.password = '';
  const url = parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
  await expectOk(fetch(`${url}_session`, { headers: basicAuth(admin) }), `reach ${url}`);
  return couch(url, admin, { deletesOnStop: true, stopServer: async () => {} });
}

/** The TestCouch interface over a running server. */
function couch(url: string, admin: TestCouch['admin'], options: { deletesOnStop: boolean; stopServer: () => Promise<void> }): TestCouch {
  const auth = basicAuth(admin);
  const users: string[] = [];
  const databases: string[] = [];
  const userUrl = (name: string): string => `${url}_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
  return {
    url,
    admin,
    async createUser(name, password) {
      // On a real CouchDB the user may be left from an earlier run that did not stop: overwrite it.
      const earlier = await fetch(userUrl(name), { headers: auth });
      const rev = earlier.ok ? { _rev: ((await earlier.json()) as { _rev: string })._rev } : {};
      const body = JSON.stringify({ _id: `org.couchdb.user:${name}`, ...rev, name, password, roles: [], type: 'user' });
      await expectOk(fetch(userUrl(name), { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json' }, body }), `create user ${name}`);
      users.push(name);
    },
    async createDatabase(name, security = {}) {
      const dbUrl = `${url}${encodeURIComponent(name)}`;
      await expectOk(fetch(dbUrl, { method: 'PUT', headers: auth }), `create database ${name}`);
      databases.push(name);
      const members = security.members ?? [];
      // Without members a database is open to everyone: close it to all but admins, as CouchDB 3 does.
      const secObj = {
        admins: { names: security.admins ?? [], roles: [] },
        members: { names: members, roles: members.length === 0 ? ['_admin'] : [] },
      };
      const body = JSON.stringify(secObj);
      await expectOk(fetch(`${dbUrl}/_security`, { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json' }, body }), `secure database ${name}`);
      return dbUrl;
    },
    adoptDatabase(name) {
      databases.push(name);
    },
    async stop() {
      if (options.deletesOnStop) {
        for (const name of new Set(databases)) await fetch(`${url}${encodeURIComponent(name)}`, { method: 'DELETE', headers: auth });
        for (const name of new Set(users)) {
          const found = await fetch(userUrl(name), { headers: auth });
          if (!found.ok) continue;
          const { _rev } = (await found.json()) as { _rev: string };
          await fetch(`${userUrl(name)}?rev=${encodeURIComponent(_rev)}`, { method: 'DELETE', headers: auth });
        }
      }
      await options.stopServer();
    },
  };
}

/** How often a request meeting a closed kept-alive connection is sent, in all. */
const STALE_CONNECTION_ATTEMPTS = 3;

/**
 * A fetch that keeps CouchDB's `AuthSession` cookie, as a browser does (Node's fetch keeps no
 * cookies): it remembers the cookie each answer sets (CouchDB renews it now and then; signing out
 * clears it) and sends it with every later request. One jar per call: one per simulated browser.
 */
export function cookieFetch(base: typeof fetch = fetch): typeof fetch {
  let session: string | null = null;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (session !== null) headers.set('Cookie', `AuthSession=${session}`);
    let response: Response | undefined;
    for (let attempt = 1; response === undefined; attempt++) {
      try {
        response = await base(input, { ...init, headers });
      } catch (e) {
        // Node's fetch may reuse a kept-alive connection the server has just closed ("other side
        // closed", or a write that meets the reset): a browser sends such a request again on a new
        // connection, and so does this, a few times.
        const code = (e as { cause?: { code?: string } }).cause?.code;
        const stale = code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
        if (!stale || attempt >= STALE_CONNECTION_ATTEMPTS || init?.signal?.aborted) throw e;
      }
    }
    for (const cookie of response.headers.getSetCookie()) {
      const match = /^AuthSession=([^;]*)/.exec(cookie);
      if (match) session = match[1] ? match[1] : null;
    }
    return response;
  };
}

function basicAuth({ name, password }: { name: string; password: string }): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` };
}

async function expectOk(pending: Promise<Response>, what: string): Promise<void> {
  const response = await pending;
  if (!response.ok) throw new Error(`Test CouchDB: could not ${what}: ${response.status} ${await response.text()}`);
}

function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const server = createServer();
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`pouchdb-server stopped (${child.exitCode ?? child.signalCode}) before answering at ${url}:\n${stderr()}`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`pouchdb-server did not answer at ${url} within ${START_TIMEOUT_MS} ms:\n${stderr()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
