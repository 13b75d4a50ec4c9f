import { history } from './history';
import { applyCode, removeCoding, setSegmentComment } from './coding';
import { addCode, deleteCode, moveCode, renameCode, setCodeShortcut } from './codes';
import { editDocumentText, setSpeaker } from './documents';
import { deleteProject } from './projects';
import { addVariable } from './variables';
import { createMemo } from './memos';
import { PROJECT_TABLES } from '../domain/tables';
import { projectWithDocument, simulateFullDisk } from './test-builders';
import type { MarkeerDb } from '../storage/db';

const CODE_A = 'fd0f7ea9-9d93-5f6f-b31b-3526ab2539b3'; // Signalen opmerken
const CODE_B = '069a0186-6264-516a-a8fb-ebc0e3bc8cb0'; // Signalen interpreteren

async function counts(db: MarkeerDb, projectGuid: string) {
  return {
    segments: await db.segments.where('projectGuid').equals(projectGuid).count(),
    codings: await db.codings.where('projectGuid').equals(projectGuid).count(),
  };
}

beforeEach(() => history.clear());

describe('coding commands', () => {
  it('applies a code to a selection as a segment with a copy of its text and its coder', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const r = await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    expect(r.ok).toBe(true);
    const [segment] = await f.db.segments.toArray();
    expect(segment?.text).toBe('dat hij niet online kwam');
    expect(segment?.coderGuid).toBe(f.coderGuid);
    const [coding] = await f.db.codings.toArray();
    expect(coding?.coderGuid).toBe(f.coderGuid);
    expect(coding?.documentGuid).toBe(f.documentGuid);
  });

  it('trims white space at the ends of a selection', async () => {
    const f = await projectWithDocument('Ik zag[  dat hij  ]kwam.');
    await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    const [segment] = await f.db.segments.toArray();
    expect(segment?.text).toBe('dat hij');
  });

  it('adds a second code to the same range as a second coding of one segment, and never doubles a coding', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    await applyCode({ ...f, ...f.range, codeGuid: CODE_B }, f.db);
    await applyCode({ ...f, ...f.range, codeGuid: CODE_B }, f.db);
    expect(await counts(f.db, f.projectGuid)).toEqual({ segments: 1, codings: 2 });
  });

  it('keeps overlapping segments apart', async () => {
    const f = await projectWithDocument('[Een twee drie] vier vijf.');
    await applyCode({ ...f, start: 0, end: 14, codeGuid: CODE_A }, f.db);
    await applyCode({ ...f, start: 4, end: 25, codeGuid: CODE_B }, f.db);
    const texts = (await f.db.segments.toArray()).map((s) => s.text).sort();
    expect(texts).toEqual(['Een twee drie', 'twee drie vier vijf.']);
  });

  it('refuses a selection of only white space', async () => {
    const f = await projectWithDocument('Een[   ]twee');
    const r = await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    expect(r).toMatchObject({ ok: false, reason: 'empty-selection' });
  });

  it('removes a segment with its last code', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const r = await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    if (!r.ok) throw new Error(r.reason);
    await removeCoding(f.projectGuid, r.value, CODE_A, f.db);
    expect(await counts(f.db, f.projectGuid)).toEqual({ segments: 0, codings: 0 });
  });

  it('undoes and redoes coding as one step each', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const r = await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    if (!r.ok) throw new Error(r.reason);
    await setSegmentComment(f.projectGuid, r.value, 'Let op', f.db);
    await history.undo();
    expect((await f.db.segments.toArray())[0]?.comment).toBe('');
    await history.undo();
    expect(await counts(f.db, f.projectGuid)).toEqual({ segments: 0, codings: 0 });
    await history.redo();
    expect(await counts(f.db, f.projectGuid)).toEqual({ segments: 1, codings: 1 });
    await history.redo();
    expect((await f.db.segments.toArray())[0]?.comment).toBe('Let op');
  });

  it('will not undo over a change made elsewhere since', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const r = await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    if (!r.ok) throw new Error(r.reason);
    // Another tab writes the same segment directly.
    await f.db.segments.update([f.projectGuid, r.value], { comment: 'uit een ander tabblad' });
    const undo = await history.undo();
    expect(undo).toMatchObject({ ok: false, reason: 'changed-elsewhere' });
    expect(await counts(f.db, f.projectGuid)).toEqual({ segments: 1, codings: 1 });
  });
});

