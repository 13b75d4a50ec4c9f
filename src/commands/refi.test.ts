import type { MarkeerDb } from '../storage/db';
import { readProjectData } from '../storage/project-data';
import { setCodeShortcut } from './codes';
import { history } from './history';
import { exportRefi, importRefiProject } from './refi';
import { freshDb, codedProject as codedProjectOf } from './test-builders';

const CODE_A = 'fd0f7ea9-9d93-5f6f-b31b-3526ab2539b3'; // Signalen opmerken

const codedProject = () => codedProjectOf('Ik zag 😀 [dat hij niet online kwam] die week.');

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; reason: string; detail?: string }>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(`${result.reason} ${result.detail ?? ''}`);
  return result.value;
}

async function dump(db: MarkeerDb) {
  const tables = [...db.tables].sort((a, b) => a.name.localeCompare(b.name));
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

const segmentsOf = (d: Awaited<ReturnType<typeof readProjectData>>) =>
  (d?.segments ?? []).map((s) => ({ guid: s.guid, start: s.start, end: s.end, text: s.text, comment: s.comment, coder: s.coderGuid })).sort((a, b) => a.guid.localeCompare(b.guid));
const codingsOf = (d: Awaited<ReturnType<typeof readProjectData>>) =>
  (d?.codings ?? []).map((c) => `${c.segmentGuid} ${c.codeGuid} ${c.coderGuid}`).sort();
const codesOf = (d: Awaited<ReturnType<typeof readProjectData>>) =>
  (d?.codes ?? []).map((c) => ({ guid: c.guid, name: c.name, parent: c.parentGuid, color: c.color })).sort((a, b) => a.guid.localeCompare(b.guid));

beforeEach(() => history.clear());

describe('exportRefi', () => {
  it('names the file after the project and lists what the file cannot carry', async () => {
    const f = await codedProject();
    await must(setCodeShortcut(f.projectGuid, CODE_A, 1, f.db));
    const day = new Date(2026, 2, 5, 12);
    const qdpx = await must(exportRefi(f.projectGuid, 'qdpx', f.db, { now: day }));
    expect(qdpx.fileName).toBe('test-2026-03-05.qdpx');
    expect(qdpx.lost.some((l) => l.includes('shortcut key 1'))).toBe(true);
    const qdc = await must(exportRefi(f.projectGuid, 'qdc', f.db, { now: day }));
    expect(qdc.fileName).toBe('test-2026-03-05.qdc');
    expect(new TextDecoder().decode(qdc.bytes)).toContain('<CodeBook');
    // A new project's codes have the keys 1-9 (and CODE_A took key 1): each one is listed.
    expect(qdc.lost).toContain('shortcut key 1 of code “Signalen opmerken”');
    expect(qdc.lost.filter((l) => l.startsWith('shortcut key'))).toHaveLength(9);
  });

  it('refuses a project that does not exist', async () => {
    expect(await exportRefi('00000000-0000-4000-8000-000000000000', 'qdpx', freshDb())).toMatchObject({ ok: false, reason: 'not-found' });
  });
});

describe('importRefiProject', () => {
  it.each(['qdpx', 'qdpx-utf16'] as const)('gives back the same texts, segments and codes after a %s export', async (format) => {
    const f = await codedProject();
    const exported = await must(exportRefi(f.projectGuid, format, f.db));
    const before = await readProjectData(f.db, f.projectGuid);

    const db = freshDb();
    const progress: number[] = [];
    const imported = await must(importRefiProject(exported.fileName, exported.bytes, { db, onProgress: (p) => progress.push(p) }));
    const after = await readProjectData(db, imported.projectGuid);
    expect(after?.project.name).toBe('Test');
    expect(after?.texts.map((t) => t.text)).toEqual(before?.texts.map((t) => t.text));
    expect(segmentsOf(after)).toEqual(segmentsOf(before));
    expect(codingsOf(after)).toEqual(codingsOf(before));
    expect(codesOf(after)).toEqual(codesOf(before));
    expect(imported.report.positionConvention).toHaveLength(1);
    expect(progress.at(0)).toBe(0);
    expect(progress.at(-1)).toBe(1);
  });

  it('imports into the same browser as a new project, never over the original', async () => {
    const f = await codedProject();
    const exported = await must(exportRefi(f.projectGuid, 'qdpx', f.db));
    const original = await readProjectData(f.db, f.projectGuid);
    const imported = await must(importRefiProject(exported.fileName, exported.bytes, { db: f.db }));
    expect(imported.projectGuid).not.toBe(f.projectGuid);
    expect(await readProjectData(f.db, f.projectGuid)).toEqual(original);
    expect(await f.db.projects.count()).toBe(2);
  });

  it('gives a project with the codebook only from a .qdc', async () => {
    const f = await codedProject();
    const exported = await must(exportRefi(f.projectGuid, 'qdc', f.db));
    const before = await readProjectData(f.db, f.projectGuid);
    const db = freshDb();
    const imported = await must(importRefiProject(exported.fileName, exported.bytes, { db }));
    const after = await readProjectData(db, imported.projectGuid);
    expect(codesOf(after)).toEqual(codesOf(before));
    expect(after?.documents).toEqual([]);
    expect(after?.segments).toEqual([]);
    expect(after?.codings).toEqual([]);
  });

  it('leaves the database unchanged when the file is not REFI-QDA', async () => {
    const f = await codedProject();
    const exported = await must(exportRefi(f.projectGuid, 'qdpx', f.db));
    const before = await dump(f.db);
    expect(await importRefiProject('half.qdpx', exported.bytes.subarray(0, 200), { db: f.db })).toMatchObject({ ok: false, reason: 'refi-damaged' });
    expect(await importRefiProject('notes.qdpx', new TextEncoder().encode('hello'), { db: f.db })).toMatchObject({ ok: false, reason: 'refi-not-zip' });
    expect(await importRefiProject('x.qde', new TextEncoder().encode('<html/>'), { db: f.db })).toMatchObject({ ok: false, reason: 'refi-not-project' });
    expect(await dump(f.db)).toEqual(before);
  });
});
