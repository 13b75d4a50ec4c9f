import type { Memo } from '../domain/model';
import type { MarkeerDb } from '../storage/db';
import { readProjectData } from '../storage/project-data';
import { applyCode, removeCoding } from './coding';
import { deleteCode } from './codes';
import { deleteDocument } from './documents';
import { history } from './history';
import { countMemosDeletedWith, createMemo, deleteMemo, listTargetMemos, updateMemo, type MemoTarget } from './memos';
import { CODE_SIGNALEN_INTERPRETEREN, CODE_SIGNALEN_OPMERKEN, projectWithDocument } from './test-builders';

beforeEach(() => history.clear());

async function memos(db: MarkeerDb, projectGuid: string): Promise<string[]> {
  return (await db.memos.where('projectGuid').equals(projectGuid).toArray()).map((m) => `${m.targetKind}: ${m.text}`).sort();
}

async function write(f: { db: MarkeerDb; projectGuid: string; coderGuid: string }, target: MemoTarget, text: string): Promise<Memo> {
  const r = await createMemo(f.projectGuid, { target, authorGuid: f.coderGuid, title: '', text, rich: null }, f.db);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** A project with a segment coded with two codes and a segment with one, each with a memo. */
async function projectWithMemos() {
  const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
  const both = await applyCode({ ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
  await applyCode({ ...f, ...f.range, codeGuid: CODE_SIGNALEN_INTERPRETEREN }, f.db);
  const only = await applyCode({ ...f, start: 0, end: 6, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
  if (!both.ok || !only.ok) throw new Error('coding failed');
  await write(f, { kind: 'project', guid: null }, 'over het project');
  await write(f, { kind: 'document', guid: f.documentGuid }, 'over het document');
  await write(f, { kind: 'code', guid: CODE_SIGNALEN_OPMERKEN }, 'over de code');
  await write(f, { kind: 'segment', guid: both.value }, 'over het segment met twee codes');
  await write(f, { kind: 'segment', guid: only.value }, 'over het segment met een code');
  history.clear();
  return { ...f, both: both.value, only: only.value };
}

describe('memo commands', () => {
  it('writes a memo with its author, target and dates, and one undo removes it', async () => {
    const f = await projectWithDocument('Tekst');
    const memo = await write(f, { kind: 'document', guid: f.documentGuid }, 'Ouders bellen vaker dan ze mailen.');
    expect(memo).toMatchObject({ authorGuid: f.coderGuid, targetKind: 'document', targetGuid: f.documentGuid, rich: null });
    expect(memo.createdAt).toBe(memo.updatedAt);
    expect(await listTargetMemos(f.db, f.projectGuid, f.documentGuid)).toEqual([memo]);
    expect(history.peekUndo()?.label).toBe('history.createMemo');
    await history.undo();
    expect(await memos(f.db, f.projectGuid)).toEqual([]);
  });

  it('refuses a memo on a document that does not exist', async () => {
    const f = await projectWithDocument('Tekst');
    const r = await createMemo(f.projectGuid, { target: { kind: 'document', guid: crypto.randomUUID() }, authorGuid: f.coderGuid, title: 'x', text: 'x', rich: null }, f.db);
    expect(r).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await memos(f.db, f.projectGuid)).toEqual([]);
  });

  it('saves new content with a later update date and keeps the author, and undo restores the old text', async () => {
    const f = await projectWithDocument('Tekst');
    const memo = await write(f, { kind: 'project', guid: null }, 'eerste versie');
    await new Promise((r) => setTimeout(r, 5));
    const rich = JSON.stringify({ root: { type: 'root', children: [] } });
    const r = await updateMemo(f.projectGuid, memo.guid, { title: '  Thema communicatie ', text: 'tweede versie', rich }, f.db);
    expect(r.ok && r.value).toMatchObject({ title: 'Thema communicatie', text: 'tweede versie', rich, authorGuid: f.coderGuid, createdAt: memo.createdAt });
    expect(r.ok && r.value.updatedAt > memo.updatedAt).toBe(true);
    await history.undo();
    expect((await f.db.memos.get([f.projectGuid, memo.guid]))?.text).toBe('eerste versie');
  });

  it('leaves no undo step when saving unchanged content', async () => {
    const f = await projectWithDocument('Tekst');
    const memo = await write(f, { kind: 'project', guid: null }, 'zelfde');
    history.clear();
    const r = await updateMemo(f.projectGuid, memo.guid, { title: '', text: 'zelfde', rich: null }, f.db);
    expect(r.ok && r.value.updatedAt).toBe(memo.updatedAt);
    expect(history.peekUndo()).toBeUndefined();
  });

  it('deletes a memo as one undoable step', async () => {
    const f = await projectWithDocument('Tekst');
    const memo = await write(f, { kind: 'project', guid: null }, 'weg ermee');
    await deleteMemo(f.projectGuid, memo.guid, f.db);
    expect(await memos(f.db, f.projectGuid)).toEqual([]);
    await history.undo();
    expect(await memos(f.db, f.projectGuid)).toEqual(['project: weg ermee']);
  });
});

describe('memos of deleted targets', () => {
  it('go with their document, together with the memos on its segments, and come back with undo', async () => {
    const f = await projectWithMemos();
    expect(await countMemosDeletedWith(f.db, f.projectGuid, { kind: 'document', guid: f.documentGuid })).toBe(3);
    await deleteDocument(f.projectGuid, f.documentGuid, f.db);
    expect(await memos(f.db, f.projectGuid)).toEqual(['code: over de code', 'project: over het project']);
    await history.undo();
    expect(await memos(f.db, f.projectGuid)).toHaveLength(5);
  });

  it('go with their code, and with the segments the code leaves without codes; undo brings all back', async () => {
    const f = await projectWithMemos();
    expect(await countMemosDeletedWith(f.db, f.projectGuid, { kind: 'code', guid: CODE_SIGNALEN_OPMERKEN, removingCodings: true })).toBe(2);
    expect(await countMemosDeletedWith(f.db, f.projectGuid, { kind: 'code', guid: CODE_SIGNALEN_OPMERKEN, removingCodings: false })).toBe(1);
    await deleteCode(f.projectGuid, CODE_SIGNALEN_OPMERKEN, null, f.db);
    expect(await memos(f.db, f.projectGuid)).toEqual(['document: over het document', 'project: over het project', 'segment: over het segment met twee codes']);
    await history.undo();
    expect(await memos(f.db, f.projectGuid)).toHaveLength(5);
  });

  it('stay when a code is deleted with its codings moved to another code, except the code’s own', async () => {
    const f = await projectWithMemos();
    await deleteCode(f.projectGuid, CODE_SIGNALEN_OPMERKEN, CODE_SIGNALEN_INTERPRETEREN, f.db);
    expect(await memos(f.db, f.projectGuid)).toHaveLength(4);
    expect(await memos(f.db, f.projectGuid)).not.toContain('code: over de code');
  });

  it('go with a segment whose last code is removed, and come back with undo', async () => {
    const f = await projectWithMemos();
    await removeCoding(f.projectGuid, f.both, CODE_SIGNALEN_OPMERKEN, f.db);
    expect(await memos(f.db, f.projectGuid)).toHaveLength(5);
    await removeCoding(f.projectGuid, f.only, CODE_SIGNALEN_OPMERKEN, f.db);
    expect(await memos(f.db, f.projectGuid)).not.toContain('segment: over het segment met een code');
    await history.undo();
    expect(await memos(f.db, f.projectGuid)).toContain('segment: over het segment met een code');
  });

  it('never leave a memo whose target is gone, whatever is deleted', async () => {
    const f = await projectWithMemos();
    await removeCoding(f.projectGuid, f.both, CODE_SIGNALEN_INTERPRETEREN, f.db);
    await deleteCode(f.projectGuid, CODE_SIGNALEN_OPMERKEN, null, f.db);
    const data = await readProjectData(f.db, f.projectGuid);
    const targets = new Set([...(data?.documents ?? []), ...(data?.codes ?? []), ...(data?.segments ?? [])].map((r) => r.guid));
    const dangling = (data?.memos ?? []).filter((m) => m.targetGuid !== null && !targets.has(m.targetGuid));
    expect(dangling).toEqual([]);
    expect(data?.memos.map((m) => m.text).sort()).toEqual(['over het document', 'over het project']);
  });
});
