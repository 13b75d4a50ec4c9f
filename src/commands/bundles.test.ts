import { readProjectData } from '../storage/project-data';
import { inGuidOrder, type ProjectData } from '../domain/project-data';
import type { MarkeerDb } from '../storage/db';
import { bundleFileName, exportBundle, importBundle, slug } from './bundles';
import { applyCode } from './coding';
import { history } from './history';
import { freshDb, simulateFullDisk, codedProject as codedProjectOf } from './test-builders';

const CODE_A = 'fd0f7ea9-9d93-5f6f-b31b-3526ab2539b3'; // Signalen opmerken

const codedProject = () => codedProjectOf('Ik zag [dat hij 😀 niet online kwam] die week.');

async function exported(db: MarkeerDb, projectGuid: string, kind: 'full' | 'handout' = 'full') {
  const r = await exportBundle(projectGuid, kind, db);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** Every row of every table, to show that a refused import changed nothing. */
async function dump(db: MarkeerDb) {
  const tables = [...db.tables].sort((a, b) => a.name.localeCompare(b.name));
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

const sorted = (d: ProjectData | null) => d && inGuidOrder(d);

beforeEach(() => history.clear());

describe('exportBundle', () => {
  it('names the file after the project and the day, a hand-out with its suffix', () => {
    const day = new Date(2026, 2, 5, 23, 30);
    expect(bundleFileName('Ouders & school: 2e ronde', 'full', day)).toBe('ouders-school-2e-ronde-2026-03-05.markeer');
    expect(bundleFileName('Ouders & school', 'handout', day)).toBe('ouders-school-uitdeelversie-2026-03-05.markeer');
    expect(bundleFileName('Ouders & school', 'handout', day, 'hand-out')).toBe('ouders-school-hand-out-2026-03-05.markeer');
    expect(slug('Café Zuid — één')).toBe('cafe-zuid-een');
    expect(slug('???')).toBe('project');
  });

  it('refuses a project that does not exist', async () => {
    expect(await exportBundle('00000000-0000-4000-8000-000000000000', 'full', freshDb())).toMatchObject({ ok: false, reason: 'not-found' });
  });
});

describe('importBundle', () => {
  it('restores an exported project in another browser exactly as it was', async () => {
    const f = await codedProject();
    const { bytes, fileName } = await exported(f.db, f.projectGuid);
    expect(fileName).toMatch(/^test-\d{4}-\d{2}-\d{2}\.markeer$/);
    const other = freshDb();
    const r = await importBundle(bytes, { db: other });
    expect(r).toEqual({ ok: true, value: f.projectGuid });
    const original = await readProjectData(f.db, f.projectGuid);
    expect(original?.segments).toHaveLength(2);
    expect(sorted(await readProjectData(other, f.projectGuid))).toEqual(sorted(original));
  });

  it('recognises a bundle imported before and changes nothing', async () => {
    const f = await codedProject();
    const { bytes } = await exported(f.db, f.projectGuid);
    const before = await dump(f.db);
    expect(await importBundle(bytes, { db: f.db })).toEqual({ ok: false, reason: 'bundle-already-imported', detail: 'Test' });
    expect(await importBundle(bytes, { db: f.db, asCopy: true })).toMatchObject({ ok: false, reason: 'bundle-already-imported' });
    expect(await dump(f.db)).toEqual(before);
  });

  it('refuses a bundle of a project that exists here with other content, unless imported as a copy', async () => {
    const f = await codedProject();
    const { bytes } = await exported(f.db, f.projectGuid);
    const other = freshDb();
    await importBundle(bytes, { db: other });
    // The other browser codes on; the first bundle no longer matches it.
    await applyCode({ ...f, projectGuid: f.projectGuid, start: 20, end: 30, codeGuid: CODE_A }, other);
    const before = await dump(other);
    expect(await importBundle(bytes, { db: other })).toEqual({ ok: false, reason: 'bundle-project-exists', detail: 'Test' });
    expect(await dump(other)).toEqual(before);

    const copy = await importBundle(bytes, { db: other, asCopy: true, copySuffix: ' (copy)' });
    if (!copy.ok) throw new Error(copy.reason);
    expect(copy.value).not.toBe(f.projectGuid);
    const data = await readProjectData(other, copy.value);
    const original = await readProjectData(f.db, f.projectGuid);
    expect(data?.project.name).toBe('Test (copy)');
    // Only the project's GUID is new: documents, codes, segments and codings keep theirs.
    expect(sorted(data)?.segments.map((s) => s.guid)).toEqual(sorted(original)?.segments.map((s) => s.guid));
    expect(data?.codes.map((c) => c.guid).sort()).toEqual(original?.codes.map((c) => c.guid).sort());
    expect(data?.segments.every((s) => s.projectGuid === copy.value)).toBe(true);
    // The project that was there is untouched.
    expect((await readProjectData(other, f.projectGuid))?.segments).toHaveLength(3);
  });

  it('leaves the database exactly as it was when the bundle is corrupt', async () => {
    const f = await codedProject();
    const { bytes } = await exported(f.db, f.projectGuid);
    const other = freshDb();
    const g = await codedProject();
    await importBundle((await exported(g.db, g.projectGuid)).bytes, { db: other });
    const before = await dump(other);
    const truncated = await importBundle(bytes.slice(0, bytes.length - 100), { db: other });
    expect(truncated).toMatchObject({ ok: false, reason: 'bundle-damaged' });
    expect(await importBundle(new TextEncoder().encode('geen bundel'), { db: other })).toMatchObject({ ok: false, reason: 'bundle-not-zip' });
    expect(await dump(other)).toEqual(before);
  });

  it('reports a full disk half-way through the restore and leaves the database exactly as it was', async () => {
    const f = await codedProject();
    const { bytes } = await exported(f.db, f.projectGuid);
    const other = freshDb();
    // Codings fail as a full disk would, after the project, documents and segments were written.
    const full = await simulateFullDisk(other, 'codings');
    const before = await dump(other);
    full.on = true;
    const r = await importBundle(bytes, { db: other });
    full.on = false;
    expect(r).toMatchObject({ ok: false, reason: 'storage-full' });
    expect(await dump(other)).toEqual(before);
    expect(await other.projects.count()).toBe(0);
  });

  it('reports progress from 0 to 1 through reading, checking and writing', async () => {
    const f = await codedProject();
    const { bytes } = await exported(f.db, f.projectGuid);
    const seen: number[] = [];
    await importBundle(bytes, { db: freshDb(), onProgress: (x) => seen.push(x) });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThan(3);
  });

  it('imports a hand-out without segments only with the name of the person importing, who becomes its own coder', async () => {
    const f = await codedProject();
    const { bytes, fileName } = await exported(f.db, f.projectGuid, 'handout');
    expect(fileName).toMatch(/^test-uitdeelversie-/);
    const coderDb = freshDb();
    expect(await importBundle(bytes, { db: coderDb })).toEqual({ ok: false, reason: 'bundle-needs-coder' });
    expect(await coderDb.projects.count()).toBe(0);
    const r = await importBundle(bytes, { db: coderDb, coderName: 'Bram' });
    if (!r.ok) throw new Error(r.reason);
    const data = await readProjectData(coderDb, r.value);
    expect(data?.segments).toEqual([]);
    expect(data?.codings).toEqual([]);
    expect(data?.documents).toHaveLength(1);
    expect(data?.coders.map((c) => c.name).sort()).toEqual(['Anna', 'Bram']);
    const owner = data?.coders.find((c) => c.guid === data.project.ownerCoderGuid);
    expect(owner?.name).toBe('Bram');
    expect(owner?.color).not.toBe(data?.coders.find((c) => c.name === 'Anna')?.color);

    // A coder of that name in the hand-out is the one who imports it.
    const annaDb = freshDb();
    const again = await importBundle(bytes, { db: annaDb, coderName: ' anna ' });
    if (!again.ok) throw new Error(again.reason);
    const annas = await readProjectData(annaDb, again.value);
    expect(annas?.coders).toHaveLength(1);
    expect(annas?.project.ownerCoderGuid).toBe(f.coderGuid);
  });
});
