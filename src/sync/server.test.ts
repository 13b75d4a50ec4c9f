// @vitest-environment node
// Node's own fetch talks to a real server here; jsdom's window has no part in it.
import { DESIGN_DOC_ID, DESIGN_VERSION, designDocument } from './design';
import {
  currentSession,
  inspectDatabase,
  parseDatabaseUrl,
  prepareDatabase,
  roleOf,
  setMembers,
  signIn,
  signOut,
  type DatabaseAddress,
} from './server';
import { cookieFetch, startTestCouch, type TestCouch } from './test-server';

describe('parseDatabaseUrl', () => {
  it('splits a URL into the server and the database', () => {
    expect(parseDatabaseUrl('https://couch.uni.nl/project-a')).toEqual({
      ok: true,
      value: { server: 'https://couch.uni.nl/', name: 'project-a', url: 'https://couch.uni.nl/project-a' },
    });
  });

  it('keeps a path before the database, and drops a trailing slash and white space', () => {
    expect(parseDatabaseUrl('  http://127.0.0.1:5984/prefix/interviews_2026/ ')).toEqual({
      ok: true,
      value: { server: 'http://127.0.0.1:5984/prefix/', name: 'interviews_2026', url: 'http://127.0.0.1:5984/prefix/interviews_2026' },
    });
  });

  it('decodes a name with a slash and writes it encoded', () => {
    const parsed = parseDatabaseUrl('HTTPS://Couch.Uni.NL:443/team%2finterviews');
    expect(parsed).toEqual({ ok: true, value: { server: 'https://couch.uni.nl/', name: 'team/interviews', url: 'https://couch.uni.nl/team%2Finterviews' } });
  });

  it.each([
    ['not a url', 'not-a-url'],
    ['ftp://couch.uni.nl/project', 'not-http'],
    ['javascript:alert(1)', 'not-http'],
    ['https://anna:secret@couch.uni.nl/project', 'has-credentials'],
    ['https://anna@couch.uni.nl/project', 'has-credentials'],
    ['https://couch.uni.nl/project?x=1', 'has-query'],
    ['https://couch.uni.nl/project#top', 'has-query'],
    ['https://couch.uni.nl/', 'no-database'],
    ['https://couch.uni.nl', 'no-database'],
    ['https://couch.uni.nl/Project', 'bad-name'],
    ['https://couch.uni.nl/2026', 'bad-name'],
    ['https://couch.uni.nl/_users', 'bad-name'],
    ['https://couch.uni.nl/my%20project', 'bad-name'],
    ['https://couch.uni.nl/%E0%A4%A', 'bad-name'],
  ])('refuses %s (%s)', (input, detail) => {
    expect(parseDatabaseUrl(input)).toEqual({ ok: false, reason: 'invalid-url', detail });
  });
});

describe('roleOf', () => {
  const security = { admins: { names: ['lead'], roles: ['leads'] }, members: { names: ['anna', '__proto__'], roles: ['team'] } };
  it('follows the validate function: server admins and database admins lead, members by name or role', () => {
    expect(roleOf({ name: 'root', roles: ['_admin'] }, security)).toBe('lead');
    expect(roleOf({ name: 'lead', roles: [] }, security)).toBe('lead');
    expect(roleOf({ name: 'dirk', roles: ['leads'] }, security)).toBe('lead');
    expect(roleOf({ name: 'anna', roles: [] }, security)).toBe('member');
    expect(roleOf({ name: '__proto__', roles: [] }, security)).toBe('member');
    expect(roleOf({ name: 'eva', roles: ['team'] }, security)).toBe('member');
    expect(roleOf({ name: 'carol', roles: [] }, security)).toBe('none');
    expect(roleOf({ name: null, roles: [] }, security)).toBe('none');
  });
});

/** A fetch that answers every request with `status` and `body`. */
function answering(status: number, body: unknown): typeof fetch {
  return async () => new Response(JSON.stringify(body), { status });
}

