import fc from 'fast-check';
import type { Coding, Segment } from '../../../domain/model';
import { renderHook, waitFor } from '@testing-library/react';
import { applyCode } from '../../../commands/coding';
import { CODE_SIGNALEN_OPMERKEN, projectWithDocument } from '../../../commands/test-builders';
import type { Change } from '../../../storage/changes';
import { publishCommitted } from '../../../storage/changes';
import { readDocumentAhead } from '../../../storage/document-ahead';
import { patchDocumentCodings, useDocumentCodings } from './useDocumentCodings';

const D = 'd0000000-0000-4000-8000-000000000000';
const seg = (i: number, start: number, end: number): Segment => ({
  guid: `s${String(i).padStart(4, '0')}`,
  projectGuid: 'p',
  documentGuid: D,
  coderGuid: 'c',
  start,
  end,
  text: '',
  comment: '',
  createdAt: '',
});
const coding = (i: number, segmentGuid: string, codeGuid: string): Coding => ({ guid: `k${i}`, projectGuid: 'p', segmentGuid, documentGuid: D, codeGuid, coderGuid: 'c', createdAt: '' });
const put = (table: 'segments' | 'codings', row: object, before?: object): Change => ({ table, key: '', before: before as never, after: row as never });
const del = (table: 'segments' | 'codings', row: object): Change => ({ table, key: '', before: row as never, after: undefined });

describe('patching a document’s codings with committed changes', () => {
  it('keeps segments sorted by start and codings grouped by segment, as a fresh read would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(500), fc.integer({ min: 1, max: 50 }), fc.boolean()), { maxLength: 60 }), (ops) => {
        let state = { segments: [] as Segment[], codingsBySegment: new Map<string, Coding[]>() } as ReturnType<typeof patchDocumentCodings>;
        const live = new Map<string, Segment>();
        ops.forEach(([start, len, remove], i) => {
          const existing = [...live.values()][start % Math.max(1, live.size)];
          if (remove && existing) {
            state = patchDocumentCodings(state, [del('segments', existing), del('codings', coding(Number(existing.guid.slice(1)), existing.guid, 'x'))], D);
            live.delete(existing.guid);
          } else {
            const s = seg(i, start, start + len);
            state = patchDocumentCodings(state, [put('segments', s), put('codings', coding(i, s.guid, 'x'))], D);
            live.set(s.guid, s);
          }
        });
        const expected = [...live.values()].sort((a, b) => a.start - b.start || b.end - a.end || (a.guid < b.guid ? -1 : 1));
        expect(state.segments.map((s) => s.guid)).toEqual(expected.map((s) => s.guid));
        expect([...state.codingsBySegment.keys()].sort()).toEqual([...live.keys()].sort());
      }),
    );
  });

  it('moves a segment whose range changed and ignores other documents', () => {
    const a = seg(1, 10, 20);
    let state = patchDocumentCodings({ segments: [], codingsBySegment: new Map() }, [put('segments', a)], D);
    state = patchDocumentCodings(state, [put('segments', { ...a, start: 0, end: 5 }, a)], D);
    expect(state.segments.map((s) => [s.start, s.end])).toEqual([[0, 5]]);
    const same = patchDocumentCodings(state, [put('segments', { ...seg(2, 1, 2), documentGuid: 'other' })], D);
    expect(same).toBe(state);
  });
});

describe('the first read of a document’s codings', () => {
  it('takes the rows read while the page started, with a coding applied after that read began', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    readDocumentAhead(f.db, f.projectGuid, f.documentGuid);
    // Committed after the read ahead began (which therefore does not hold it), before the pane opens.
    const applied = await applyCode({ ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
    expect(applied.ok).toBe(true);
    const transaction = vi.spyOn(f.db, 'transaction');
    const { result } = renderHook(() => useDocumentCodings(f.db, f.projectGuid, f.documentGuid));
    await waitFor(() => expect(result.current.codings).not.toBeNull());
    expect(result.current.codings?.segments.map((s) => [s.start, s.end])).toEqual([[f.range.start, f.range.end]]);
    expect([...(result.current.codings?.codingsBySegment.values() ?? [])].flat().map((c) => c.codeGuid)).toEqual([CODE_SIGNALEN_OPMERKEN]);
    // The rows came from the read ahead: the pane did not read them again.
    expect(transaction).not.toHaveBeenCalled();
    f.db.close();
  });

  it('keeps a batch of 200,000 changes heard during its first read', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const { result } = renderHook(() => useDocumentCodings(f.db, f.projectGuid, f.documentGuid));
    // Another tab's import, heard before the first read is done: more rows than a call's arguments may hold.
    const other = { ...seg(1, 0, 3), documentGuid: 'dddddddd-0000-4000-8000-000000000000' };
    expect(() => publishCommitted(Array.from({ length: 200_000 }, () => put('segments', other)))).not.toThrow();
    await waitFor(() => expect(result.current.codings).not.toBeNull());
    expect(result.current.codings?.segments).toHaveLength(0);
    f.db.close();
  });

  it('reads the rows itself when nothing was read ahead for this document', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    await applyCode({ ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
    readDocumentAhead(f.db, f.projectGuid, 'dddddddd-0000-4000-8000-000000000000');
    const { result } = renderHook(() => useDocumentCodings(f.db, f.projectGuid, f.documentGuid));
    await waitFor(() => expect(result.current.codings).not.toBeNull());
    expect(result.current.codings?.segments).toHaveLength(1);
    f.db.close();
  });
});
