import { applyCode } from './coding';
import { history } from './history';
import { addInVivoCode, createCodeAndApply } from './open-coding';
import { CODE_SIGNALEN_OPMERKEN, projectWithDocument } from './test-builders';

describe('open coding', () => {
  afterEach(() => history.clear());

  it('makes an in-vivo code named after the selected words and applies it to them', async () => {
    const f = await projectWithDocument('Moeder: "[we hoorden\nniks meer, ] echt niet."', null);
    const r = await addInVivoCode({ ...f, ...f.range }, f.db);
    expect(r.ok && r.value).toMatchObject({ codeName: 'we hoorden niks meer', created: true, alreadyApplied: false });
    const codes = await f.db.codes.toArray();
    expect(codes).toMatchObject([{ name: 'we hoorden niks meer', parentGuid: null, order: 0 }]);
    expect(codes[0]?.color).toMatch(/^#[0-9a-f]{6}$/);
    const segments = await f.db.segments.toArray();
    // The white space at the end of the selection is not part of the segment.
    expect(segments.map((s) => s.text)).toEqual(['we hoorden\nniks meer,']);
    expect((await f.db.codings.toArray()).map((c) => [c.codeGuid, c.segmentGuid, c.coderGuid])).toEqual([[codes[0]?.guid, segments[0]?.guid, f.coderGuid]]);
  });

  it('is undone in one step: the code, the segment and the coding go together', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.', null);
    expect((await addInVivoCode({ ...f, ...f.range }, f.db)).ok).toBe(true);
    expect(history.peekUndo()?.label).toBe('phases.history.inVivo');
    expect((await history.undo()).ok).toBe(true);
    expect(await f.db.codes.count()).toBe(0);
    expect(await f.db.segments.count()).toBe(0);
    expect(await f.db.codings.count()).toBe(0);
    await history.redo();
    expect((await f.db.codes.toArray()).map((c) => c.name)).toEqual(['dat hij niet online kwam']);
    expect(await f.db.codings.count()).toBe(1);
  });

  it('puts a new code at the end of the top level, with a name the user typed', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const topLevel = (await f.db.codes.toArray()).filter((c) => c.parentGuid === null).length;
    const r = await createCodeAndApply({ ...f, ...f.range, name: '  Digitale  afwezigheid ' }, f.db);
    expect(r.ok && r.value.created).toBe(true);
    const code = (await f.db.codes.toArray()).find((c) => c.name === 'Digitale afwezigheid');
    expect(code).toMatchObject({ parentGuid: null, order: topLevel });
    expect((await f.db.codings.toArray()).filter((c) => c.codeGuid === code?.guid)).toHaveLength(1);
  });

  it('applies the code that already has the name instead of making a second one', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.', null);
    const first = await createCodeAndApply({ ...f, start: 0, end: 6, name: 'Online' }, f.db);
    const again = await createCodeAndApply({ ...f, ...f.range, name: 'online' }, f.db);
    expect(again.ok && again.value).toMatchObject({ created: false, codeName: 'Online', codeGuid: first.ok ? first.value.codeGuid : '' });
    expect(await f.db.codes.count()).toBe(1);
    expect(await f.db.codings.count()).toBe(2);
  });

  it('adds a coding to the coder’s segment with the same range, and nothing when it is there already', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const seg = await applyCode({ ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
    const r = await createCodeAndApply({ ...f, ...f.range, name: 'Nieuw' }, f.db);
    expect(r.ok && r.value.segmentGuid).toBe(seg.ok && seg.value);
    expect(await f.db.segments.count()).toBe(1);
    const again = await createCodeAndApply({ ...f, ...f.range, name: 'Nieuw' }, f.db);
    expect(again.ok && again.value.alreadyApplied).toBe(true);
    expect(await f.db.codings.count()).toBe(2);
  });

  it('refuses a selection of white space or without words, and writes nothing', async () => {
    const f = await projectWithDocument('Ik zag[   ]dat — hij.', null);
    expect(await addInVivoCode({ ...f, ...f.range }, f.db)).toMatchObject({ ok: false, reason: 'empty-selection' });
    expect(await addInVivoCode({ ...f, start: 12, end: 15 }, f.db)).toMatchObject({ ok: false, reason: 'empty-name' });
    expect(await createCodeAndApply({ ...f, start: 0, end: 2, name: '  ' }, f.db)).toMatchObject({ ok: false, reason: 'empty-name' });
    expect(await f.db.codes.count()).toBe(0);
    expect(await f.db.segments.count()).toBe(0);
  });
});