describe('failures without a server', () => {
  const address = parseDatabaseUrl('http://127.0.0.1:9/project');
  assert(address.ok);

  it('is unreachable when fetch throws (offline, wrong host, no CORS)', async () => {
    const result = await currentSession(address.value, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(result).toEqual({ ok: false, reason: 'unreachable', detail: 'Failed to fetch' });
  });

  it('reports any other answer as a server failure with its status and reason', async () => {
    const broken = answering(500, { error: 'internal_server_error', reason: 'disk full' });
    expect(await currentSession(address.value, broken)).toEqual({ ok: false, reason: 'server', status: 500, detail: 'disk full' });
    expect(await signIn(address.value, 'anna', 'x', broken)).toEqual({ ok: false, reason: 'server', status: 500, detail: 'disk full' });
    expect(await signOut(address.value, broken)).toEqual({ ok: false, reason: 'server', status: 500, detail: 'disk full' });
  });

  it('survives an answer that is not JSON', async () => {
    const html: typeof fetch = async () => new Response('<html>Bad gateway</html>', { status: 502 });
    expect(await inspectDatabase(address.value, html)).toEqual({ ok: false, reason: 'server', status: 502 });
  });

  it('sends the session cookie by default', async () => {
    const seen: RequestInit[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = async (_input, init) => {
      seen.push(init ?? {});
      return new Response(JSON.stringify({ ok: true, userCtx: { name: null, roles: [] } }), { status: 200 });
    };
    try {
      await currentSession(address.value);
    } finally {
      globalThis.fetch = original;
    }
    expect(seen[0]?.credentials).toBe('include');
  });
});

describe('with a CouchDB', () => {
  let couch: TestCouch;
  let databases = 0;
  // Names of this run's databases: a real CouchDB (COUCHDB_URL) may hold an earlier run's.
  const run = Math.random().toString(36).slice(2, 8);

  beforeAll(async () => {
    couch = await startTestCouch();
    // CouchDB refuses user names starting with `_`: `constructor` stands for the names that are
    // Object properties.
    for (const name of ['lead', 'anna', 'bob', 'carol', 'constructor']) await couch.createUser(name, `pw-${name}`);
  }, 60_000);
  afterAll(async () => {
    await couch?.stop();
  });

  /** A fresh database name on the test server (not created; deleted by stop() on a real CouchDB). */
  function newAddress(): DatabaseAddress {
    databases += 1;
    const name = `markeer-test-${run}-${databases}`;
    couch.adoptDatabase(name);
    const parsed = parseDatabaseUrl(`${couch.url}${name}`);
    assert(parsed.ok);
    return parsed.value;
  }

  /** A browser of its own, signed in as `name` (the admin's password for the admin). */
  async function browserOf(name: string): Promise<typeof fetch> {
    const browser = cookieFetch();
    const password = name === couch.admin.name ? couch.admin.password : `pw-${name}`;
    const signedIn = await signIn(newAddress(), name, password, browser);
    assert(signedIn.ok);
    return browser;
  }

  /** A database made by the server admin, with `lead` as its admin and the members. */
  async function existing(members: string[] = ['anna', 'bob']): Promise<DatabaseAddress> {
    const address = newAddress();
    await couch.createDatabase(address.name, { admins: ['lead'], members });
    return address;
  }

  async function put(browser: typeof fetch, url: string, doc: object): Promise<{ status: number; body: unknown }> {
    const response = await browser(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
    return { status: response.status, body: await response.json() };
  }

  describe('sessions', () => {
    it('signs in, tells who is signed in, and signs out', async () => {
      const address = newAddress();
      const browser = cookieFetch();
      expect(await currentSession(address, browser)).toEqual({ ok: true, value: { name: null, roles: [] } });
      expect(await signIn(address, 'anna', 'pw-anna', browser)).toEqual({ ok: true, value: { name: 'anna', roles: [] } });
      expect(await currentSession(address, browser)).toEqual({ ok: true, value: { name: 'anna', roles: [] } });
      expect(await signOut(address, browser)).toEqual({ ok: true, value: undefined });
      expect(await currentSession(address, browser)).toEqual({ ok: true, value: { name: null, roles: [] } });
    });

    it('knows a server admin by the _admin role', async () => {
      const browser = cookieFetch();
      const signedIn = await signIn(newAddress(), couch.admin.name, couch.admin.password, browser);
      expect(signedIn.ok && signedIn.value.roles).toContain('_admin');
    });

    it('refuses a wrong password with the server’s reason', async () => {
      const result = await signIn(newAddress(), 'anna', 'wrong', cookieFetch());
      expect(result).toMatchObject({ ok: false, reason: 'wrong-password', status: 401 });
      expect(!result.ok && result.detail).toBeTruthy();
    });

    it('is unreachable when nothing listens', async () => {
      const address = parseDatabaseUrl('http://127.0.0.1:9/project');
      assert(address.ok);
      expect(await signIn(address.value, 'anna', 'pw-anna', cookieFetch())).toMatchObject({ ok: false, reason: 'unreachable' });
    });
  });

  describe('inspectDatabase', () => {
    it('finds a missing database, which only a server admin could create', async () => {
      const address = newAddress();
      const asLead = await inspectDatabase(address, await browserOf('lead'));
      expect(asLead).toEqual({
        ok: true,
        value: { session: { name: 'lead', roles: [] }, database: 'missing', security: null, designVersion: null, role: 'none' },
      });
      const asAdmin = await inspectDatabase(address, await browserOf(couch.admin.name));
      expect(asAdmin.ok && asAdmin.value.role).toBe('lead');
    });

    it('shows a member the security object and the missing rules', async () => {
      const address = await existing();
      const result = await inspectDatabase(address, await browserOf('anna'));
      expect(result).toEqual({
        ok: true,
        value: {
          session: { name: 'anna', roles: [] },
          database: 'exists',
          security: { admins: { names: ['lead'], roles: [] }, members: { names: ['anna', 'bob'], roles: [] } },
          designVersion: null,
          role: 'member',
        },
      });
    });

    it('shows the lead the installed rules’ version', async () => {
      const address = await existing();
      const lead = await browserOf('lead');
      await prepareDatabase(address, { lead: 'lead', members: [] }, lead);
      const result = await inspectDatabase(address, lead);
      expect(result).toMatchObject({ ok: true, value: { database: 'exists', designVersion: DESIGN_VERSION, role: 'lead' } });
    });

    it('shows a non-member or anonymous visitor nothing', async () => {
      const address = await existing();
      const carol = await inspectDatabase(address, await browserOf('carol'));
      expect(carol).toEqual({ ok: true, value: { session: { name: 'carol', roles: [] }, database: 'no-access', security: null, designVersion: null, role: 'none' } });
      const nobody = await inspectDatabase(address, cookieFetch());
      expect(nobody).toMatchObject({ ok: true, value: { session: { name: null }, database: 'no-access', role: 'none' } });
    });
  });

  describe('prepareDatabase', () => {
    it('lets a server admin create the database, make the team and install the rules', async () => {
      const address = newAddress();
      const admin = await browserOf(couch.admin.name);
      const result = await prepareDatabase(address, { lead: 'lead', members: ['anna', 'constructor'] }, admin);
      expect(result).toEqual({ ok: true, value: { created: true, security: true, design: true } });
      const seen = await inspectDatabase(address, await browserOf('lead'));
      expect(seen).toMatchObject({
        ok: true,
        value: { security: { admins: { names: ['lead'] }, members: { names: ['anna', 'constructor', 'lead'] } }, designVersion: DESIGN_VERSION, role: 'lead' },
      });
      expect(await inspectDatabase(address, await browserOf('constructor'))).toMatchObject({ ok: true, value: { role: 'member' } });
    });

    it('does nothing the second time', async () => {
      const address = await existing();
      const lead = await browserOf('lead');
      expect(await prepareDatabase(address, { lead: 'lead', members: ['anna'] }, lead)).toEqual({ ok: true, value: { created: false, security: true, design: true } });
      expect(await prepareDatabase(address, { lead: 'lead', members: ['anna'] }, lead)).toEqual({ ok: true, value: { created: false, security: false, design: false } });
    });

    it('adds members and keeps the admins, roles and fields already there', async () => {
      const address = newAddress();
      await couch.createDatabase(address.name, { admins: ['lead', 'bob'] });
      const admin = await browserOf(couch.admin.name);
      const custom = { admins: { names: ['lead', 'bob'], roles: ['leads'] }, members: { names: ['anna'], roles: ['team'] }, note: 'kept' };
      expect((await put(admin, `${address.url}/_security`, custom)).status).toBe(200);
      const result = await prepareDatabase(address, { lead: 'lead', members: ['carol', 'anna'] }, await browserOf('lead'));
      expect(result).toEqual({ ok: true, value: { created: false, security: true, design: true } });
      const stored = await (await admin(`${address.url}/_security`)).json();
      expect(stored).toEqual({ admins: { names: ['lead', 'bob'], roles: ['leads'] }, members: { names: ['anna', 'carol', 'lead'], roles: ['team'] }, note: 'kept' });
    });

    it('updates older rules and leaves newer ones alone', async () => {
      const admin = await browserOf(couch.admin.name);
      const older = await existing();
      await put(admin, `${older.url}/${DESIGN_DOC_ID}`, { ...designDocument(), markeer: { version: 0 } });
      const lead = await browserOf('lead');
      expect(await prepareDatabase(older, { lead: 'lead', members: [] }, lead)).toMatchObject({ ok: true, value: { design: true } });
      expect(await inspectDatabase(older, lead)).toMatchObject({ ok: true, value: { designVersion: DESIGN_VERSION } });

      const newer = await existing();
      await put(admin, `${newer.url}/${DESIGN_DOC_ID}`, { ...designDocument(), markeer: { version: DESIGN_VERSION + 1 } });
      expect(await prepareDatabase(newer, { lead: 'lead', members: [] }, lead)).toMatchObject({ ok: true, value: { design: false } });
      expect(await inspectDatabase(newer, lead)).toMatchObject({ ok: true, value: { designVersion: DESIGN_VERSION + 1 } });
    });

    it('accepts rules another lead installed at the same moment', async () => {
      const address = await existing();
      const admin = await browserOf(couch.admin.name);
      const lead = await browserOf('lead');
      // The other lead's rules arrive between this lead's look and its write.
      const racing: typeof fetch = async (input, init) => {
        if (init?.method === 'PUT' && String(input).endsWith(DESIGN_DOC_ID)) await put(admin, String(input), designDocument());
        return lead(input, init);
      };
      expect(await prepareDatabase(address, { lead: 'lead', members: [] }, racing)).toEqual({ ok: true, value: { created: false, security: true, design: false } });
    });

    it('accepts a database another admin created at the same moment', async () => {
      const address = newAddress();
      const admin = await browserOf(couch.admin.name);
      const racing: typeof fetch = async (input, init) => {
        if (init?.method === 'PUT' && String(input) === address.url) await couch.createDatabase(address.name, { admins: ['lead'] });
        return admin(input, init);
      };
      expect(await prepareDatabase(address, { lead: 'lead', members: ['anna'] }, racing)).toEqual({ ok: true, value: { created: false, security: true, design: true } });
    });

    it('reports an unexpected answer with its status and reason', async () => {
      const address = await existing();
      const lead = await browserOf('lead');
      const failing: typeof fetch = async (input, init) =>
        String(input) === address.url ? new Response(JSON.stringify({ error: 'unknown_error', reason: 'timeout' }), { status: 500 }) : lead(input, init);
      expect(await prepareDatabase(address, { lead: 'lead', members: [] }, failing)).toEqual({ ok: false, reason: 'server', status: 500, detail: 'timeout' });
    });

    it('needs someone signed in', async () => {
      expect(await prepareDatabase(await existing(), { lead: 'lead', members: [] }, cookieFetch())).toEqual({ ok: false, reason: 'not-signed-in' });
    });

    it('tells a lead who is not a server admin that they cannot create the database', async () => {
      const result = await prepareDatabase(newAddress(), { lead: 'lead', members: ['anna'] }, await browserOf('lead'));
      expect(result).toEqual({ ok: false, reason: 'cannot-create-database', status: 401, detail: 'You are not a server admin.' });
    });

    it('tells a non-member they are not one', async () => {
      const result = await prepareDatabase(await existing(), { lead: 'carol', members: [] }, await browserOf('carol'));
      expect(result).toMatchObject({ ok: false, reason: 'not-member' });
      expect(!result.ok && result.status).toBeGreaterThanOrEqual(401);
    });

    it('tells a member who is not the lead that they cannot change the team', async () => {
      const result = await prepareDatabase(await existing(), { lead: 'anna', members: [] }, await browserOf('anna'));
      expect(result).toMatchObject({ ok: false, reason: 'cannot-write-security' });
      expect(!result.ok && result.detail).toBeTruthy();
    });

    it('says when the rules cannot be installed, with the server’s reason', async () => {
      const address = await existing();
      const lead = await browserOf('lead');
      const refusing: typeof fetch = async (input, init) =>
        init?.method === 'PUT' && String(input).endsWith(DESIGN_DOC_ID)
          ? new Response(JSON.stringify({ error: 'forbidden', reason: 'You are not a db or server admin.' }), { status: 403 })
          : lead(input, init);
      expect(await prepareDatabase(address, { lead: 'lead', members: [] }, refusing)).toEqual({
        ok: false,
        reason: 'cannot-install-rules',
        status: 403,
        detail: 'You are not a db or server admin.',
      });
    });

    it('is unreachable when nothing listens', async () => {
      const address = parseDatabaseUrl('http://127.0.0.1:9/project');
      assert(address.ok);
      expect(await prepareDatabase(address.value, { lead: 'lead', members: [] }, cookieFetch())).toMatchObject({ ok: false, reason: 'unreachable' });
    });
  });

  describe('setMembers', () => {
    it('replaces the members and keeps the lead', async () => {
      const address = await existing(['anna', 'bob']);
      const lead = await browserOf('lead');
      const result = await setMembers(address, ['bob', 'carol'], lead);
      expect(result).toEqual({ ok: true, value: { admins: { names: ['lead'], roles: [] }, members: { names: ['bob', 'carol', 'lead'], roles: [] } } });
      expect(await inspectDatabase(address, await browserOf('anna'))).toMatchObject({ ok: true, value: { database: 'no-access', role: 'none' } });
      expect(await inspectDatabase(address, await browserOf('carol'))).toMatchObject({ ok: true, value: { role: 'member' } });
      expect(await inspectDatabase(address, lead)).toMatchObject({ ok: true, value: { role: 'lead' } });
    });

    it('is refused to a member', async () => {
      const result = await setMembers(await existing(), ['anna'], await browserOf('anna'));
      expect(result).toMatchObject({ ok: false, reason: 'cannot-write-security' });
    });

    it('is refused to a non-member and to nobody', async () => {
      expect(await setMembers(await existing(), ['carol'], await browserOf('carol'))).toMatchObject({ ok: false, reason: 'not-member' });
      expect(await setMembers(await existing(), ['carol'], cookieFetch())).toEqual({ ok: false, reason: 'not-signed-in' });
    });
  });

  describe('the rules, as the server enforces them', () => {
    const segment = (owner: string, key: string) => ({ _id: `segments:${key}`, table: 'segments', owner, data: { guid: key } });

    async function bulk(browser: typeof fetch, url: string, docs: object[], newEdits = true): Promise<unknown> {
      const response = await browser(`${url}/_bulk_docs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ docs, new_edits: newEdits }),
      });
      expect(response.status).toBe(201);
      return response.json();
    }

    it('lets a coder write only their own work, as replication writes it (_bulk_docs)', async () => {
      const address = await existing();
      const lead = await browserOf('lead');
      await prepareDatabase(address, { lead: 'lead', members: [] }, lead);
      const anna = await browserOf('anna');
      const written = await bulk(anna, address.url, [segment('anna', 'a1'), segment('bob', 'b1'), { _id: 'codes:c1', table: 'codes', owner: null, data: {} }]);
      expect(written).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'segments:a1', ok: true }),
          { id: 'segments:b1', error: 'forbidden', reason: 'markeer:not-owner:segments:bob' },
          { id: 'codes:c1', error: 'forbidden', reason: 'markeer:lead-only:codes' },
        ]),
      );
      expect(await bulk(lead, address.url, [segment('anna', 'a2')])).toEqual([{ id: 'segments:a2', error: 'forbidden', reason: 'markeer:not-owner:segments:anna' }]);
    });

    it('judges a replicated deletion by the record it deletes', async () => {
      const address = await existing();
      const lead = await browserOf('lead');
      await prepareDatabase(address, { lead: 'lead', members: [] }, lead);
      const anna = await browserOf('anna');
      const created = await put(anna, `${address.url}/segments:a1`, segment('anna', 'a1'));
      const rev = (created.body as { rev: string }).rev;
      const hash = rev.slice(2);
      const tombstone = { _id: 'segments:a1', _rev: `2-${'f'.repeat(32)}`, _deleted: true, _revisions: { start: 2, ids: ['f'.repeat(32), hash] } };
      expect(await bulk(await browserOf('bob'), address.url, [tombstone], false)).toEqual([
        { id: 'segments:a1', error: 'forbidden', reason: 'markeer:not-owner:segments:anna' },
      ]);
      expect(await bulk(anna, address.url, [tombstone], false)).toEqual([]);
    });

    it('refuses a non-member and an anonymous visitor the database', async () => {
      const address = await existing();
      expect((await (await browserOf('carol'))(address.url)).status).toBe(401); // CouchDB: 403
      expect((await fetch(address.url)).status).toBe(401);
    });

    it('answers the browser app’s origin with credentials allowed (CORS)', async () => {
      const origin = 'http://127.0.0.1:5173';
      const address = await existing();
      const preflight = await fetch(`${address.url}/_bulk_docs`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
      const anna = await browserOf('anna');
      const read = await anna(address.url, { headers: { Origin: origin } });
      expect(read.status).toBe(200);
      expect(read.headers.get('access-control-allow-origin')).toBe(origin);
      expect(read.headers.get('access-control-allow-credentials')).toBe('true');
    });
  });
});
