import type { ProjectData } from '../domain/project-data';
import type { MarkeerDb } from '../storage/db';
import { readProjectData } from '../storage/project-data';
import { exportBundle, importBundle } from './bundles';
import { addCode, setCodeShortcut } from './codes';
import { applyCode } from './coding';
import { history } from './history';
import { exportRefi } from './refi';
import { acceptedNameMatches, mergeBundles, parsedData, prepareMerge, type MergeFile } from './merge';
import { freshDb, projectWithDocument } from './test-builders';

const CODE_A = 'fd0f7ea9-9d93-5f6f-b31b-3526ab2539b3'; // Signalen opmerken
const CODE_B = '069a0186-6264-516a-a8fb-ebc0e3bc8cb0'; // Signalen interpreteren

const TEXT = 'Ik zag [dat hij niet online kwam] die week. Ik was boos.';

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; reason: string; detail?: string }>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(`${result.reason} ${result.detail ?? ''}`);
  return result.value;
}

/**
 * The lead's project, handed out before the lead added "Frustratie" and gave Signalen opmerken
 * the key 1.
 */
async function leadWithHandout() {
  const lead = await projectWithDocument(TEXT);
  const handout = await must(exportBundle(lead.projectGuid, 'handout', lead.db));
  const frustratie = await must(addCode(lead.projectGuid, { name: 'Frustratie', parentGuid: null }, lead.db));
  await must(setCodeShortcut(lead.projectGuid, CODE_A, 1, lead.db));
  history.clear();
  return { ...lead, handout: handout.bytes, frustratie };
}

/** A coder who imported the hand-out in their own browser; `work` codes there; returns their full bundle. */
async function coderBundle(handout: Uint8Array, name: string, work: (c: { db: MarkeerDb; projectGuid: string; coderGuid: string; documentGuid: string }) => Promise<void>): Promise<MergeFile> {
  const db = freshDb();
  const projectGuid = await must(importBundle(handout, { db, coderName: name }));
  const data = await readProjectData(db, projectGuid);
  if (!data) throw new Error('no project');
  const documentGuid = data.documents[0]?.guid ?? '';
  await work({ db, projectGuid, coderGuid: data.project.ownerCoderGuid, documentGuid });
  const bundle = await must(exportBundle(projectGuid, 'full', db));
  return { name: `${name}.markeer`, bytes: bundle.bytes };
}

const range = (s: string) => ({ start: TEXT.replace(/[[\]]/g, '').indexOf(s), end: TEXT.replace(/[[\]]/g, '').indexOf(s) + s.length });

/** Bram codes three ranges, one with his own "frustratie" (the lead has "Frustratie"), one with "Twijfel" (key 1). */
const bram = (handout: Uint8Array) =>
  coderBundle(handout, 'Bram', async (c) => {
    await must(applyCode({ ...c, ...range('dat hij niet online kwam'), codeGuid: CODE_A }, c.db));
    const frustratie = await must(addCode(c.projectGuid, { name: 'frustratie', parentGuid: null }, c.db));
    await must(applyCode({ ...c, ...range('Ik was boos.'), codeGuid: frustratie }, c.db));
    const twijfel = await must(addCode(c.projectGuid, { name: 'Twijfel', parentGuid: null }, c.db));
    await must(setCodeShortcut(c.projectGuid, twijfel, 1, c.db));
    await must(applyCode({ ...c, ...range('die week'), codeGuid: twijfel }, c.db));
  });

/** Chris codes one range with another code, and adds a "Twijfel" of his own. */
const chris = (handout: Uint8Array) =>
  coderBundle(handout, 'Chris', async (c) => {
    await must(applyCode({ ...c, ...range('Ik zag dat hij'), codeGuid: CODE_B }, c.db));
    const twijfel = await must(addCode(c.projectGuid, { name: 'Twijfel', parentGuid: null }, c.db));
    await must(applyCode({ ...c, ...range('online'), codeGuid: twijfel }, c.db));
  });

