import type { MarkeerDb } from '../storage/db';
import { addDocuments, deleteDocument } from './documents';
import { addGroup, addToGroup, deleteGroup, describeGroup, removeFromGroup, renameGroup } from './groups';
import { history } from './history';
import { projectWithDocument } from './test-builders';

beforeEach(() => history.clear());

async function threeDocuments() {
  const f = await projectWithDocument('Tekst van A.');
  const more = await addDocuments(f.projectGuid, [{ name: 'B', text: 'Tekst van B.' }, { name: 'C', text: 'Tekst van C.' }], { db: f.db, firstOrder: 1 });
  if (!more.ok) throw new Error(more.reason);
  const [b, c] = more.value as [string, string];
  return { ...f, a: f.documentGuid, b, c };
}

async function groups(db: MarkeerDb, projectGuid: string) {
  const list = await db.groups.where('projectGuid').equals(projectGuid).toArray();
  const docs = new Map((await db.documents.toArray()).map((d) => [d.guid, d.name]));
  return list
    .sort((x, y) => x.order - y.order)
    .map((g) => ({ name: g.name, description: g.description, members: g.documentGuids.map((d) => docs.get(d) ?? d).sort() }));
}

describe('document group commands', () => {
  it('creates groups with their documents, in order, and refuses a name already used', async () => {
    const f = await threeDocuments();
    expect((await addGroup(f.projectGuid, { name: ' Ouders ', documentGuids: [f.a, f.b, f.a] }, f.db)).ok).toBe(true);
    expect((await addGroup(f.projectGuid, { name: 'Leraren', description: 'Mentoren en docenten' }, f.db)).ok).toBe(true);
    expect(await addGroup(f.projectGuid, { name: 'ouders' }, f.db)).toMatchObject({ ok: false, reason: 'name-taken', detail: 'Ouders' });
    expect(await addGroup(f.projectGuid, { name: '' }, f.db)).toMatchObject({ ok: false, reason: 'empty-name' });
    expect(await groups(f.db, f.projectGuid)).toEqual([
      { name: 'Ouders', description: '', members: ['B', 'Doc'] },
      { name: 'Leraren', description: 'Mentoren en docenten', members: [] },
    ]);
    expect(history.peekUndo()?.label).toBe('history.addGroup');
  });

  it('renames and describes a group, each one undoable step', async () => {
    const f = await threeDocuments();
    const g = await addGroup(f.projectGuid, { name: 'School 1' }, f.db);
    if (!g.ok) throw new Error(g.reason);
    await addGroup(f.projectGuid, { name: 'School 2' }, f.db);
    expect(await renameGroup(f.projectGuid, g.value, 'school 2', f.db)).toMatchObject({ ok: false, reason: 'name-taken' });
    expect((await renameGroup(f.projectGuid, g.value, 'Noorderhaven', f.db)).ok).toBe(true);
    expect((await describeGroup(f.projectGuid, g.value, 'Brede scholengemeenschap', f.db)).ok).toBe(true);
    expect(history.peekUndo()?.label).toBe('history.describeGroup');
    expect((await groups(f.db, f.projectGuid))[0]).toMatchObject({ name: 'Noorderhaven', description: 'Brede scholengemeenschap' });
    await history.undo();
    await history.undo();
    expect((await groups(f.db, f.projectGuid))[0]).toMatchObject({ name: 'School 1', description: '' });
  });

  it('adds and removes documents, never twice and never one that does not exist', async () => {
    const f = await threeDocuments();
    const g = await addGroup(f.projectGuid, { name: 'Ouders', documentGuids: [f.a] }, f.db);
    if (!g.ok) throw new Error(g.reason);
    await addToGroup(f.projectGuid, g.value, [f.a, f.c, 'a0000000-0000-4000-8000-000000000000'], f.db);
    expect((await groups(f.db, f.projectGuid))[0]?.members).toEqual(['C', 'Doc']);
    expect(history.peekUndo()?.label).toBe('history.groupMembers');
    await removeFromGroup(f.projectGuid, g.value, [f.a], f.db);
    expect((await groups(f.db, f.projectGuid))[0]?.members).toEqual(['C']);
    await history.undo();
    expect((await groups(f.db, f.projectGuid))[0]?.members).toEqual(['C', 'Doc']);
  });

  it('deletes a group but keeps its documents; undo brings the group back', async () => {
    const f = await threeDocuments();
    const g = await addGroup(f.projectGuid, { name: 'Ouders', documentGuids: [f.a, f.b] }, f.db);
    if (!g.ok) throw new Error(g.reason);
    expect((await deleteGroup(f.projectGuid, g.value, f.db)).ok).toBe(true);
    expect(await groups(f.db, f.projectGuid)).toEqual([]);
    expect(await f.db.documents.where('projectGuid').equals(f.projectGuid).count()).toBe(3);
    expect(await deleteGroup(f.projectGuid, g.value, f.db)).toMatchObject({ ok: false, reason: 'not-found' });
    await history.undo();
    expect((await groups(f.db, f.projectGuid))[0]?.members).toEqual(['B', 'Doc']);
  });

  it('takes a deleted document out of its groups, so the project still exports', async () => {
    const f = await threeDocuments();
    await addGroup(f.projectGuid, { name: 'Ouders', documentGuids: [f.a, f.b] }, f.db);
    await deleteDocument(f.projectGuid, f.b, f.db);
    expect((await groups(f.db, f.projectGuid))[0]?.members).toEqual(['Doc']);
    await history.undo();
    expect((await groups(f.db, f.projectGuid))[0]?.members).toEqual(['B', 'Doc']);
  });
});
