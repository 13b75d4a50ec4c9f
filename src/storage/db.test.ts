import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { PROJECT_TABLES } from '../domain/tables';
import { declaredSchema, installedVersion, LATEST_VERSION, MarkeerDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, TABLES } from './db';

describe('the database schema', () => {
  it('upgrades a version 1 database to version 2 keeping every record, and finds a segment by its exact range', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const P = '11111111-1111-4111-8111-111111111111';
    const segment = {
      guid: '22222222-2222-4222-8222-222222222222',
      projectGuid: P,
      documentGuid: '33333333-3333-4333-8333-333333333333',
      coderGuid: '44444444-4444-4444-8444-444444444444',
      start: 4,
      end: 9,
      text: 'hallo',
      comment: 'bewaard',
      createdAt: '2026-11-23T08:00:00.000Z',
    };
    await v1.table('segments').put(segment);
    await v1.table('projects').put({ guid: P, name: 'Oud project', updatedAt: '2026-11-23T08:00:00.000Z' });
    v1.close();

    const db = new MarkeerDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.projects.get(P)).toMatchObject({ name: 'Oud project' });
    const found = await db.segments
      .where('[projectGuid+documentGuid+coderGuid+start+end]')
      .equals([P, segment.documentGuid, segment.coderGuid, 4, 9])
      .first();
    expect(found).toEqual(segment);
    db.close();
  });

  it('upgrades a version 2 database to version 3: the variables documents use become text variables', async () => {
    const name = `upgrade3-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    const P = '11111111-1111-4111-8111-111111111111';
    const Q = '55555555-5555-4555-8555-555555555555';
    const doc = (guid: string, projectGuid: string, variables: Record<string, string>) => ({ guid, projectGuid, name: guid.slice(0, 4), variables });
    await v2.table('documents').bulkPut([
      doc('66666666-6666-4666-8666-666666666666', P, { school: 'Noord', groep: 'Ouder' }),
      doc('77777777-7777-4777-8777-777777777777', P, { school: 'Zuid' }),
      doc('88888888-8888-4888-8888-888888888888', Q, {}),
    ]);
    v2.close();

    const db = new MarkeerDb(name);
    await db.open();
    const variables = await db.variables.where('projectGuid').equals(P).toArray();
    expect(variables.map((v) => [v.name, v.type]).sort()).toEqual([['groep', 'text'], ['school', 'text']]);
    expect(await db.variables.where('projectGuid').equals(Q).count()).toBe(0);
    expect(await db.documents.count()).toBe(3);
    expect(await db.groups.count()).toBe(0);
    expect(await db.memos.count()).toBe(0);
    db.close();
  });

  it('upgrades a version 3 database to version 4 keeping every record, with an empty sync outbox', async () => {
    const name = `upgrade4-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores(SCHEMA_V3);
    const P = '11111111-1111-4111-8111-111111111111';
    const coder = { guid: '44444444-4444-4444-8444-444444444444', projectGuid: P, name: 'Anna', color: '#1d4e89' };
    await v3.table('coders').put(coder);
    await v3.table('meta').put({ key: `lens:${P}`, value: { kind: 'everyone' } });
    v3.close();

    const db = new MarkeerDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.coders.get([P, coder.guid])).toEqual(coder);
    expect(await db.meta.get(`lens:${P}`)).toEqual({ key: `lens:${P}`, value: { kind: 'everyone' } });
    expect(await db.syncOutbox.count()).toBe(0);
    expect(db.teamProjects.size).toBe(0);
    db.close();
  });

  it('knows after opening which projects are connected to a team server', async () => {
    const name = `team-${crypto.randomUUID()}`;
    const first = new MarkeerDb(name);
    await first.meta.put({ key: 'team:11111111-1111-4111-8111-111111111111', value: { url: 'https://couch.example.org/p', user: 'anna', role: 'coder', connectedAt: '2026-12-06T00:00:00.000Z' } });
    first.close();
    const db = new MarkeerDb(name);
    await db.open();
    expect([...db.teamProjects]).toEqual(['11111111-1111-4111-8111-111111111111']);
    db.close();
  });

  it('tells a database written by a newer version of Markeer before opening it', async () => {
    const name = `newer-${crypto.randomUUID()}`;
    const future = new Dexie(name);
    future.version(30).stores({ ...SCHEMA_V1, later: 'id' });
    await future.table('later').put({ id: 1 });
    future.close();
    expect(await installedVersion(name)).toBe(30);
    expect(await installedVersion(`none-${name}`)).toBeNull();
    const again = new Dexie(name);
    await again.open();
    expect(await again.table('later').count()).toBe(1);
    again.close();
  });

  it('has exactly the tables that domain/tables.ts declares, with the declared keys and indexes', async () => {
    const db = new MarkeerDb(`declared-${crypto.randomUUID()}`);
    await db.open();
    const actual = Object.fromEntries(
      db.tables.map((t) => {
        const primary = t.schema.primKey.src;
        return [t.name, [primary, ...t.schema.indexes.map((i) => i.src)].join(', ')];
      }),
    );
    // A table in the database but not in the declaration (or the other way round) fails here:
    // the merge, bundles and the command line would not carry it.
    expect(Object.keys(actual).sort()).toEqual([...TABLES, 'meta', 'syncOutbox'].sort());
    expect(actual).toEqual({ ...declaredSchema() });
    db.close();
  });

  it('is described in ARCHITECTURE.md row for row as domain/tables.ts declares it', () => {
    const cell = (s: string) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
    const rows = PROJECT_TABLES.map((t) =>
      [`\`${t.list}\``, `\`${t.store}\``, `\`[projectGuid+${t.key}]\``, t.indexes.map((i) => `\`${i}\``).join(', '), cell(t.merge), cell(t.handout), cell(t.exercise), cell(t.refi)].join(' | '),
    ).map((r) => `| ${r} |`);
    const doc = readFileSync(resolve(__dirname, '../../ARCHITECTURE.md'), 'utf8');
    const missing = rows.filter((r) => !doc.includes(r));
    // On a change of the declaration, paste these rows into ARCHITECTURE.md's "Project tables".
    expect(missing, missing.join('\n')).toEqual([]);
  });
});