describe('codebook commands', () => {
  it('renames a code without touching its codings, and undo restores the name', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    await renameCode(f.projectGuid, CODE_A, 'Signalen zien', f.db);
    expect((await f.db.codes.get([f.projectGuid, CODE_A]))?.name).toBe('Signalen zien');
    expect(await counts(f.db, f.projectGuid)).toEqual({ segments: 1, codings: 1 });
    await history.undo();
    expect((await f.db.codes.get([f.projectGuid, CODE_A]))?.name).toBe('Signalen opmerken');
  });

  it('deletes a code and moves its codings to another code when asked', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    await deleteCode(f.projectGuid, CODE_A, CODE_B, f.db);
    const codings = await f.db.codings.toArray();
    expect(codings.map((c) => c.codeGuid)).toEqual([CODE_B]);
    expect(await f.db.codes.get([f.projectGuid, CODE_A])).toBeUndefined();
  });

  it('deletes a code with its codings, and the segments left without a code', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    await deleteCode(f.projectGuid, CODE_A, null, f.db);
    expect(await counts(f.db, f.projectGuid)).toEqual({ segments: 0, codings: 0 });
    await history.undo();
    expect(await counts(f.db, f.projectGuid)).toEqual({ segments: 1, codings: 1 });
  });

  it('moves the children of a deleted code up to its parent', async () => {
    const f = await projectWithDocument('Tekst [hier].', null);
    const parent = await addCode(f.projectGuid, { name: 'Ouder', parentGuid: null }, f.db);
    if (!parent.ok) throw new Error(parent.reason);
    const child = await addCode(f.projectGuid, { name: 'Kind', parentGuid: parent.value }, f.db);
    if (!child.ok) throw new Error(child.reason);
    await deleteCode(f.projectGuid, parent.value, null, f.db);
    expect((await f.db.codes.get([f.projectGuid, child.value]))?.parentGuid).toBeNull();
  });

  it('refuses to move a code under its own descendant', async () => {
    const f = await projectWithDocument('Tekst [hier].');
    const parent = '53c39dce-4f56-552d-9f04-e34a84a7c596'; // Cognitief reageren, parent of CODE_A
    const r = await moveCode(f.projectGuid, parent, CODE_A, undefined, f.db);
    expect(r).toMatchObject({ ok: false, reason: 'invalid-move' });
  });

  it('gives a shortcut key to one code at a time', async () => {
    const f = await projectWithDocument('Tekst [hier].');
    await setCodeShortcut(f.projectGuid, CODE_A, 1, f.db);
    await setCodeShortcut(f.projectGuid, CODE_B, 1, f.db);
    expect((await f.db.codes.get([f.projectGuid, CODE_A]))?.shortcut).toBeNull();
    expect((await f.db.codes.get([f.projectGuid, CODE_B]))?.shortcut).toBe(1);
  });
});

describe('document commands', () => {
  it('lets the text be edited before the first segment, and freezes it after', async () => {
    const f = await projectWithDocument('Eerste [versie].');
    expect((await editDocumentText(f.projectGuid, f.documentGuid, 'Tweede versie.', f.db)).ok).toBe(true);
    await applyCode({ ...f, start: 0, end: 6, codeGuid: CODE_A }, f.db);
    const r = await editDocumentText(f.projectGuid, f.documentGuid, 'Derde versie.', f.db);
    expect(r).toMatchObject({ ok: false, reason: 'document-frozen' });
    expect((await f.db.documentTexts.get([f.projectGuid, f.documentGuid]))?.text).toBe('Tweede versie.');
  });

  it('renames, merges and drops speakers without changing the text', async () => {
    const f = await projectWithDocument('I: Hallo\nT: Dag\nI: Hoe gaat het?\nT: Goed\nZ: Ja\nZ: [Nee]');
    await setSpeaker(f.projectGuid, f.documentGuid, 'I', 'Interviewer', f.db);
    await setSpeaker(f.projectGuid, f.documentGuid, 'Z', 'T', f.db);
    let doc = await f.db.documents.get([f.projectGuid, f.documentGuid]);
    expect(doc?.speakerMap).toEqual({ I: 'Interviewer', Z: 'T' });
    await setSpeaker(f.projectGuid, f.documentGuid, 'Interviewer', null, f.db);
    doc = await f.db.documents.get([f.projectGuid, f.documentGuid]);
    expect(doc?.speakerMap).toEqual({ I: null, Z: 'T' });
    // Merged speakers are renamed together; a restore brings back only the dropped label.
    await setSpeaker(f.projectGuid, f.documentGuid, 'T', 'Teamleider', f.db);
    await setSpeaker(f.projectGuid, f.documentGuid, 'I', 'I', f.db);
    doc = await f.db.documents.get([f.projectGuid, f.documentGuid]);
    expect(doc?.speakerMap).toEqual({ T: 'Teamleider', Z: 'Teamleider' });
    expect((await f.db.documentTexts.get([f.projectGuid, f.documentGuid]))?.text).toBe(f.text);
  });
});

describe('storage failures', () => {
  it('reports a full disk and leaves the database exactly as it was', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    // The coding write hits a full disk after the segment was written in the same transaction.
    const full = await simulateFullDisk(f.db, 'codings');
    full.on = true;
    const r = await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    full.on = false;
    expect(r).toMatchObject({ ok: false, reason: 'storage-full' });
    expect(await counts(f.db, f.projectGuid)).toEqual({ segments: 0, codings: 0 });
  });

  it('deletes a project with everything in it', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    await applyCode({ ...f, ...f.range, codeGuid: CODE_A }, f.db);
    expect((await addVariable(f.projectGuid, { name: 'school', type: 'text' }, f.db)).ok).toBe(true);
    expect((await createMemo(f.projectGuid, { target: { kind: 'project', guid: null }, authorGuid: f.coderGuid, title: 'Notitie', text: 'x', rich: null }, f.db)).ok).toBe(true);
    expect(await f.db.variables.count()).toBe(1);
    expect(await f.db.memos.count()).toBe(1);
    await deleteProject(f.projectGuid, f.db);
    expect(await f.db.projects.count()).toBe(0);
    // Every table of the project is emptied, the later ones (variables, memos, ...) too.
    for (const t of PROJECT_TABLES) expect(await f.db.table(t.store).count(), t.store).toBe(0);
    expect(await counts(f.db, f.projectGuid)).toEqual({ segments: 0, codings: 0 });
  });
});
