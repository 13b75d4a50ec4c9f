import fc from 'fast-check';
import type { AgreementInput } from './input';
import { packAgreementInput } from './packed';
import { packedSegmentAgreement, segmentAgreement, type SegmentAgreementReport } from './segments';
import { arbitraryAgreementInput, coding } from './test-builders';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const D = 'dddddddd-0000-4000-8000-000000000001';
const X = 'c0c0c0c0-0000-4000-8000-000000000001';
const Y = 'c0c0c0c0-0000-4000-8000-000000000002';

let n = 0;
function seg(coder: string, start: number, end: number, ...codes: string[]) {
  const guid = `5e5e5e5e-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  return { segment: { guid, documentGuid: D, coderGuid: coder, start, end }, codings: codes.map((codeGuid) => ({ segmentGuid: guid, codeGuid })) };
}
function input(parts: ReturnType<typeof seg>[], share?: number) {
  return { coders: [A, B] as [string, string], segments: parts.map((p) => p.segment), codings: parts.flatMap((p) => p.codings), codeGuids: [X, Y], ...(share === undefined ? {} : { share }) };
}

describe('segmentAgreement', () => {
  it('matches segments that overlap by at least 90 % of both together, each coder’s segments checked', () => {
    // A [0,100) and B [5,100): 95/100 overlap, matched both ways. A [200,300) and B [200,250): 50 %, not.
    const r = segmentAgreement(input([seg(A, 0, 100, X), seg(B, 5, 100, X), seg(A, 200, 300, X), seg(B, 200, 250, X)]));
    const x = r.codes[0]!;
    expect(x).toMatchObject({ segmentsA: 2, matchedA: 1, segmentsB: 2, matchedB: 1 });
    expect(x.percentAgreement).toBe(50);
    // Brennan and Prediger per code: Pc = 1/2, so kappa = (0.5 - 0.5) / 0.5 = 0.
    expect(x.kappa).toBe(0);
  });

  it('takes the share as asked, and ignores uncoded text entirely', () => {
    const parts = [seg(A, 200, 300, X), seg(B, 200, 250, X)];
    expect(segmentAgreement(input(parts, 0.5)).codes[0]).toMatchObject({ matchedA: 1, matchedB: 1, percentAgreement: 100, kappa: 1 });
  });

  it('does not match a segment of another code, and pools codes with Pc = 1/k', () => {
    const r = segmentAgreement(input([seg(A, 0, 50, X), seg(B, 0, 50, Y), seg(A, 60, 90, Y), seg(B, 60, 90, Y)]));
    expect(r.codes.map((c) => [c.matchedA, c.segmentsA, c.matchedB, c.segmentsB])).toEqual([
      [0, 1, 0, 0],
      [1, 1, 1, 2],
    ]);
    expect(r.overall.categories).toBe(2);
    // 2 of 4 segments matched: P = 0.5; Pc = 1/2: kappa 0.
    expect(r.overall.percentAgreement).toBe(50);
    expect(r.overall.kappa).toBe(0);
  });

  it('reports nothing it cannot compute: no segments, no figures', () => {
    const r = segmentAgreement(input([]));
    expect(r.codes[0]).toMatchObject({ percentAgreement: null, kappa: null });
    expect(r.overall).toMatchObject({ percentAgreement: null, kappa: null, categories: 0 });
  });
});

describe('the segment table of a packed agreement input (computed in the agreement worker)', () => {
  /** The table as the dialog shows it: the codes with segments, and the overall row. */
  const shown = (r: SegmentAgreementReport | null) => r && { overall: r.overall, codes: r.codes.filter((c) => c.segmentsA + c.segmentsB > 0) };
  /**
   * Unpacked: the first two coders, the input's segments of its documents, and by default the
   * codes of the compared coders' codings there, in the order they first appear.
   */
  const here = (input: AgreementInput, share?: number) => {
    const [a, b] = input.coders as [string, string];
    const documents = new Set(input.documents.map((d) => d.guid));
    const segments = input.segments.filter((s) => documents.has(s.documentGuid));
    const compared = new Set(segments.filter((s) => input.coders.includes(s.coderGuid)).map((s) => s.guid));
    return segmentAgreement({
      coders: [a, b],
      segments,
      codings: input.codings,
      codeGuids: input.codeGuids ?? [...new Set(input.codings.filter((c) => compared.has(c.segmentGuid)).map((c) => c.codeGuid))],
      ...(input.documentGuids ? { documentGuids: input.documentGuids } : {}),
      ...(share === undefined ? {} : { share }),
    });
  };

  it('is the table of the input itself, for the first two coders, at any share', () => {
    fc.assert(
      fc.property(arbitraryAgreementInput, fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }), (input, share) => {
        expect(shown(packedSegmentAgreement(packAgreementInput(input), share))).toEqual(shown(here(input, share)));
      }),
    );
  });

  it('matches across coders as the unpacked table does, and has none with one coder', () => {
    const input = coding().add('anna', 'd0', 0, 10, 'joy').add('ben', 'd0', 1, 10, 'joy').add('cleo', 'd0', 0, 10, 'joy').add('ben', 'd0', 20, 30, 'anger').input({ d0: 40 }, ['anna', 'ben', 'cleo']);
    const r = packedSegmentAgreement(packAgreementInput(input));
    expect(r?.codes.map((c) => [c.codeGuid, c.segmentsA, c.matchedA, c.segmentsB, c.matchedB])).toEqual([
      ['joy', 1, 1, 1, 1],
      ['anger', 0, 0, 1, 0],
    ]);
    expect(packedSegmentAgreement(packAgreementInput({ ...input, coders: ['anna'] }))).toBeNull();
  });
});
