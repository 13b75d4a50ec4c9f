// @vitest-environment node
import 'fake-indexeddb/auto';
import { applyCode } from '../commands/coding';
import { resolveDisagreement } from '../commands/consensus';
import { mergeBundles } from '../commands/merge';
import { restoreProjectData } from '../commands/bundles';
import { freshDb, projectWithDocument } from '../commands/test-builders';
import { computeAgreement } from '../domain/agreement/text';
import { computeMatrix } from '../domain/analysis/matrix';
import { NO_FILTER } from '../domain/analysis/filter';
import type { ProjectData } from '../domain/project-data';
import type { MarkeerDb } from '../storage/db';
import { readProjectData } from '../storage/project-data';
import { connectProject, joinProject } from './team';
import { browser, onServer, run, stopEngines, until } from './test-sync';

afterAll(stopEngines);

/** What the agreement dialog and the command line compute for two coders. */
function agreementOf(data: ProjectData, a: string, b: string) {
  return computeAgreement({
    documents: [...data.documents].sort((x, y) => x.order - y.order).map((d) => ({ guid: d.guid, name: d.name, length: d.length })),
    codes: data.codes,
    coders: [a, b],
    segments: data.segments,
    codings: data.codings,
  });
}

/** Every figure of the code x document matrix, by code and document GUID, for one coder's work. */
function matrixOf(data: ProjectData, coder: string) {
  const only = { ...data, segments: data.segments.filter((s) => s.coderGuid === coder), codings: data.codings.filter((c) => c.coderGuid === coder) };
  return computeMatrix(only, { columns: { kind: 'documents' }, count: 'segments', filter: NO_FILTER });
}

describe('a connected project and a merged one', () => {
  it('give the same agreement, matrices and consensus on the same work', async () => {
    const url = `parity-${crypto.randomUUID()}`;
    const text = 'De leerlingen vinden het rooster te vol. Ze missen tijd om te spelen en om samen te werken aan projecten.';
    const lead = await projectWithDocument(`[${text}]`);
    const handout = (await readProjectData(lead.db, lead.projectGuid))!;

    // Live: the lead connects, Anna and Bram join and code.
    const leadEnv = browser(`lead-${url}`);
    expect((await connectProject(lead.projectGuid, url, 'lea', leadEnv, lead.db)).ok).toBe(true);
    await run(lead.db, lead.projectGuid, leadEnv);
    await onServer(url, lead.projectGuid);
    const coders = new Map<string, { db: MarkeerDb; coder: string }>();
    for (const name of ['anna', 'bram']) {
      const db = freshDb();
      const env = browser(`${name}-${url}`);
      const joined = await joinProject(url, name, name, env, db);
      if (!joined.ok) throw new Error(joined.reason);
      await run(db, lead.projectGuid, env);
      await until(async () => (await db.documentTexts.count()) === 1 && (await db.codes.count()) === handout.codes.length, `the project at ${name}`);
      coders.set(name, { db, coder: (await db.projects.get(lead.projectGuid))!.ownerCoderGuid });
    }
    const [code1, code2] = handout.codes;
    const work: [string, string, number, number][] = [
      ['anna', code1!.guid, 0, 40],
      ['anna', code2!.guid, 41, 70],
      ['bram', code1!.guid, 4, 40],
      ['bram', code2!.guid, 60, text.length],
      ['bram', code1!.guid, 71, 90],
    ];
    for (const [who, codeGuid, start, end] of work) {
      const { db, coder } = coders.get(who)!;
      const applied = await applyCode({ projectGuid: lead.projectGuid, documentGuid: lead.documentGuid, coderGuid: coder, codeGuid, start, end }, db);
      expect(applied.ok).toBe(true);
    }
    await until(async () => (await lead.db.segments.count()) === work.length, 'all coding at the lead');
    const anna = coders.get('anna')!.coder;
    const bram = coders.get('bram')!.coder;

    // Files: the same work, merged from each coder's project into a copy of the hand-out.
    const merged = freshDb();
    const restored = await restoreProjectData(handout, { db: merged });
    if (!restored.ok) throw new Error(restored.reason);
    const annaData = (await readProjectData(coders.get('anna')!.db, lead.projectGuid))!;
    const bramData = (await readProjectData(coders.get('bram')!.db, lead.projectGuid))!;
    const only = (d: ProjectData, coder: string): ProjectData => ({ ...d, segments: d.segments.filter((s) => s.coderGuid === coder), codings: d.codings.filter((c) => c.coderGuid === coder), coders: d.coders.filter((c) => c.guid === coder) });
    const mergedResult = await mergeBundles(restored.value, [only(annaData, anna), only(bramData, bram)], new Set(), merged);
    expect(mergedResult.ok).toBe(true);

    const live = (await readProjectData(lead.db, lead.projectGuid))!;
    const filed = (await readProjectData(merged, restored.value))!;
    expect(live.segments).toHaveLength(work.length);
    expect(filed.segments).toHaveLength(work.length);
    const liveAgreement = agreementOf(live, anna, bram);
    expect(liveAgreement.codes.length).toBeGreaterThan(0);
    expect(liveAgreement).toEqual(agreementOf(filed, anna, bram));
    expect(matrixOf(live, anna)).toEqual(matrixOf(filed, anna));
    expect(matrixOf(live, bram)).toEqual(matrixOf(filed, bram));

    // Consensus: the same decision in both gives the same consensus coding.
    const decide = (db: MarkeerDb, projectGuid: string) =>
      resolveDisagreement({ projectGuid, documentGuid: lead.documentGuid, codeGuid: code1!.guid, start: 0, end: 4, keep: 'a', coderA: anna, coderB: bram }, db);
    expect((await decide(lead.db, lead.projectGuid)).ok).toBe(true);
    expect((await decide(merged, restored.value)).ok).toBe(true);
    const consensusRanges = async (db: MarkeerDb, projectGuid: string) => {
      const data = (await readProjectData(db, projectGuid))!;
      const consensus = data.coders.find((c) => c.name === 'Consensus')!;
      return data.segments.filter((s) => s.coderGuid === consensus.guid).map((s) => [s.start, s.end]).sort();
    };
    const liveConsensus = await consensusRanges(lead.db, lead.projectGuid);
    expect(liveConsensus.length).toBeGreaterThan(0);
    expect(liveConsensus).toEqual(await consensusRanges(merged, restored.value));
    // The lead's consensus reaches the coders too (it is the lead's to write).
    const annaDb = coders.get('anna')!.db;
    await until(async () => (await annaDb.coders.filter((c) => c.name === 'Consensus').count()) === 1, 'the consensus coder at Anna');
  });
});
