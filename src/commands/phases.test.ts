import { history } from './history';
import { markRead, setPhase, toggleChecklistItem, unmarkRead } from './phases';
import { projectWithDocument } from './test-builders';

describe('the phase guide commands', () => {
  afterEach(() => history.clear());

  it('sets the current phase and keeps the ticks; undo brings the earlier phase back', async () => {
    const f = await projectWithDocument('[Tekst]');
    expect((await toggleChecklistItem(f.projectGuid, '1.read-all', true, f.db)).ok).toBe(true);
    expect((await setPhase(f.projectGuid, 2, f.db)).ok).toBe(true);
    expect((await f.db.projects.get(f.projectGuid))?.phase).toEqual({ current: 2, done: ['1.read-all'] });
    await history.undo();
    expect((await f.db.projects.get(f.projectGuid))?.phase).toEqual({ current: 1, done: ['1.read-all'] });
  });

  it('flips a checklist item when not told which way, and refuses an unknown item', async () => {
    const f = await projectWithDocument('[Tekst]');
    expect(await toggleChecklistItem(f.projectGuid, '2.thorough', undefined, f.db)).toEqual({ ok: true, value: true });
    expect(await toggleChecklistItem(f.projectGuid, '2.thorough', undefined, f.db)).toEqual({ ok: true, value: false });
    expect((await f.db.projects.get(f.projectGuid))?.phase?.done).toEqual([]);
    expect(await toggleChecklistItem(f.projectGuid, '7.nope', true, f.db)).toMatchObject({ ok: false, reason: 'invalid-value' });
  });

  it('marks a document as read by one coder, once, and takes the mark off again', async () => {
    const f = await projectWithDocument('[Tekst]');
    await markRead(f.projectGuid, f.documentGuid, f.coderGuid, f.db);
    await markRead(f.projectGuid, f.documentGuid, f.coderGuid, f.db);
    await markRead(f.projectGuid, f.documentGuid, 'bbbbbbbb-0000-4000-8000-000000000002', f.db);
    expect((await f.db.documents.get([f.projectGuid, f.documentGuid]))?.readBy).toEqual([f.coderGuid, 'bbbbbbbb-0000-4000-8000-000000000002']);
    await unmarkRead(f.projectGuid, f.documentGuid, 'bbbbbbbb-0000-4000-8000-000000000002', f.db);
    await unmarkRead(f.projectGuid, f.documentGuid, f.coderGuid, f.db);
    expect((await f.db.documents.get([f.projectGuid, f.documentGuid]))?.readBy).toBeUndefined();
    await history.undo();
    expect((await f.db.documents.get([f.projectGuid, f.documentGuid]))?.readBy).toEqual([f.coderGuid]);
  });

  it('says a document that is gone is not found', async () => {
    const f = await projectWithDocument('[Tekst]');
    expect(await markRead(f.projectGuid, 'cccccccc-0000-4000-8000-000000000003', f.coderGuid, f.db)).toMatchObject({ ok: false, reason: 'not-found' });
  });
});
