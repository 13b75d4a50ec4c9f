import { createGuid } from '../domain/ids';
import { inGuidOrder, type ProjectData } from '../domain/project-data';
import { publishCommitted, type Change } from '../storage/changes';
import { readProjectData } from '../storage/project-data';
import { loadProjectSnapshot, patchProjectData, projectSnapshot, releaseProjectSnapshot, subscribeProjectSnapshot } from '../storage/project-snapshot';
import { applyCode, removeCoding, setSegmentComment } from './coding';
import { addCode, deleteCode } from './codes';
import { history } from './history';
import { createMemo } from './memos';
import { CODE_SIGNALEN_INTERPRETEREN, CODE_SIGNALEN_OPMERKEN, codedProject, simulateFullDisk } from './test-builders';

// The project held in memory for the analyses (storage/project-snapshot.ts) is read once and then
// patched with the changes every write publishes; it must always equal what a new read gives.

afterEach(() => {
  releaseProjectSnapshot();
  history.clear();
});

async function expectCurrent(f: { db: Parameters<typeof readProjectData>[0]; projectGuid: string }) {
  const read = await readProjectData(f.db, f.projectGuid);
  const held = projectSnapshot(f.db, f.projectGuid);
  expect(held).toBeTruthy();
  // The lists are kept in the order a read gives them (GUID order), not only with the same rows.
  expect(held).toEqual(read);
  expect(inGuidOrder(held as ProjectData)).toEqual(held);
}

