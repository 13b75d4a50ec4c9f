import type { Theme } from '../domain/model';
import type { MarkeerDb } from '../storage/db';
import { applyCode } from './coding';
import { history } from './history';
import { CODE_SIGNALEN_INTERPRETEREN, CODE_SIGNALEN_OPMERKEN, projectWithDocument } from './test-builders';
import { createTheme, defineTheme, deleteTheme, moveQuote, nestTheme, pickQuote, placeCode, recolorTheme, removeCodeFromTheme, renameTheme } from './themes';

beforeEach(() => history.clear());

async function themes(db: MarkeerDb, projectGuid: string): Promise<Theme[]> {
  return (await db.themes.where('projectGuid').equals(projectGuid).toArray()).sort((a, b) => a.name.localeCompare(b.name));
}
const byName = async (db: MarkeerDb, projectGuid: string, name: string) => (await themes(db, projectGuid)).find((t) => t.name === name);

async function made(f: { db: MarkeerDb; projectGuid: string }, name: string, parentGuid: string | null = null): Promise<string> {
  const r = await createTheme(f.projectGuid, { name, parentGuid }, f.db);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('theme commands', () => {
  it('creates a theme with a palette colour, refuses an empty or taken name, and one undo removes it', async () => {
    const f = await projectWithDocument('Tekst');
    const a = await made(f, ' Contact met ouders ');
    const first = await byName(f.db, f.projectGuid, 'Contact met ouders');
    expect(first).toMatchObject({ guid: a, parentGuid: null, codeGuids: [], definition: '', color: '#1f77b4', order: 0 });
    expect(await createTheme(f.projectGuid, { name: '  ' }, f.db)).toMatchObject({ ok: false, reason: 'empty-name' });
    expect(await createTheme(f.projectGuid, { name: 'contact MET ouders' }, f.db)).toMatchObject({ ok: false, reason: 'name-taken' });
    expect(await createTheme(f.projectGuid, { name: 'Kleur', color: 'rood' }, f.db)).toMatchObject({ ok: false, reason: 'invalid-value' });
    await made(f, 'Tweede');
    expect((await byName(f.db, f.projectGuid, 'Tweede'))?.color).toBe('#ff7f0e');
    expect(history.peekUndo()?.label).toBe('history.createTheme');
    await history.undo();
    expect((await themes(f.db, f.projectGuid)).map((t) => t.name)).toEqual(['Contact met ouders']);
  });

  it('renames and recolours, each undoable', async () => {
    const f = await projectWithDocument('Tekst');
    const a = await made(f, 'Eerste');
    await made(f, 'Tweede');
    expect(await renameTheme(f.projectGuid, a, 'tweede', f.db)).toMatchObject({ ok: false, reason: 'name-taken' });
    expect((await renameTheme(f.projectGuid, a, 'Vertrouwen', f.db)).ok).toBe(true);
    expect((await recolorTheme(f.projectGuid, a, '#D62728', f.db)).ok).toBe(true);
    expect(await byName(f.db, f.projectGuid, 'Vertrouwen')).toMatchObject({ color: '#d62728' });
    await history.undo();
    await history.undo();
    expect(await byName(f.db, f.projectGuid, 'Eerste')).toMatchObject({ color: '#1f77b4' });
  });

  it('keeps a code in at most one theme: placing it elsewhere moves it, and reorders within a theme', async () => {
    const f = await projectWithDocument('Tekst');
    const a = await made(f, 'A');
    const b = await made(f, 'B');
    await placeCode(f.projectGuid, CODE_SIGNALEN_OPMERKEN, a, undefined, f.db);
    await placeCode(f.projectGuid, CODE_SIGNALEN_INTERPRETEREN, a, undefined, f.db);
    expect((await byName(f.db, f.projectGuid, 'A'))?.codeGuids).toEqual([CODE_SIGNALEN_OPMERKEN, CODE_SIGNALEN_INTERPRETEREN]);
    await placeCode(f.projectGuid, CODE_SIGNALEN_INTERPRETEREN, a, 0, f.db);
    expect((await byName(f.db, f.projectGuid, 'A'))?.codeGuids).toEqual([CODE_SIGNALEN_INTERPRETEREN, CODE_SIGNALEN_OPMERKEN]);
    await placeCode(f.projectGuid, CODE_SIGNALEN_OPMERKEN, b, undefined, f.db);
    expect((await byName(f.db, f.projectGuid, 'A'))?.codeGuids).toEqual([CODE_SIGNALEN_INTERPRETEREN]);
    expect((await byName(f.db, f.projectGuid, 'B'))?.codeGuids).toEqual([CODE_SIGNALEN_OPMERKEN]);
    // The move between themes is one step: one undo puts the code back in A.
    await history.undo();
    expect((await byName(f.db, f.projectGuid, 'A'))?.codeGuids).toEqual([CODE_SIGNALEN_INTERPRETEREN, CODE_SIGNALEN_OPMERKEN]);
    expect((await byName(f.db, f.projectGuid, 'B'))?.codeGuids).toEqual([]);
    await removeCodeFromTheme(f.projectGuid, CODE_SIGNALEN_INTERPRETEREN, f.db);
    expect((await byName(f.db, f.projectGuid, 'A'))?.codeGuids).toEqual([CODE_SIGNALEN_OPMERKEN]);
    expect(history.peekUndo()?.label).toBe('history.removeThemeCode');
    expect(await placeCode(f.projectGuid, crypto.randomUUID(), a, undefined, f.db)).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('nests themes without cycles and deletes a theme: codes lose their theme, sub-themes move up', async () => {
    const f = await projectWithDocument('Tekst');
    const top = await made(f, 'Top');
    const mid = await made(f, 'Midden', top);
    const low = await made(f, 'Laag', mid);
    expect(await nestTheme(f.projectGuid, top, low, undefined, f.db)).toMatchObject({ ok: false, reason: 'invalid-move' });
    expect(await nestTheme(f.projectGuid, top, top, undefined, f.db)).toMatchObject({ ok: false, reason: 'invalid-move' });
    await placeCode(f.projectGuid, CODE_SIGNALEN_OPMERKEN, mid, undefined, f.db);
    history.clear();
    expect((await deleteTheme(f.projectGuid, mid, f.db)).ok).toBe(true);
    expect((await themes(f.db, f.projectGuid)).map((t) => `${t.name}<${t.parentGuid === top ? 'Top' : t.parentGuid}`)).toEqual(['Laag<Top', 'Top<null']);
    expect((await themes(f.db, f.projectGuid)).flatMap((t) => t.codeGuids)).toEqual([]);
    await history.undo();
    expect(await byName(f.db, f.projectGuid, 'Midden')).toMatchObject({ parentGuid: top, codeGuids: [CODE_SIGNALEN_OPMERKEN] });
    expect(await byName(f.db, f.projectGuid, 'Laag')).toMatchObject({ parentGuid: mid });
    expect((await nestTheme(f.projectGuid, low, null, 0, f.db)).ok).toBe(true);
    expect(await byName(f.db, f.projectGuid, 'Laag')).toMatchObject({ parentGuid: null, order: 0 });
    expect(await byName(f.db, f.projectGuid, 'Top')).toMatchObject({ order: 1 });
  });

  it('saves a definition and scope note, and picks, orders and unpicks quotations', async () => {
    const f = await projectWithDocument('Ik [bel] de school elke week.');
    const a = await made(f, 'A');
    const s1 = await applyCode({ ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
    const s2 = await applyCode({ ...f, start: 0, end: 2, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
    if (!s1.ok || !s2.ok) throw new Error('coding failed');
    history.clear();
    await defineTheme(f.projectGuid, a, { definition: ' Hoe ouders en school contact houden. ', scopeNote: 'Niet: inhoud van lessen.' }, f.db);
    expect(await byName(f.db, f.projectGuid, 'A')).toMatchObject({ definition: 'Hoe ouders en school contact houden.', scopeNote: 'Niet: inhoud van lessen.' });
    await defineTheme(f.projectGuid, a, { definition: 'Hoe ouders en school contact houden.', scopeNote: 'Niet: inhoud van lessen.' }, f.db);
    expect(history.peekUndo()?.label).toBe('history.defineTheme');
    await pickQuote(f.projectGuid, a, s1.value, true, f.db);
    await pickQuote(f.projectGuid, a, s2.value, true, f.db);
    await pickQuote(f.projectGuid, a, s2.value, true, f.db);
    expect((await byName(f.db, f.projectGuid, 'A'))?.quoteSegmentGuids).toEqual([s1.value, s2.value]);
    await moveQuote(f.projectGuid, a, s2.value, 0, f.db);
    expect((await byName(f.db, f.projectGuid, 'A'))?.quoteSegmentGuids).toEqual([s2.value, s1.value]);
    await pickQuote(f.projectGuid, a, s1.value, false, f.db);
    expect((await byName(f.db, f.projectGuid, 'A'))?.quoteSegmentGuids).toEqual([s2.value]);
    await history.undo();
    await history.undo();
    expect((await byName(f.db, f.projectGuid, 'A'))?.quoteSegmentGuids).toEqual([s1.value, s2.value]);
    expect(await pickQuote(f.projectGuid, a, crypto.randomUUID(), true, f.db)).toMatchObject({ ok: false, reason: 'not-found' });
    await history.undo();
    await history.undo();
    await history.undo();
    expect(await byName(f.db, f.projectGuid, 'A')).toMatchObject({ definition: '', scopeNote: '', quoteSegmentGuids: [] });
  });
});

describe('deleting a code in a theme', () => {
  it('takes the code out of its theme in the same step, and undo puts it back', async () => {
    const { deleteCode } = await import('./codes');
    const f = await projectWithDocument('Tekst');
    const a = await made(f, 'A');
    await placeCode(f.projectGuid, CODE_SIGNALEN_OPMERKEN, a, undefined, f.db);
    await placeCode(f.projectGuid, CODE_SIGNALEN_INTERPRETEREN, a, undefined, f.db);
    expect((await deleteCode(f.projectGuid, CODE_SIGNALEN_OPMERKEN, null, f.db)).ok).toBe(true);
    expect((await byName(f.db, f.projectGuid, 'A'))?.codeGuids).toEqual([CODE_SIGNALEN_INTERPRETEREN]);
    await history.undo();
    expect((await byName(f.db, f.projectGuid, 'A'))?.codeGuids).toEqual([CODE_SIGNALEN_OPMERKEN, CODE_SIGNALEN_INTERPRETEREN]);
  });
});
