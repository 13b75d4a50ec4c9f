// @vitest-environment node
import 'fake-indexeddb/auto';
import { applyCode, planApplyCode } from '../commands/coding';
import { renameCode } from '../commands/codes';
import { history } from '../commands/history';
import { projectWithDocument, freshDb } from '../commands/test-builders';
import { replayChanges } from '../storage/changes';
import type { MarkeerDb } from '../storage/db';
import { readProjectData } from '../storage/project-data';
import { connectProject, joinProject } from './team';
import { browser, engines, onServer, run, servers, stopEngines, until } from './test-sync';

async function counts(db: MarkeerDb, projectGuid: string) {
  const data = await readProjectData(db, projectGuid);
  if (!data) throw new Error('no project');
  return { segments: data.segments.length, codings: data.codings.length, codes: data.codes.length, coders: data.coders.length, documents: data.documents.length };
}

afterEach(stopEngines);

describe('team sync through a CouchDB replica', () => {
  it("carries the lead's project to a coder who joins, and each one's coding to the other", async () => {
    const url = `team-${crypto.randomUUID()}`;
    const lead = await projectWithDocument('Ik vind [school] fijn.');
    const leadEnv = browser(`lead-${url}`);
    const connected = await connectProject(lead.projectGuid, url, 'lea', leadEnv, lead.db);
    expect(connected.ok).toBe(true);
    const leadSync = await run(lead.db, lead.projectGuid, leadEnv);
    await leadSync.settled();
    await onServer(url, lead.projectGuid);

    const anna = freshDb();
    const annaEnv = browser(`anna-${url}`);
    const joined = await joinProject(url, 'anna', 'Anna', annaEnv, anna);
    if (!joined.ok) throw new Error(joined.reason);
    expect(joined.value.projectGuid).toBe(lead.projectGuid);
    const annaSync = await run(anna, lead.projectGuid, annaEnv);
    await until(async () => (await counts(anna, lead.projectGuid)).documents === 1, 'the document at Anna');
    const before = await counts(lead.db, lead.projectGuid);
    await until(async () => (await counts(anna, lead.projectGuid)).codes === before.codes, 'the codebook at Anna');
    const annaProject = await anna.projects.get(lead.projectGuid);
    const annaCoder = annaProject?.ownerCoderGuid as string;
    expect(annaCoder).not.toBe(lead.coderGuid);
    expect((await anna.coders.get([lead.projectGuid, annaCoder]))?.couchUser).toBe('anna');

    // Anna codes; the lead sees it, as Anna's.
    const code = (await anna.codes.where('projectGuid').equals(lead.projectGuid).first())!;
    const applied = await applyCode({ projectGuid: lead.projectGuid, documentGuid: lead.documentGuid, coderGuid: annaCoder, codeGuid: code.guid, ...lead.range }, anna);
    expect(applied.ok).toBe(true);
    await until(async () => (await lead.db.segments.where('projectGuid').equals(lead.projectGuid).filter((s) => s.coderGuid === annaCoder).count()) === 1, "Anna's segment at the lead");
    expect(await lead.db.coders.get([lead.projectGuid, annaCoder])).toMatchObject({ name: 'Anna', couchUser: 'anna' });

    // The lead codes; Anna sees it.
    const leadApplied = await applyCode({ projectGuid: lead.projectGuid, documentGuid: lead.documentGuid, coderGuid: lead.coderGuid, codeGuid: code.guid, start: 0, end: 2 }, lead.db);
    expect(leadApplied.ok).toBe(true);
    await until(async () => (await counts(anna, lead.projectGuid)).segments === 2, "the lead's segment at Anna");
    // Things of this browser only do not travel: who works here.
    expect((await anna.projects.get(lead.projectGuid))?.ownerCoderGuid).toBe(annaCoder);
    expect((await lead.db.projects.get(lead.projectGuid))?.ownerCoderGuid).toBe(lead.coderGuid);
    await annaSync.settled();
  });

  it("does not undo a change that came from the server, and undo refuses a step whose record changed there", async () => {
    const url = `team-${crypto.randomUUID()}`;
    const lead = await projectWithDocument('Een [twee] drie.');
    const leadEnv = browser(`lead-${url}`);
    await connectProject(lead.projectGuid, url, 'lea', leadEnv, lead.db);
    const leadSync = await run(lead.db, lead.projectGuid, leadEnv);
    await leadSync.settled();
    await onServer(url, lead.projectGuid);
    const second = freshDb();
    const secondEnv = browser(`second-${url}`);
    const joined = await joinProject(url, 'lea', 'Lea', secondEnv, second);
    if (!joined.ok) throw new Error(joined.reason);
    expect((await second.projects.get(lead.projectGuid))?.ownerCoderGuid).toBe(lead.coderGuid);
    await run(second, lead.projectGuid, secondEnv);
    const code = (await lead.db.codes.where('projectGuid').equals(lead.projectGuid).first())!;
    await until(async () => (await second.codes.get([lead.projectGuid, code.guid])) !== undefined, 'the codebook in the second browser');

    history.clear();
    const renamed = await renameCode(lead.projectGuid, code.guid, 'Hernoemd', second);
    expect(renamed.ok).toBe(true);
    const step = history.peekUndo();
    await until(async () => (await lead.db.codes.get([lead.projectGuid, code.guid]))?.name === 'Hernoemd', 'the new name at the lead');
    // The rename came from the server at the lead: the lead's history has no step for it.
    expect(step?.db).toBe(second);
    history.clear();
    const renamedAgain = await renameCode(lead.projectGuid, code.guid, 'Derde naam', lead.db);
    expect(renamedAgain.ok).toBe(true);
    history.clear();
    await until(async () => (await second.codes.get([lead.projectGuid, code.guid]))?.name === 'Derde naam', 'the third name in the second browser');
    // Undoing the second browser's rename now would overwrite the lead's: it is refused.
    expect(await replayChanges(second, step?.changes ?? [], 'undo')).toEqual({ ok: false, reason: 'changed-elsewhere' });
    expect((await second.codes.get([lead.projectGuid, code.guid]))?.name).toBe('Derde naam');
  });

  it('shows a code renamed in two places at once as a conflict, keeps both names, and settles on the chosen one', async () => {
    const url = `team-${crypto.randomUUID()}`;
    const lead = await projectWithDocument('Een [twee] drie.');
    const leadEnv = browser(`lead-${url}`);
    await connectProject(lead.projectGuid, url, 'lea', leadEnv, lead.db);
    let leadSync = await run(lead.db, lead.projectGuid, leadEnv);
    await leadSync.settled();
    await onServer(url, lead.projectGuid);
    const laptop = freshDb();
    const laptopEnv = browser(`laptop-${url}`);
    const joined = await joinProject(url, 'lea', 'Lea', laptopEnv, laptop);
    if (!joined.ok) throw new Error(joined.reason);
    let laptopSync = await run(laptop, lead.projectGuid, laptopEnv);
    const code = (await lead.db.codes.where('projectGuid').equals(lead.projectGuid).first())!;
    await until(async () => (await laptop.codes.get([lead.projectGuid, code.guid])) !== undefined, 'the codebook on the laptop');
    await laptopSync.settled();

    // Both go offline, and each renames the code.
    await leadSync.stop();
    await laptopSync.stop();
    engines.length = 0;
    expect((await renameCode(lead.projectGuid, code.guid, 'Naam op de desktop', lead.db)).ok).toBe(true);
    expect((await renameCode(lead.projectGuid, code.guid, 'Naam op de laptop', laptop)).ok).toBe(true);
    leadSync = await run(lead.db, lead.projectGuid, leadEnv);
    laptopSync = await run(laptop, lead.projectGuid, laptopEnv);
    const id = `codes:${code.guid}`;
    await until(() => leadSync.status().conflicts.includes(id) && laptopSync.status().conflicts.includes(id), 'the conflict in both browsers');
    // Meanwhile both show the same, deterministic winner.
    await until(async () => (await lead.db.codes.get([lead.projectGuid, code.guid]))?.name === (await laptop.codes.get([lead.projectGuid, code.guid]))?.name, 'the same winner in both');
    const versions = await leadSync.conflictVersions(id);
    expect(versions.map((v) => v.doc.data.name).sort()).toEqual(['Naam op de desktop', 'Naam op de laptop']);
    const shown = (await lead.db.codes.get([lead.projectGuid, code.guid]))?.name;
    expect(versions[0]?.doc.data.name).toBe(shown);

    // The lead keeps the version that lost.
    const loser = versions[1]!;
    await leadSync.resolveConflict(id, loser.rev);
    const chosen = loser.doc.data.name as string;
    await until(async () => (await lead.db.codes.get([lead.projectGuid, code.guid]))?.name === chosen, 'the chosen name at the lead');
    await until(async () => (await laptop.codes.get([lead.projectGuid, code.guid]))?.name === chosen, 'the chosen name on the laptop');
    await until(() => leadSync.status().conflicts.length === 0 && laptopSync.status().conflicts.length === 0, 'no conflict left');
  });

  it('keeps working offline: what is coded while the server is away arrives when it is back', async () => {
    const url = `team-${crypto.randomUUID()}`;
    const lead = await projectWithDocument('Een [twee] drie vier vijf.');
    const leadEnv = browser(`lead-${url}`);
    await connectProject(lead.projectGuid, url, 'lea', leadEnv, lead.db);
    const leadSync = await run(lead.db, lead.projectGuid, leadEnv);
    await leadSync.settled();
    await onServer(url, lead.projectGuid);
    const anna = freshDb();
    const annaEnv = browser(`anna-${url}`);
    const joined = await joinProject(url, 'anna', 'Anna', annaEnv, anna);
    if (!joined.ok) throw new Error(joined.reason);
    let annaSync = await run(anna, lead.projectGuid, annaEnv);
    await until(async () => (await anna.documentTexts.count()) === 1, 'the text at Anna');
    await annaSync.settled();
    await annaSync.stop();
    engines.splice(engines.indexOf(annaSync), 1);
    const annaCoder = (await anna.projects.get(lead.projectGuid))!.ownerCoderGuid;
    const code = (await anna.codes.where('projectGuid').equals(lead.projectGuid).first())!;
    for (const [start, end] of [[0, 3], [4, 8], [9, 13]] as const) {
      expect((await applyCode({ projectGuid: lead.projectGuid, documentGuid: lead.documentGuid, coderGuid: annaCoder, codeGuid: code.guid, start, end }, anna)).ok).toBe(true);
    }
    // Nothing left this browser, and the work is safe in the outbox (a reload keeps it).
    expect(await anna.syncOutbox.count()).toBe(6);
    annaSync = await run(anna, lead.projectGuid, annaEnv);
    await until(async () => (await lead.db.segments.filter((s) => s.coderGuid === annaCoder).count()) === 3, "Anna's three segments at the lead");
    expect(await anna.syncOutbox.count()).toBe(0);
  });

  it('sends a coding that was shown before it was stored (the coding screen paints first), once it is stored', async () => {
    const url = `team-${crypto.randomUUID()}`;
    const lead = await projectWithDocument('Een [twee] drie.');
    const leadEnv = browser(`lead-${url}`);
    await connectProject(lead.projectGuid, url, 'lea', leadEnv, lead.db);
    const leadSync = await run(lead.db, lead.projectGuid, leadEnv);
    await onServer(url, lead.projectGuid);
    await leadSync.settled();
    const code = (await lead.db.codes.where('projectGuid').equals(lead.projectGuid).first())!;
    const input = { projectGuid: lead.projectGuid, documentGuid: lead.documentGuid, coderGuid: lead.coderGuid, codeGuid: code.guid, ...lead.range };
    const text = (await lead.db.documentTexts.get([lead.projectGuid, lead.documentGuid]))!.text;
    const plan = planApplyCode(input, { text, segmentAt: () => undefined, codingsOf: () => [] });
    const applied = await applyCode(input, lead.db, plan ?? undefined);
    if (!applied.ok) throw new Error(applied.reason);
    await until(async () => (await servers.get(url)!.allDocs({ keys: [`segments:${applied.value}`] })).rows[0]?.value !== undefined, 'the segment on the server');
    expect(await lead.db.syncOutbox.count()).toBe(0);
  });

  it('puts the batch of the outbox under way into the replica before stop closes it', async () => {
    const url = `team-${crypto.randomUUID()}`;
    const lead = await projectWithDocument('Een [twee] drie.');
    const env = browser(`lead-${url}`);
    await connectProject(lead.projectGuid, url, 'lea', env, lead.db);
    const leadSync = await run(lead.db, lead.projectGuid, env);
    await onServer(url, lead.projectGuid);
    await leadSync.settled();
    const code = (await lead.db.codes.where('projectGuid').equals(lead.projectGuid).first())!;
    // The coding goes into the outbox, and the engine starts sending it; the sync stops meanwhile.
    expect((await applyCode({ projectGuid: lead.projectGuid, documentGuid: lead.documentGuid, coderGuid: lead.coderGuid, codeGuid: code.guid, ...lead.range }, lead.db)).ok).toBe(true);
    await leadSync.stop();
    // Sent into the replica, not broken off by its closing ("database is closed").
    expect(await lead.db.syncOutbox.count()).toBe(0);
  });
});
