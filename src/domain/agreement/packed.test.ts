import fc from 'fast-check';
import { sameAgreementInput, type AgreementInput } from './input';
import { packAgreementInput, segmentGuidAt } from './packed';
import { arbitraryAgreementInput as arbitraryInput, coding } from './test-builders';
import { computeAgreement, computePackedAgreement, joinAgreementShares } from './text';

describe('an agreement input packed for another thread', () => {
  // Every report indexes its input packed (indexAgreementInput); what is checked here is that a
  // packed input carries the choices too. The figures themselves are checked against the
  // definition, character by character, in text.test.ts.
  it('gives the same report as the input itself, whole or in a share', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.integer({ min: 1, max: 3 }), (input, of) => {
        const packed = packAgreementInput(input);
        expect(computePackedAgreement(packed)).toEqual(computeAgreement(input));
        expect(computePackedAgreement(packed, { index: of - 1, of })).toEqual(computeAgreement(input, { index: of - 1, of }));
      }),
    );
  });

  it('gives a segment whose guid is given twice the codings of that guid, as the input does', () => {
    const input = coding().add('anna', 'd0', 0, 5).add('anna', 'd0', 10, 15, 'joy').add('ben', 'd0', 0, 12, 'joy').input({ d0: 20 }, ['anna', 'ben']);
    const twice = { ...input, segments: input.segments.map((s) => ({ ...s, guid: s.guid === 'segment-1' ? 'segment-0' : s.guid })), codings: input.codings.map((c) => ({ ...c, segmentGuid: c.segmentGuid === 'segment-1' ? 'segment-0' : c.segmentGuid })) };
    expect(computeAgreement(twice).codes[0]?.pooled).toMatchObject({ both: 7, onlyA: 3, onlyB: 5 });
    expect(computePackedAgreement(packAgreementInput(twice))).toEqual(computeAgreement(twice));
  });

  it('keeps only the compared coders’ segments of the input’s documents, and their codings', () => {
    const input = coding()
      .add('anna', 'd0', 0, 5, 'anger')
      .add('cleo', 'd0', 0, 5, 'anger')
      .add('ben', 'elsewhere', 0, 5, 'anger')
      .add('ben', 'd0', 2, 4, 'joy', 'ghost')
      .input({ d0: 10 }, ['anna', 'ben']);
    const packed = packAgreementInput(input);
    expect([0, 1].map((i) => segmentGuidAt(packed, i))).toEqual(['segment-0', 'segment-3']);
    expect(packed.segmentGuidEnds).toHaveLength(2);
    expect([...packed.segments]).toEqual([0, 0, 0, 5, 0, 1, 2, 4]);
    expect(packed.codingCodes).toEqual(['anger', 'joy', 'ghost']);
    expect([...packed.codings]).toEqual([0, 0, 1, 1, 1, 2]);
  });

  it('still stops at a segment outside its document, naming it', () => {
    const input = coding().add('anna', 'd0', 0, 5, 'anger').add('ben', 'd0', 3, 12, 'anger').input({ d0: 10 }, ['anna', 'ben']);
    expect(() => computePackedAgreement(packAgreementInput(input))).toThrow(/segment-1 \[3, 12\)/);
    for (const start of [1.5, Number.NaN, '3' as unknown as number]) {
      const odd = { ...input, segments: input.segments.map((s, i) => (i === 1 ? { ...s, start, end: 5 } : s)) };
      expect(() => computeAgreement(odd)).toThrow(/segment-1/);
      expect(() => computePackedAgreement(packAgreementInput(odd))).toThrow(/segment-1/);
    }
  });
});

describe('a report computed in shares', () => {
  it('is the whole report once its shares are joined, for any number of shares', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.integer({ min: 1, max: 5 }), (input, of) => {
        const shares = Array.from({ length: of }, (_, index) => computeAgreement(input, { index, of }));
        expect(joinAgreementShares(shares)).toEqual(computeAgreement(input));
      }),
    );
  });

  it('gives each share a part of the codes, interleaved', () => {
    const input = coding().add('anna', 'd0', 0, 5, 'rage', 'joy', 'school', 'other').add('ben', 'd0', 0, 5, 'home').input({ d0: 10 }, ['anna', 'ben']);
    const whole = computeAgreement(input).codes.map((code) => code.guid);
    expect(whole).toEqual(['emotion', 'anger', 'rage', 'joy', 'topic', 'school', 'home', 'other']);
    expect(computeAgreement(input, { index: 0, of: 3 }).codes.map((code) => code.guid)).toEqual(['emotion', 'joy', 'home']);
    expect(computeAgreement(input, { index: 2, of: 3 }).codes.map((code) => code.guid)).toEqual(['rage', 'school']);
    expect(() => computeAgreement(input, { index: 3, of: 3 })).toThrow(/share 3 of 3/);
  });
});

describe('whether two inputs give the same report', () => {
  const input = coding().add('anna', 'd0', 0, 5, 'anger').add('ben', 'd0', 2, 6, 'joy').input({ d0: 10 }, ['anna', 'ben']);
  const copy = (): AgreementInput => ({
    ...input,
    documents: input.documents.map((d) => ({ ...d })),
    codes: input.codes.map((c) => ({ ...c })),
    segments: input.segments.map((s) => ({ ...s })),
    codings: input.codings.map((c) => ({ ...c })),
  });

  it('compares records by their fields, not by identity', () => {
    expect(sameAgreementInput(input, copy())).toBe(true);
  });

  it('sees every change that can change the report', () => {
    const changes: ((i: AgreementInput) => AgreementInput)[] = [
      (i) => ({ ...i, coders: ['ben', 'anna'] }),
      (i) => ({ ...i, documentGuids: ['d0'] }),
      (i) => ({ ...i, codeGuids: ['anger'] }),
      (i) => ({ ...i, domainGuids: ['emotion'] }),
      (i) => ({ ...i, documents: [{ guid: 'd0', name: 'Renamed', length: 10 }] }),
      (i) => ({ ...i, documents: [{ guid: 'd0', name: 'Document d0', length: 11 }] }),
      (i) => ({ ...i, codes: i.codes.map((c) => (c.guid === 'joy' ? { ...c, name: 'Delight' } : c)) }),
      (i) => ({ ...i, codes: i.codes.map((c) => (c.guid === 'joy' ? { ...c, parentGuid: 'topic' } : c)) }),
      (i) => ({ ...i, codes: i.codes.map((c) => (c.guid === 'joy' ? { ...c, order: 9 } : c)) }),
      (i) => ({ ...i, codes: i.codes.slice(1) }),
      (i) => ({ ...i, segments: i.segments.map((s, n) => (n === 1 ? { ...s, end: 7 } : s)) }),
      (i) => ({ ...i, segments: i.segments.map((s, n) => (n === 1 ? { ...s, coderGuid: 'anna' } : s)) }),
      (i) => ({ ...i, codings: i.codings.map((c, n) => (n === 1 ? { ...c, codeGuid: 'rage' } : c)) }),
      (i) => ({ ...i, codings: i.codings.slice(1) }),
    ];
    for (const change of changes) expect(sameAgreementInput(input, change(copy()))).toBe(false);
  });
});