describe('the project held in memory', () => {
  it('follows every write, undo and redo as a new read would give it', async () => {
    const f = await codedProject('Ik zag 🙂 [dat hij niet online kwam] die week, zei ze.');
    await loadProjectSnapshot(f.db, f.projectGuid);
    await expectCurrent(f);

    const coded = await applyCode({ ...f, start: 3, end: 6, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
    expect(coded.ok).toBe(true);
    await expectCurrent(f);
    const code = await addCode(f.projectGuid, { name: 'constructor', parentGuid: null }, f.db);
    expect(code.ok).toBe(true);
    await applyCode({ ...f, start: 0, end: 2, codeGuid: code.ok ? code.value : '' }, f.db);
    await expectCurrent(f);
    if (coded.ok) await setSegmentComment(f.projectGuid, coded.value, 'nog eens bekijken', f.db);
    expect((await createMemo(f.projectGuid, { target: { kind: 'project', guid: null }, authorGuid: f.coderGuid, title: '__proto__', text: 'x', rich: null }, f.db)).ok).toBe(true);
    await expectCurrent(f);
    // Deleting a code takes its codings (and segments left without one) with it.
    expect((await deleteCode(f.projectGuid, code.ok ? code.value : '', null, f.db)).ok).toBe(true);
    await expectCurrent(f);
    for (let i = 0; i < 3; i++) expect((await history.undo()).ok).toBe(true);
    await expectCurrent(f);
    for (let i = 0; i < 2; i++) expect((await history.redo()).ok).toBe(true);
    await expectCurrent(f);
    const codings = (projectSnapshot(f.db, f.projectGuid) as ProjectData).codings;
    const one = codings.find((c) => c.codeGuid === CODE_SIGNALEN_INTERPRETEREN);
    expect(one).toBeTruthy();
    if (one) expect((await removeCoding(f.projectGuid, one.segmentGuid, one.codeGuid, f.db)).ok).toBe(true);
    await expectCurrent(f);
  });

  it('reads ahead only while the coder is not at work, and at once when a screen asks for it', async () => {
    const f = await codedProject('Ik zag [dat hij niet online kwam] die week.');
    let atWork = true;
    let done = false;
    const ahead = loadProjectSnapshot(f.db, f.projectGuid, () => atWork).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(done).toBe(false);
    atWork = false;
    await ahead;
    await expectCurrent(f);
    releaseProjectSnapshot();

    // Paused again, until an analysis subscribes: then it reads without pausing.
    done = false;
    const again = loadProjectSnapshot(f.db, f.projectGuid, () => true).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(done).toBe(false);
    const heard: unknown[] = [];
    const off = subscribeProjectSnapshot(f.db, f.projectGuid, (d) => heard.push(d));
    await again;
    off();
    expect(heard).toHaveLength(1);
    await expectCurrent(f);
  });

  it('keeps a write that commits while the project is being read', async () => {
    const f = await codedProject('Ik zag [dat hij niet online kwam] die week.');
    const loading = loadProjectSnapshot(f.db, f.projectGuid);
    const write = applyCode({ ...f, start: 0, end: 2, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
    await Promise.all([loading, write]);
    await expectCurrent(f);
    expect((projectSnapshot(f.db, f.projectGuid) as ProjectData).segments).toHaveLength(3);
  });

  it('hears a batch of 200,000 changes, while reading and after', async () => {
    const f = await codedProject('Ik zag [dat hij niet online kwam] die week.');
    // Another project's rows (another tab's import): more than a call's arguments may hold.
    const other: Change = { table: 'memos', key: ['99999999-9999-4999-8999-999999999999', createGuid()], before: undefined, after: { projectGuid: '99999999-9999-4999-8999-999999999999' } };
    const batch = Array.from({ length: 200_000 }, () => other);
    const loading = loadProjectSnapshot(f.db, f.projectGuid);
    expect(() => publishCommitted(batch)).not.toThrow();
    await loading;
    expect(() => publishCommitted(batch)).not.toThrow();
    await expectCurrent(f);
  });

  it('shows a coding painted before it is stored, and takes it back when the write fails', async () => {
    const f = await codedProject('Ik zag [dat hij niet online kwam] die week.');
    await loadProjectSnapshot(f.db, f.projectGuid);
    const full = await simulateFullDisk(f.db, 'codings');
    full.on = true;
    const failed = await applyCode({ ...f, start: 0, end: 2, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
    expect(failed).toMatchObject({ ok: false, reason: 'storage-full' });
    full.on = false;
    await expectCurrent(f);
  });

  it('reads lists longer than a page whole and in GUID order, and nothing of another project', async () => {
    const f = await codedProject('Ik zag [dat hij niet online kwam] die week.');
    const before = (await readProjectData(f.db, f.projectGuid)) as ProjectData;
    const now = new Date(0).toISOString();
    // 2,500 segments and codings: three pages of each list, read side by side.
    const segments = Array.from({ length: 2500 }, (_, i) => ({ guid: createGuid(), projectGuid: f.projectGuid, documentGuid: f.documentGuid, coderGuid: f.coderGuid, start: i % 40, end: (i % 40) + 1, text: 'x', comment: '', createdAt: now }));
    const codings = segments.map((s) => ({ guid: createGuid(), projectGuid: f.projectGuid, segmentGuid: s.guid, documentGuid: f.documentGuid, codeGuid: CODE_SIGNALEN_OPMERKEN, coderGuid: f.coderGuid, createdAt: now }));
    const other = createGuid();
    await f.db.segments.bulkPut([...segments, ...segments.slice(0, 30).map((s) => ({ ...s, projectGuid: other }))]);
    await f.db.codings.bulkPut([...codings, ...codings.slice(0, 30).map((c) => ({ ...c, projectGuid: other }))]);
    const data = (await loadProjectSnapshot(f.db, f.projectGuid)) as ProjectData;
    expect(data.segments).toHaveLength(before.segments.length + 2500);
    expect(data.codings).toHaveLength(before.codings.length + 2500);
    await expectCurrent(f);
  });

  it('lets the project go when it is deleted', async () => {
    const f = await codedProject('Ik zag [dat hij] die week.');
    const data = (await loadProjectSnapshot(f.db, f.projectGuid)) as ProjectData;
    const gone: Change = { table: 'projects', key: f.projectGuid, before: data.project as never, after: undefined };
    expect(patchProjectData(data, [gone])).toBeNull();
  });
});

describe('patching a project with changes', () => {
  it('inserts, replaces and removes rows in GUID order, and keeps the lists no change touched', async () => {
    const f = await codedProject('Ik zag [dat hij niet online kwam] die week.');
    const data = (await readProjectData(f.db, f.projectGuid)) as ProjectData;
    const [first] = data.segments;
    if (!first) throw new Error('no segment');
    const row = (guid: string) => ({ ...first, guid, text: guid }) as never;
    const changes: Change[] = [
      { table: 'segments', key: [f.projectGuid, '00000000-0000-4000-8000-000000000000'], before: undefined, after: row('00000000-0000-4000-8000-000000000000') },
      { table: 'segments', key: [f.projectGuid, 'ffffffff-0000-4000-8000-000000000000'], before: undefined, after: row('ffffffff-0000-4000-8000-000000000000') },
      { table: 'segments', key: [f.projectGuid, first.guid], before: first as never, after: { ...first, comment: 'nieuw' } as never },
      // another project's row changes nothing here
      { table: 'segments', key: ['other', 'x'], before: undefined, after: { ...first, projectGuid: 'other', guid: 'x' } as never },
    ];
    const next = patchProjectData(data, changes) as ProjectData;
    expect(next.segments.map((s) => s.guid)).toEqual([...data.segments.map((s) => s.guid), '00000000-0000-4000-8000-000000000000', 'ffffffff-0000-4000-8000-000000000000'].sort());
    expect(next.segments.find((s) => s.guid === first.guid)?.comment).toBe('nieuw');
    expect(next.codings).toBe(data.codings);
    expect(next.codes).toBe(data.codes);
    // the same changes again change nothing more
    expect(patchProjectData(next, changes)).toEqual(next);
    // and the rows taken out again leave the original
    const back = patchProjectData(next, changes.map((c) => ({ ...c, before: c.after, after: c.before })).reverse()) as ProjectData;
    expect(back.segments).toEqual(data.segments);
    expect(patchProjectData(data, [])).toBe(data);
  });
});