async function prepared(db: MarkeerDb, projectGuid: string, files: MergeFile[]) {
  return must(prepareMerge(projectGuid, files, db));
}

async function leadData(db: MarkeerDb, projectGuid: string): Promise<ProjectData> {
  const data = await readProjectData(db, projectGuid);
  if (!data) throw new Error('no project');
  return data;
}

beforeEach(() => history.clear());

describe('prepareMerge', () => {
  it('plans each bundle without writing, against the lead plus the bundles before it', async () => {
    const lead = await leadWithHandout();
    const files = [await bram(lead.handout), await chris(lead.handout)];
    const before = await leadData(lead.db, lead.projectGuid);
    const prep = await prepared(lead.db, lead.projectGuid, files);
    expect(await leadData(lead.db, lead.projectGuid)).toEqual(before);

    const [forBram, forChris] = prep.plans;
    expect(forBram?.coders.map((c) => [c.incoming.name, c.by === 'guid']).sort()).toEqual([
      ['Anna', true],
      ['Bram', false],
    ]);
    expect(forBram?.documents.map((d) => d.by)).toEqual(['guid']);
    expect(forBram?.codes.filter((c) => c.by === 'name').map((c) => [c.incoming.name, c.target?.name])).toEqual([['frustratie', 'Frustratie']]);
    expect(forBram?.codes.filter((c) => c.by === 'new').map((c) => c.incoming.name)).toEqual(['Twijfel']);
    // Chris's own "Twijfel" meets Bram's, which the first bundle adds.
    expect(forChris?.codes.filter((c) => c.by === 'name').map((c) => [c.incoming.name, c.target?.name])).toEqual([['Twijfel', 'Twijfel']]);
  });

  it('names a file that is not a bundle and plans the others', async () => {
    const lead = await leadWithHandout();
    const good = await bram(lead.handout);
    const prep = await prepared(lead.db, lead.projectGuid, [{ name: 'notities.txt', bytes: new TextEncoder().encode('hallo') }, good]);
    expect(prep.files[0]).toMatchObject({ name: 'notities.txt', ok: false, reason: 'bundle-not-zip' });
    expect(prep.files[1]).toMatchObject({ name: 'Bram.markeer', ok: true });
    expect(prep.plans).toHaveLength(1);
  });

  it('refuses a lead project that does not exist', async () => {
    expect(await prepareMerge('00000000-0000-4000-8000-000000000000', [], freshDb())).toMatchObject({ ok: false, reason: 'not-found' });
  });
});

