import { GROUP_SHAPE, readRecord, SEGMENT_SHAPE } from './fields';

const A = '6a3a6f2b-1d3c-4e5f-8a9b-0c1d2e3f4a5b';
const B = '34653336-3766-3235-6466-363134396437';

const segment = (over: Record<string, unknown> = {}) => ({ guid: A, projectGuid: B, documentGuid: A, coderGuid: B, start: 0, end: 4, text: 'Werk', comment: '', createdAt: '2026-01-01T00:00:00.000Z', ...over });

describe('readRecord', () => {
  it('keeps a record whose GUIDs are in normal form as it is, unknown fields included', () => {
    const raw = segment({ laterField: 1 });
    const read = readRecord(raw, SEGMENT_SHAPE, 'segments[0]');
    expect(read).toEqual({ ok: true, record: raw });
  });

  it('gives GUIDs written with braces or capitals in normal form, and leaves what it was given as it was', () => {
    const raw = segment({ guid: `{${A.toUpperCase()}}`, coderGuid: ` ${B.toUpperCase()} ` });
    const before = structuredClone(raw);
    const read = readRecord(raw, SEGMENT_SHAPE, 'segments[0]');
    expect(read).toEqual({ ok: true, record: segment() });
    expect(raw).toEqual(before);
  });

  it('normalises the GUIDs of a list, without touching the list it was given', () => {
    const raw = { guid: A, projectGuid: B, name: 'Groep', description: '', documentGuids: [`{${B.toUpperCase()}}`, A], order: 0 };
    const read = readRecord(raw, GROUP_SHAPE, 'groups[0]');
    expect(read.ok && read.record.documentGuids).toEqual([B, A]);
    expect(raw.documentGuids[0]).toBe(`{${B.toUpperCase()}}`);
  });

  it('names the field that is not a GUID, in any form', () => {
    for (const bad of ['not-a-guid', '{}', '', `${A}0`, `${A.slice(0, 8)}_${A.slice(9)}`]) {
      expect(readRecord(segment({ documentGuid: bad }), SEGMENT_SHAPE, 'segments[3]')).toEqual({ ok: false, problem: 'segments[3].documentGuid is not a GUID' });
    }
    expect(readRecord(segment({ coderGuid: 7 }), SEGMENT_SHAPE, 'segments[3]')).toEqual({ ok: false, problem: 'segments[3].coderGuid is not a GUID' });
  });
});
