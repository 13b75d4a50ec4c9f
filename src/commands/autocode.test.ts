import { autocode } from './autocode';
import { applyCode } from './coding';
import { history } from './history';
import { addDocuments } from './documents';
import { CODE_SIGNALEN_INTERPRETEREN, CODE_SIGNALEN_OPMERKEN, projectWithDocument } from './test-builders';

const CODE_A = CODE_SIGNALEN_OPMERKEN;
const CODE_B = CODE_SIGNALEN_INTERPRETEREN;
const TEXT = 'Ik had geen laptop. De laptop van school kwam later. Daarna ging het beter.';

beforeEach(() => history.clear());

async function setup() {
  const f = await projectWithDocument(TEXT);
  const at = (word: string, from = 0) => {
    const start = TEXT.indexOf(word, from);
    return { documentGuid: f.documentGuid, start, end: start + word.length };
  };
  return { ...f, at };
}

describe('autocode', () => {
  it('codes many ranges at once as segments with a copy of their text and the coder', async () => {
    const f = await setup();
    const ranges = [f.at('Ik had geen laptop.'), f.at('De laptop van school kwam later.')];
    const r = await autocode({ ...f, codeGuid: CODE_A, ranges }, f.db);
    expect(r).toEqual({ ok: true, value: { segmentsAdded: 2, codingsAdded: 2, alreadyCoded: 0 } });
    const segments = (await f.db.segments.toArray()).sort((a, b) => a.start - b.start);
    expect(segments.map((s) => s.text)).toEqual(['Ik had geen laptop.', 'De laptop van school kwam later.']);
    expect(segments.every((s) => s.coderGuid === f.coderGuid)).toBe(true);
    const codings = await f.db.codings.toArray();
    expect(codings.every((c) => c.codeGuid === CODE_A && c.coderGuid === f.coderGuid && c.documentGuid === f.documentGuid)).toBe(true);
  });

  it('adds the code to an existing segment of the same range and never doubles a coding', async () => {
    const f = await setup();
    const first = f.at('Ik had geen laptop.');
    await applyCode({ ...f, ...first, codeGuid: CODE_B }, f.db);
    await applyCode({ ...f, ...f.at('Daarna ging het beter.'), codeGuid: CODE_A }, f.db);
    const r = await autocode({ ...f, codeGuid: CODE_A, ranges: [first, f.at('Daarna ging het beter.'), first] }, f.db);
    expect(r).toEqual({ ok: true, value: { segmentsAdded: 0, codingsAdded: 1, alreadyCoded: 1 } });
    expect(await f.db.segments.count()).toBe(2);
    const again = await autocode({ ...f, codeGuid: CODE_A, ranges: [first] }, f.db);
    expect(again).toEqual({ ok: true, value: { segmentsAdded: 0, codingsAdded: 0, alreadyCoded: 1 } });
    expect(await f.db.codings.count()).toBe(3);
  });

  it('trims whitespace at the ends of a range as a selection is trimmed', async () => {
    const f = await setup();
    const { start, end } = f.at(' De laptop ');
    await autocode({ ...f, codeGuid: CODE_A, ranges: [{ documentGuid: f.documentGuid, start, end }] }, f.db);
    expect((await f.db.segments.toArray())[0]?.text).toBe('De laptop');
  });

  it('refuses ranges outside the text or of only whitespace, and writes nothing', async () => {
    const f = await setup();
    const good = f.at('laptop');
    const outside = await autocode({ ...f, codeGuid: CODE_A, ranges: [good, { documentGuid: f.documentGuid, start: 70, end: 900 }] }, f.db);
    expect(outside).toMatchObject({ ok: false, reason: 'invalid-range' });
    expect(!outside.ok && outside.detail).toContain('70–900');
    const empty = await autocode({ ...f, codeGuid: CODE_A, ranges: [good, { documentGuid: f.documentGuid, start: 5, end: 5 }] }, f.db);
    expect(empty).toMatchObject({ ok: false, reason: 'invalid-range' });
    const blank = await autocode({ ...f, codeGuid: CODE_A, ranges: [good, { documentGuid: f.documentGuid, start: 2, end: 3 }] }, f.db);
    expect(blank).toMatchObject({ ok: false, reason: 'empty-selection' });
    const unknown = await autocode({ ...f, codeGuid: '00000000-0000-4000-8000-000000000000', ranges: [good] }, f.db);
    expect(unknown).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await f.db.segments.count()).toBe(0);
    expect(await f.db.codings.count()).toBe(0);
  });

  it('is one step to undo and redo', async () => {
    const f = await setup();
    await applyCode({ ...f, ...f.at('Ik had geen laptop.'), codeGuid: CODE_B }, f.db);
    await autocode({ ...f, codeGuid: CODE_A, ranges: [f.at('Ik had geen laptop.'), f.at('laptop'), f.at('beter')] }, f.db);
    expect(history.peekUndo()?.label).toBe('history.autocode');
    expect(await f.db.codings.count()).toBe(4);
    await history.undo();
    expect(await f.db.codings.count()).toBe(1);
    expect(await f.db.segments.count()).toBe(1);
    await history.redo();
    expect(await f.db.codings.count()).toBe(4);
  });

  it('codes ranges in several documents', async () => {
    const f = await setup();
    const docs = await addDocuments(f.projectGuid, [{ name: 'Tweede', text: 'Nog een laptop.' }], { db: f.db, firstOrder: 1 });
    if (!docs.ok) throw new Error(docs.reason);
    const second = docs.value[0]!;
    const r = await autocode({ ...f, codeGuid: CODE_A, ranges: [f.at('laptop'), { documentGuid: second, start: 8, end: 14 }] }, f.db);
    expect(r).toEqual({ ok: true, value: { segmentsAdded: 2, codingsAdded: 2, alreadyCoded: 0 } });
    expect((await f.db.segments.filter((s) => s.documentGuid === second).toArray()).map((s) => s.text)).toEqual(['laptop']);
  });

  it('codes 2,000 hits in one step', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `Zin ${i} over de laptop.`).join(' ');
    const f = await projectWithDocument(text);
    const ranges = [];
    for (let at = text.indexOf('laptop'); at !== -1; at = text.indexOf('laptop', at + 1)) ranges.push({ documentGuid: f.documentGuid, start: at, end: at + 6 });
    const started = performance.now();
    const r = await autocode({ ...f, codeGuid: CODE_A, ranges }, f.db);
    const took = performance.now() - started;
    console.info(`autocode: 2,000 hits in ${Math.round(took)} ms (fake-indexeddb)`);
    expect(r).toEqual({ ok: true, value: { segmentsAdded: 2000, codingsAdded: 2000, alreadyCoded: 0 } });
    expect(await f.db.codings.count()).toBe(2000);
    // fake-indexeddb is far slower than a browser's IndexedDB; this only guards against a step per hit.
    expect(took).toBeLessThan(15_000);
  });
});