describe('mergeBundles', () => {
  it('adds both coders’ segments and codings, each keeping its coder', async () => {
    const lead = await leadWithHandout();
    const prep = await prepared(lead.db, lead.projectGuid, [await bram(lead.handout), await chris(lead.handout)]);
    const outcome = await must(mergeBundles(lead.projectGuid, parsedData(prep.files), acceptedNameMatches(prep.plans, () => true), lead.db));

    const data = await leadData(lead.db, lead.projectGuid);
    const coderName = new Map(data.coders.map((c) => [c.guid, c.name]));
    const codeName = new Map(data.codes.map((c) => [c.guid, c.name]));
    const work = data.codings.map((c) => {
      const segment = data.segments.find((s) => s.guid === c.segmentGuid);
      return `${coderName.get(c.coderGuid)}: ${segment?.text} = ${codeName.get(c.codeGuid)}`;
    });
    expect(work.sort()).toEqual([
      'Bram: Ik was boos. = Frustratie',
      'Bram: dat hij niet online kwam = Signalen opmerken',
      'Bram: die week = Twijfel',
      'Chris: Ik zag dat hij = Signalen interpreteren',
      'Chris: online = Twijfel',
    ]);
    expect(data.segments.map((s) => `${coderName.get(s.coderGuid)} ${s.text}`).sort()).toEqual([
      'Bram Ik was boos.',
      'Bram dat hij niet online kwam',
      'Bram die week',
      'Chris Ik zag dat hij',
      'Chris online',
    ]);
    expect(outcome.files.map((r) => r.added)).toEqual([
      { documents: 0, codes: 1, coders: 1, segments: 3, codings: 3, memos: 0, groups: 0, variables: 0, themes: 0, attempts: 0, variableValues: 0, comments: 0 },
      { documents: 0, codes: 0, coders: 1, segments: 2, codings: 2, memos: 0, groups: 0, variables: 0, themes: 0, attempts: 0, variableValues: 0, comments: 0 },
    ]);
    expect(outcome.total.added).toEqual({ documents: 0, codes: 1, coders: 2, segments: 5, codings: 5, memos: 0, groups: 0, variables: 0, themes: 0, attempts: 0, variableValues: 0, comments: 0 });
    // Both bundles hold the lead’s one document: already there once.
    expect(outcome.total.matched.documents).toBe(1);
  });

  it('adds nothing when the same files are merged again, or twice at once', async () => {
    const lead = await leadWithHandout();
    const files = [await bram(lead.handout), await chris(lead.handout)];
    const prep = await prepared(lead.db, lead.projectGuid, [...files, files[0] as MergeFile]);
    const accept = acceptedNameMatches(prep.plans, () => true);
    const first = await must(mergeBundles(lead.projectGuid, parsedData(prep.files), accept, lead.db));
    expect(first.files[2]?.added).toEqual({ documents: 0, codes: 0, coders: 0, segments: 0, codings: 0, memos: 0, groups: 0, variables: 0, themes: 0, attempts: 0, variableValues: 0, comments: 0 });
    const after = await leadData(lead.db, lead.projectGuid);

    const again = await must(mergeBundles(lead.projectGuid, parsedData(prep.files), accept, lead.db));
    expect(again.total.added).toEqual({ documents: 0, codes: 0, coders: 0, segments: 0, codings: 0, memos: 0, groups: 0, variables: 0, themes: 0, attempts: 0, variableValues: 0, comments: 0 });
    expect(again.total.matched.segments).toBe(8);
    // Three files that all hold the lead's one document: it is there once, not three times.
    expect(again.total.matched.documents).toBe(1);
    expect(again.files.map((f) => f.matched.documents)).toEqual([1, 1, 1]);
    const data = await leadData(lead.db, lead.projectGuid);
    expect(data.segments).toHaveLength(after.segments.length);
    expect(data.codings).toHaveLength(after.codings.length);
    expect(history.peekUndo()?.label).toBe('history.merge');
  });

  it('treats a code matched by name as the lead’s code only when the lead accepts it', async () => {
    const accepted = await leadWithHandout();
    const a = await prepared(accepted.db, accepted.projectGuid, [await bram(accepted.handout)]);
    await must(mergeBundles(accepted.projectGuid, parsedData(a.files), acceptedNameMatches(a.plans, () => true), accepted.db));
    const withMatch = await leadData(accepted.db, accepted.projectGuid);
    expect(withMatch.codes.filter((c) => c.name.trim().toLowerCase() === 'frustratie')).toHaveLength(1);
    expect(withMatch.codings.filter((c) => c.codeGuid === accepted.frustratie)).toHaveLength(1);

    const refused = await leadWithHandout();
    const r = await prepared(refused.db, refused.projectGuid, [await bram(refused.handout)]);
    await must(mergeBundles(refused.projectGuid, parsedData(r.files), new Set(), refused.db));
    const without = await leadData(refused.db, refused.projectGuid);
    const frustraties = without.codes.filter((c) => c.name.trim().toLowerCase() === 'frustratie');
    expect(frustraties).toHaveLength(2);
    expect(without.codings.filter((c) => c.codeGuid === refused.frustratie)).toHaveLength(0);
  });

  it('gives the codes it adds no shortcut key, so the lead’s keys stay', async () => {
    const lead = await leadWithHandout();
    const prep = await prepared(lead.db, lead.projectGuid, [await bram(lead.handout)]);
    await must(mergeBundles(lead.projectGuid, parsedData(prep.files), new Set(), lead.db));
    const data = await leadData(lead.db, lead.projectGuid);
    expect(data.codes.filter((c) => c.shortcut === 1).map((c) => c.guid)).toEqual([CODE_A]);
    expect(data.codes.find((c) => c.name === 'Twijfel')?.shortcut).toBeNull();
  });

  it('merges a bundle of another project by document text', async () => {
    const lead = await leadWithHandout();
    const other = await projectWithDocument(TEXT, null);
    const code = await must(addCode(other.projectGuid, { name: 'Online', parentGuid: null }, other.db));
    await must(applyCode({ ...other, ...range('online'), codeGuid: code }, other.db));
    const bundle = await must(exportBundle(other.projectGuid, 'full', other.db));
    const prep = await prepared(lead.db, lead.projectGuid, [{ name: 'other.markeer', bytes: bundle.bytes }]);
    expect(prep.plans[0]?.documents.map((d) => d.by)).toEqual(['text']);
    await must(mergeBundles(lead.projectGuid, parsedData(prep.files), new Set(), lead.db));
    const data = await leadData(lead.db, lead.projectGuid);
    expect(data.documents).toHaveLength(1);
    expect(data.segments.map((s) => [s.documentGuid, s.text])).toEqual([[lead.documentGuid, 'online']]);
  });

  it('merges a coder’s .qdpx from another tool by document text, with its import report', async () => {
    const lead = await leadWithHandout();
    // A coder's own project, as from another tool: other document GUIDs, the template's code, UTF-16 positions.
    const other = await projectWithDocument(TEXT);
    await must(applyCode({ ...other, ...range('dat hij niet online kwam'), codeGuid: CODE_A }, other.db));
    const qdpx = await must(exportRefi(other.projectGuid, 'qdpx-utf16', other.db));
    const prep = await prepared(lead.db, lead.projectGuid, [
      { name: 'Dana.QDPX', bytes: qdpx.bytes },
      { name: 'kapot.qdpx', bytes: qdpx.bytes.subarray(0, 100) },
    ]);
    expect(prep.files[0]).toMatchObject({ name: 'Dana.QDPX', ok: true, refi: { positionConvention: [expect.anything()] } });
    expect(prep.files[1]).toMatchObject({ name: 'kapot.qdpx', ok: false, reason: 'refi-damaged' });
    expect(prep.plans[0]?.documents.map((d) => d.by)).toEqual(['text']);
    expect(prep.plans[0]?.codes.find((c) => c.incoming.guid === CODE_A)?.by).toBe('guid');
    await must(mergeBundles(lead.projectGuid, parsedData(prep.files), new Set(), lead.db));
    const data = await leadData(lead.db, lead.projectGuid);
    expect(data.documents).toHaveLength(1);
    expect(data.segments.map((s) => [s.documentGuid, s.text, s.coderGuid])).toEqual([[lead.documentGuid, 'dat hij niet online kwam', other.coderGuid]]);
    expect(data.codings.map((c) => c.codeGuid)).toEqual([CODE_A]);
  });

  it('is undone as one step, leaving the lead’s project as it was', async () => {
    const lead = await leadWithHandout();
    const before = await leadData(lead.db, lead.projectGuid);
    const prep = await prepared(lead.db, lead.projectGuid, [await bram(lead.handout), await chris(lead.handout)]);
    // The coders' own steps (in their browsers) are not the lead's history.
    history.clear();
    await must(mergeBundles(lead.projectGuid, parsedData(prep.files), acceptedNameMatches(prep.plans, () => true), lead.db));
    expect((await leadData(lead.db, lead.projectGuid)).segments).toHaveLength(5);

    const undone = await history.undo();
    expect(undone).toMatchObject({ ok: true, value: { label: 'history.merge' } });
    expect(history.peekUndo()).toBeUndefined();
    const after = await leadData(lead.db, lead.projectGuid);
    const sorted = (d: ProjectData) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))) : v]));
    expect(sorted(after)).toEqual(sorted(before));

    await history.redo();
    expect((await leadData(lead.db, lead.projectGuid)).segments).toHaveLength(5);
  });
});
