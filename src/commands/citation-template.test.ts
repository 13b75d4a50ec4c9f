import { history } from './history';
import { createProject, setCitationTemplate } from './projects';
import { freshDb } from './test-builders';

beforeEach(() => history.clear());

describe('the citation template command', () => {
  it('stores the template in one undoable step, and a blank one removes it', async () => {
    const db = freshDb();
    const p = await createProject({ name: 'Studie', coderName: 'Anna', template: null, lang: 'nl', db });
    if (!p.ok) throw new Error(p.reason);
    const guid = p.value.projectGuid;
    expect((await setCitationTemplate(guid, '  ({groep}, {school}) ', db)).ok).toBe(true);
    expect((await db.projects.get(guid))?.citationTemplate).toBe('({groep}, {school})');
    expect(history.peekUndo()?.label).toBe('query.citation.step');

    await setCitationTemplate(guid, '  ', db);
    expect((await db.projects.get(guid))?.citationTemplate).toBeUndefined();
    await history.undo();
    expect((await db.projects.get(guid))?.citationTemplate).toBe('({groep}, {school})');
    await history.undo();
    expect((await db.projects.get(guid))?.citationTemplate).toBeUndefined();
  });

  it('says so when the project is gone', async () => {
    expect(await setCitationTemplate('no-such-project', '{school}', freshDb())).toEqual({ ok: false, reason: 'not-found' });
  });
});
