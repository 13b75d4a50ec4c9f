import { computeFeedback, type FeedbackInput } from './feedback';
import type { Code, Segment } from './model';

const P = 'aaaaaaaa-0000-4000-8000-000000000001';
const REF = 'cccccccc-0000-4000-8000-000000000001';
const STU = 'cccccccc-0000-4000-8000-000000000002';
const D1 = 'dddddddd-0000-4000-8000-000000000001';
const D2 = 'dddddddd-0000-4000-8000-000000000002';
const TEXT = 'abcdefghijklmnopqrstuvwxyz0123456789';
const code = (n: number, name: string, parentGuid: string | null = null): Code => ({
  guid: `eeeeeeee-0000-4000-8000-00000000000${n}`,
  projectGuid: P,
  parentGuid,
  name,
  color: '#123456',
  definition: '',
  order: n,
  shortcut: null,
});
const A = code(1, 'Zorgen');
const B = code(2, 'Contact');
const CHILD = code(3, 'Contact online', B.guid);

let n = 0;
function build(parts: { coder: string; start: number; end: number; codes: Code[]; doc?: string }[], threshold = 0.5): FeedbackInput {
  const segments: Segment[] = [];
  const codings: { segmentGuid: string; codeGuid: string }[] = [];
  for (const p of parts) {
    const guid = `ffffffff-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    segments.push({ guid, projectGuid: P, documentGuid: p.doc ?? D1, coderGuid: p.coder, start: p.start, end: p.end, text: TEXT.slice(p.start, p.end), comment: '', createdAt: '' });
    for (const c of p.codes) codings.push({ segmentGuid: guid, codeGuid: c.guid });
  }
  return {
    documents: [
      { guid: D1, name: 'een', length: 10 },
      { guid: D2, name: 'twee', length: 36 },
    ],
    codes: [A, B, CHILD],
    segments,
    codings,
    reference: REF,
    student: STU,
    threshold,
  };
}
const forCode = (f: ReturnType<typeof computeFeedback>, c: Code) => f.codes.find((x) => x.guid === c.guid);

describe('feedback against a reference coding', () => {
  it('finds a reference segment covered exactly half, and misses one covered just under half', () => {
    const half = computeFeedback(build([{ coder: REF, start: 0, end: 4, codes: [A] }, { coder: STU, start: 2, end: 6, codes: [A] }]));
    expect(forCode(half, A)).toMatchObject({ reference: 1, student: 1, found: 1, extra: 0, recall: 1, precision: 1, missed: [] });
    const under = computeFeedback(build([{ coder: REF, start: 0, end: 5, codes: [A] }, { coder: STU, start: 3, end: 9, codes: [A] }]));
    // 2 of 5 reference characters are covered; 2 of 6 student characters lie in the reference.
    expect(forCode(under, A)).toMatchObject({ found: 0, extra: 1, recall: 0, precision: 0, missed: [{ documentGuid: D1, start: 0, end: 5, text: 'abcde' }] });
  });

  it('counts a reference segment that two student segments cover together as found', () => {
    const f = computeFeedback(build([
      { coder: REF, start: 0, end: 10, codes: [A] },
      { coder: STU, start: 0, end: 3, codes: [A] },
      { coder: STU, start: 5, end: 8, codes: [A] },
    ]));
    // 6 of 10 covered by the two together, though neither covers half alone.
    expect(forCode(f, A)).toMatchObject({ reference: 1, student: 2, found: 1, extra: 0, recall: 1, precision: 1 });
  });

  it('names a confusion: a missed segment the student gave another code', () => {
    const f = computeFeedback(build([
      { coder: REF, start: 0, end: 6, codes: [A] },
      { coder: REF, start: 0, end: 5, codes: [A], doc: D2 },
      { coder: STU, start: 1, end: 6, codes: [B] },
      { coder: STU, start: 0, end: 5, codes: [B], doc: D2 },
    ]));
    expect(forCode(f, A)).toMatchObject({ found: 0, recall: 0, precision: null, confusedWith: [{ codeGuid: B.guid, count: 2 }] });
    expect(forCode(f, A)?.missed.map((m) => m.documentGuid)).toEqual([D1, D2]);
    expect(forCode(f, B)).toMatchObject({ reference: 0, student: 2, extra: 2, recall: null, precision: 0, confusedWith: [] });
  });

  it('reports a code only one side used, and compares codes as applied, without their subcodes', () => {
    const f = computeFeedback(build([
      { coder: REF, start: 0, end: 4, codes: [B] },
      { coder: STU, start: 0, end: 4, codes: [CHILD] },
    ]));
    expect(f.codes.map((c) => c.name)).toEqual(['Contact', 'Contact online']);
    expect(forCode(f, B)).toMatchObject({ reference: 1, student: 0, found: 0, recall: 0, precision: null });
    expect(forCode(f, CHILD)).toMatchObject({ reference: 0, student: 1, extra: 1, recall: null, precision: 0 });
    expect(forCode(f, A)).toBeUndefined();
  });

  it('gives character-level percent agreement and kappa per code, pooled over the documents', () => {
    // Document of 10 characters: reference [0,4), student [2,6): both 2, only one 2 + 2, neither 4.
    const f = computeFeedback(build([{ coder: REF, start: 0, end: 4, codes: [A] }, { coder: STU, start: 2, end: 6, codes: [A] }]));
    const a = forCode(f, A);
    // Pooled over both documents (46 characters): both 2, only one 4, neither 40.
    expect(a?.percentAgreement).toBeCloseTo((100 * 42) / 46, 6);
    const po = 42 / 46;
    const pe = (4 / 46) * (4 / 46) + (42 / 46) * (42 / 46);
    expect(a?.cohenKappa).toBeCloseTo((po - pe) / (1 - pe), 6);
  });

  it('sums the codes into the overall figures, and honours another threshold', () => {
    const parts = [
      { coder: REF, start: 0, end: 10, codes: [A, B] },
      { coder: STU, start: 0, end: 3, codes: [A] },
      { coder: STU, start: 0, end: 10, codes: [B] },
    ];
    const loose = computeFeedback(build(parts, 0.3));
    expect(loose.overall).toEqual({ reference: 2, student: 2, found: 2, extra: 0, recall: 1, precision: 1 });
    const strict = computeFeedback(build(parts, 0.5));
    expect(strict.overall).toEqual({ reference: 2, student: 2, found: 1, extra: 0, recall: 0.5, precision: 1 });
    expect(forCode(strict, A)?.confusedWith).toEqual([{ codeGuid: B.guid, count: 1 }]);
    expect(() => computeFeedback(build(parts, 0))).toThrow(RangeError);
  });
});
