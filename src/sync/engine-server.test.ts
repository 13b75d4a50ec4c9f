// @vitest-environment node
import 'fake-indexeddb/auto';
import { applyCode } from '../commands/coding';
import { setSegmentComment } from '../commands/coding';
import { renameCode } from '../commands/codes';
import { freshDb, projectWithDocument } from '../commands/test-builders';
import type { MarkeerDb } from '../storage/db';
import { parseRefusal } from './design';
import { TeamSync } from './engine';
import type { PouchEnvironment } from './pouch';
import { parseDatabaseUrl, prepareDatabase, signIn } from './server';
import { connectProject, joinProject } from './team';
import { engines, Pouch, run, stopEngines, until } from './test-sync';
import { cookieFetch, startTestCouch, type TestCouch } from './test-server';

/** Requests of the test's browsers under way, and when one last started or ended. */
const traffic = { underWay: 0, last: 0 };

/**
 * Waits until no browser has had a request under way for `ms` (at most 10 s). A replication
 * stopped mid-batch still finishes the batch, and then asks the server once more without
 * handling a failure (PouchDB's `info()` after a batch; the app takes such stray failures in the
 * browser, engine.ts `onStrayFailure`): the server must outlive those requests.
 */
async function quiet(ms = 300): Promise<void> {
  const end = Date.now() + 10_000;
  while ((traffic.underWay > 0 || Date.now() - traffic.last < ms) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A browser: its own database, replica and cookie jar, signed in as `user`. */
async function browser(couch: TestCouch, dbUrl: string, user: string): Promise<{ db: MarkeerDb; env: PouchEnvironment; fetch: typeof fetch }> {
  const cookies = cookieFetch();
  const jar: typeof fetch = async (input, init) => {
    traffic.underWay++;
    traffic.last = Date.now();
    try {
      return await cookies(input, init);
    } finally {
      traffic.underWay--;
      traffic.last = Date.now();
    }
  };
  const address = parseDatabaseUrl(dbUrl);
  if (!address.ok) throw new Error('bad url');
  const session = await signIn(address.value, user, 'wachtwoord', jar);
  if (!session.ok) throw new Error(`sign-in of ${user}: ${session.reason}`);
  const env: PouchEnvironment = {
    Pouch,
    local: { adapter: 'memory' },
    replicaPrefix: `${user}-${crypto.randomUUID()}-`,
    remote: (url) => new Pouch(url, { skip_setup: true, fetch: (u: string, init?: RequestInit) => jar(u, init) }),
  };
  return { db: freshDb(), env, fetch: jar };
}

let couch: TestCouch;

beforeAll(async () => {
  couch = await startTestCouch();
  for (const user of ['lea', 'anna', 'bram', 'karel']) await couch.createUser(user, 'wachtwoord');
}, 60_000);
afterAll(async () => {
  await stopEngines();
  await quiet();
  await couch?.stop();
});

describe('team sync with a CouchDB that enforces the rules', () => {
  it("refuses a coder's change to another coder's segment, tells that coder, and keeps their own work", async () => {
    const dbUrl = await couch.createDatabase(`project-${crypto.randomUUID().slice(0, 8)}`, { admins: ['lea'], members: [] });
    const address = parseDatabaseUrl(dbUrl);
    if (!address.ok) throw new Error('bad url');

    // The lead prepares the database and connects a project.
    const lead = await projectWithDocument('Ik vind [school] fijn, zei ze.');
    const leadBrowser = await browser(couch, dbUrl, 'lea');
    const prepared = await prepareDatabase(address.value, { lead: 'lea', members: ['anna', 'bram'] }, leadBrowser.fetch);
    expect(prepared.ok).toBe(true);
    expect((await connectProject(lead.projectGuid, dbUrl, 'lea', leadBrowser.env, lead.db)).ok).toBe(true);
    const leadSync = await run(lead.db, lead.projectGuid, leadBrowser.env);
    await until(async () => (await leadSync.remote.allDocs({ keys: [`projects:${lead.projectGuid}`] })).rows[0]?.value !== undefined, 'the project on the server');
    await until(async () => (await lead.db.syncOutbox.count()) === 0 && leadSync.status().state.kind === 'synced', 'the lead synced');

    // Anna and Bram join; Anna codes.
    const anna = await browser(couch, dbUrl, 'anna');
    const annaJoined = await joinProject(dbUrl, 'anna', 'Anna', anna.env, anna.db);
    if (!annaJoined.ok) throw new Error(annaJoined.reason);
    const annaSync = await run(anna.db, lead.projectGuid, anna.env);
    await until(async () => (await anna.db.documentTexts.count()) === 1 && (await anna.db.codes.count()) > 0, 'the project at Anna');
    const annaCoder = (await anna.db.projects.get(lead.projectGuid))!.ownerCoderGuid;
    const code = (await anna.db.codes.where('projectGuid').equals(lead.projectGuid).first())!;
    const annaSegment = await applyCode({ projectGuid: lead.projectGuid, documentGuid: lead.documentGuid, coderGuid: annaCoder, codeGuid: code.guid, ...lead.range }, anna.db);
    if (!annaSegment.ok) throw new Error(annaSegment.reason);
    await until(async () => (await lead.db.segments.get([lead.projectGuid, annaSegment.value])) !== undefined, "Anna's segment at the lead");
    expect(annaSync.status().refused).toEqual([]);

    const bram = await browser(couch, dbUrl, 'bram');
    const bramJoined = await joinProject(dbUrl, 'bram', 'Bram', bram.env, bram.db);
    if (!bramJoined.ok) throw new Error(bramJoined.reason);
    const bramSync = await run(bram.db, lead.projectGuid, bram.env);
    await until(async () => (await bram.db.segments.get([lead.projectGuid, annaSegment.value])) !== undefined, "Anna's segment at Bram");
    const bramCoder = (await bram.db.projects.get(lead.projectGuid))!.ownerCoderGuid;

    // Bram codes (his own: accepted), then writes a comment on Anna's segment (refused).
    const bramSegment = await applyCode({ projectGuid: lead.projectGuid, documentGuid: lead.documentGuid, coderGuid: bramCoder, codeGuid: code.guid, start: 0, end: 2 }, bram.db);
    if (!bramSegment.ok) throw new Error(bramSegment.reason);
    expect((await setSegmentComment(lead.projectGuid, annaSegment.value, 'Bram was hier', bram.db)).ok).toBe(true);
    await until(() => bramSync.status().refused.length === 1, 'the refusal at Bram');
    const [refused] = bramSync.status().refused;
    expect(refused?.id).toBe(`segments:${annaSegment.value}`);
    expect(parseRefusal(refused?.reason ?? '')).toEqual({ kind: 'not-owner', table: 'segments', owner: 'anna' });
    // Bram's own segment reached the lead; his comment stays in his browser only.
    await until(async () => (await lead.db.segments.get([lead.projectGuid, bramSegment.value])) !== undefined, "Bram's segment at the lead");
    expect((await bram.db.segments.get([lead.projectGuid, annaSegment.value]))?.comment).toBe('Bram was hier');
    expect((await lead.db.segments.get([lead.projectGuid, annaSegment.value]))?.comment).toBe('');
    expect((await anna.db.segments.get([lead.projectGuid, annaSegment.value]))?.comment).toBe('');

    // The codebook is the lead's: Anna's rename is refused too.
    expect((await renameCode(lead.projectGuid, code.guid, 'Van Anna', anna.db)).ok).toBe(true);
    await until(() => annaSync.status().refused.some((r) => r.id === `codes:${code.guid}`), 'the refused rename at Anna');
    expect(parseRefusal(annaSync.status().refused.find((r) => r.id === `codes:${code.guid}`)?.reason ?? '')).toEqual({ kind: 'lead-only', table: 'codes' });
    expect((await lead.db.codes.get([lead.projectGuid, code.guid]))?.name).toBe(code.name);
  });

  it('gives someone who is not a member nothing', async () => {
    const dbUrl = await couch.createDatabase(`closed-${crypto.randomUUID().slice(0, 8)}`, { admins: ['lea'], members: ['anna'] });
    const karel = await browser(couch, dbUrl, 'karel');
    const joined = await joinProject(dbUrl, 'karel', 'Karel', karel.env, karel.db);
    expect(joined.ok).toBe(false);
    expect(await karel.db.projects.count()).toBe(0);
  });

  it('shows a code renamed on two computers of the lead while both were offline as a conflict, and settles it', async () => {
    const dbUrl = await couch.createDatabase(`conflict-${crypto.randomUUID().slice(0, 8)}`, { admins: ['lea'], members: [] });
    const address = parseDatabaseUrl(dbUrl);
    if (!address.ok) throw new Error('bad url');
    const lead = await projectWithDocument('Een [twee] drie.');
    const desktop = await browser(couch, dbUrl, 'lea');
    expect((await prepareDatabase(address.value, { lead: 'lea', members: [] }, desktop.fetch)).ok).toBe(true);
    expect((await connectProject(lead.projectGuid, dbUrl, 'lea', desktop.env, lead.db)).ok).toBe(true);
    let desktopSync = await run(lead.db, lead.projectGuid, desktop.env);
    await until(async () => (await desktopSync.remote.allDocs({ keys: [`projects:${lead.projectGuid}`] })).rows[0]?.value !== undefined, 'the project on the server');
    await until(async () => (await lead.db.syncOutbox.count()) === 0 && desktopSync.status().state.kind === 'synced', 'the desktop synced');
    const laptop = await browser(couch, dbUrl, 'lea');
    const joined = await joinProject(dbUrl, 'lea', 'Lea', laptop.env, laptop.db);
    if (!joined.ok) throw new Error(joined.reason);
    let laptopSync = await run(laptop.db, lead.projectGuid, laptop.env);
    const code = (await lead.db.codes.where('projectGuid').equals(lead.projectGuid).first())!;
    await until(async () => (await laptop.db.codes.get([lead.projectGuid, code.guid])) !== undefined, 'the codebook on the laptop');
    const id = `codes:${code.guid}`;
    const serverRev = async () => (await desktopSync.remote.allDocs({ keys: [id] })).rows[0]?.value?.rev;
    const replicaRev = async (s: TeamSync) => (await s.local.allDocs({ keys: [id] })).rows[0]?.value?.rev;
    expect(await replicaRev(laptopSync)).toBe(await serverRev());
    expect(await replicaRev(desktopSync)).toBe(await serverRev());

    for (const s of [desktopSync, laptopSync]) {
      await s.settled();
      await s.stop();
      engines.splice(engines.indexOf(s), 1);
    }
    expect((await renameCode(lead.projectGuid, code.guid, 'Op de desktop', lead.db)).ok).toBe(true);
    expect((await renameCode(lead.projectGuid, code.guid, 'Op de laptop', laptop.db)).ok).toBe(true);
    desktopSync = await run(lead.db, lead.projectGuid, desktop.env);
    laptopSync = await run(laptop.db, lead.projectGuid, laptop.env);
    await until(() => desktopSync.status().conflicts.includes(id) && laptopSync.status().conflicts.includes(id), 'the conflict at both');
    const versions = await desktopSync.conflictVersions(id);
    expect(versions.map((v) => v.doc.data.name).sort()).toEqual(['Op de desktop', 'Op de laptop']);
    await desktopSync.resolveConflict(id, versions.find((v) => v.doc.data.name === 'Op de laptop')!.rev);
    await until(async () => (await lead.db.codes.get([lead.projectGuid, code.guid]))?.name === 'Op de laptop' && (await laptop.db.codes.get([lead.projectGuid, code.guid]))?.name === 'Op de laptop', 'the chosen name at both');
    await until(() => desktopSync.status().conflicts.length === 0 && laptopSync.status().conflicts.length === 0, 'no conflict left');
  });
});
