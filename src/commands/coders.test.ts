import { readProjectData } from '../storage/project-data';
import { setCoderColor } from './coders';
import { history } from './history';
import { projectWithDocument } from './test-builders';

describe('setCoderColor', () => {
  it('gives a coder another colour as one undoable step, and refuses what is no colour', async () => {
    history.clear();
    const p = await projectWithDocument('Een tekst.');
    const coder = (await readProjectData(p.db, p.projectGuid))!.coders[0]!;
    expect((await setCoderColor(p.projectGuid, coder.guid, '#A1B2C3', p.db)).ok).toBe(true);
    expect((await readProjectData(p.db, p.projectGuid))!.coders[0]!.color).toBe('#a1b2c3');
    expect(history.peekUndo()?.label).toBe('history.coderColor');
    await history.undo();
    expect((await readProjectData(p.db, p.projectGuid))!.coders[0]!.color).toBe(coder.color);
    expect(await setCoderColor(p.projectGuid, coder.guid, 'rood', p.db)).toMatchObject({ ok: false, reason: 'invalid-value' });
    expect(await setCoderColor(p.projectGuid, 'ffffffff-0000-4000-8000-000000000000', '#000000', p.db)).toMatchObject({ ok: false, reason: 'not-found' });
  });
});
