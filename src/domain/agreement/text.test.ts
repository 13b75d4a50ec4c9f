import fc from 'fast-check';
import { descendantGuids, childrenOf } from '../codebook';
import type { Guid } from '../model';
import vectors from './fixtures/reference-vectors.json';
import type { AgreementInput } from './input';
import { bruteForceAlphas, type NamedUnit } from './test-brute-force';
import { CODEBOOK, code, coding } from './test-builders';
import { computeAgreement, kappa2x2, type AgreementReport, type AgreementStats } from './text';

const SIX = 6;

describe('the character coding reference vector', () => {
  const example = vectors.character_coding[0];
  if (!example) throw new Error('reference-vectors.json has a character coding example');

  it(`reproduces percent agreement and Cohen's kappa: ${example.name}`, () => {
    const built = coding();
    for (const segment of example.coder1) built.add('anna', 'doc', segment.start, segment.end, 'other');
    for (const segment of example.coder2) built.add('ben', 'doc', segment.start, segment.end, 'other');
    const [other] = computeAgreement(built.input({ doc: example.length }, ['anna', 'ben'])).codes;
    expect(other?.pooled).toMatchObject({ both: 50, onlyA: 100, onlyB: 50, neither: 800 });
    expect(other?.pooled.percentAgreement).toBeCloseTo(example.expected.percent_agreement, SIX);
    expect(other?.pooled.cohenKappa).toBeCloseTo(example.expected.cohen_kappa, SIX);
  });
});

describe('the unitizing reference vector as a domain', () => {
  const example = vectors.unitizing[0];
  if (!example) throw new Error('reference-vectors.json has a unitizing example');

  it(`reproduces u-alpha and binary u-alpha: ${example.name}`, () => {
    const values = ['1', '2', '3', '4', '5', '6', '7'];
    const codes = [code('scale'), ...values.map((value, i) => code(value, 'scale', i))];
    const built = coding();
    example.coders.forEach((segments, coder) => {
      for (const segment of segments) built.add(`coder-${coder}`, 'doc', segment.start, segment.end, segment.code);
    });
    const report = computeAgreement(built.input({ doc: example.length }, ['coder-0', 'coder-1', 'coder-2'], { codes }));
    const [domain] = report.domains;
    expect(domain?.guid).toBe('scale');
    expect(domain?.uAlpha).toBeCloseTo(example.expected.u_alpha, SIX);
    expect(domain?.binaryUAlpha).toBeCloseTo(example.expected.binary_u_alpha, SIX);
    expect(domain?.overlapping).toEqual([]);
  });
});

describe('computeAgreement per code', () => {
  const statsOf = (report: AgreementReport, guid: Guid) => report.codes.find((row) => row.guid === guid)?.pooled;

  it('counts a subcode for every code above it and not for its siblings', () => {
    const report = computeAgreement(
      coding().add('anna', 'doc', 0, 10, 'rage').add('ben', 'doc', 5, 10, 'anger').input({ doc: 20 }, ['anna', 'ben']),
    );
    expect(report.codes.map((row) => row.guid)).toEqual(['emotion', 'anger', 'rage']);
    expect(statsOf(report, 'emotion')).toMatchObject({ both: 5, onlyA: 5, onlyB: 0, neither: 10 });
    expect(statsOf(report, 'anger')).toMatchObject({ both: 5, onlyA: 5, onlyB: 0, neither: 10 });
    expect(statsOf(report, 'rage')).toMatchObject({ both: 0, onlyA: 10, onlyB: 0, neither: 10 });
  });

  it('gives kappa 0 when only one coder used the code in a document', () => {
    const [row] = computeAgreement(coding().add('anna', 'doc', 2, 8, 'other').input({ doc: 20 }, ['anna', 'ben'])).codes;
    expect(row?.documents[0]?.cohenKappa).toBe(0);
    expect(row?.pooled.cohenKappa).toBe(0);
    expect(row?.pooled.percentAgreement).toBe(70);
  });

  it('leaves kappa and alpha undefined in a document where nobody used the code', () => {
    const report = computeAgreement(
      coding().add('anna', 'one', 0, 4, 'other').add('ben', 'one', 0, 4, 'other').input({ one: 10, two: 10 }, ['anna', 'ben']),
    );
    const two = report.codes[0]?.documents[1];
    expect(two).toMatchObject({ guid: 'two', both: 0, onlyA: 0, onlyB: 0, neither: 10, percentAgreement: 100 });
    expect(two?.cohenKappa).toBeNull();
    expect(two?.alphaBinary).toBeNull();
    expect(report.codes[0]?.pooled.cohenKappa).toBe(1);
  });

  it('leaves kappa undefined when both coders coded the whole document', () => {
    const [row] = computeAgreement(coding().add('anna', 'doc', 0, 10, 'other').add('ben', 'doc', 0, 10, 'other').input({ doc: 10 }, ['anna', 'ben'])).codes;
    expect(row?.pooled).toMatchObject({ both: 10, percentAgreement: 100, cohenKappa: null, alphaBinary: null });
  });

  it('pools documents by summing counts, not by averaging coefficients', () => {
    const report = computeAgreement(
      coding()
        .add('anna', 'one', 0, 10, 'other')
        .add('ben', 'one', 0, 10, 'other')
        .add('anna', 'two', 0, 50, 'other')
        .add('ben', 'two', 25, 75, 'other')
        .input({ one: 100, two: 100 }, ['anna', 'ben']),
    );
    const row = report.codes[0];
    expect(row?.pooled).toMatchObject({ both: 35, onlyA: 25, onlyB: 25, neither: 115, percentAgreement: 75 });
    expect(row?.pooled.cohenKappa).toBeCloseTo(kappa2x2({ both: 35, onlyA: 25, onlyB: 25, neither: 115 }) ?? NaN, 12);
    const mean = ((row?.documents[0]?.cohenKappa ?? 0) + (row?.documents[1]?.cohenKappa ?? 0)) / 2;
    expect(row?.pooled.cohenKappa).not.toBeCloseTo(mean, 3);
  });

  it('reports percent and kappa only for two coders, alpha for three', () => {
    const report = computeAgreement(
      coding()
        .add('anna', 'doc', 0, 10, 'other')
        .add('ben', 'doc', 0, 6, 'other')
        .add('cleo', 'doc', 4, 12, 'other')
        .input({ doc: 20 }, ['anna', 'ben', 'cleo']),
    );
    const pooled = report.codes[0]?.pooled;
    // All three code 4-6; anna alone nothing (ben or cleo join her everywhere); ben alone nothing.
    expect(pooled).toMatchObject({ both: 2, onlyA: 0, onlyB: 0, neither: 8, percentAgreement: null, cohenKappa: null });
    expect(pooled?.alphaBinary).toEqual(expect.any(Number));
  });

  it('reports the chosen codes in the chosen order, and only the chosen documents', () => {
    const built = coding().add('anna', 'one', 0, 4, 'joy').add('ben', 'two', 0, 4, 'home');
    const report = computeAgreement(built.input({ one: 10, two: 10 }, ['anna', 'ben'], { codeGuids: ['home', 'school', 'joy'], documentGuids: ['two'] }));
    expect(report.codes.map((row) => [row.guid, row.documents.map((document) => document.guid)])).toEqual([
      ['home', ['two']],
      ['school', ['two']],
      ['joy', ['two']],
    ]);
    expect(report.codes[0]?.pooled).toMatchObject({ onlyB: 4, cohenKappa: 0 });
    expect(report.codes[2]?.pooled).toMatchObject({ both: 0, onlyA: 0, cohenKappa: null });
  });

  it('ignores coders not compared and codings of unknown codes', () => {
    const built = coding().add('anna', 'doc', 0, 4, 'joy').add('zoe', 'doc', 0, 9, 'joy').add('ben', 'doc', 0, 4, 'joy', 'gone');
    const report = computeAgreement(built.input({ doc: 10 }, ['anna', 'ben']));
    expect(statsOf(report, 'joy')).toMatchObject({ both: 4, onlyA: 0, onlyB: 0, cohenKappa: 1, alphaBinary: 1 });
  });

  it('treats overlapping segments of one coder with the same code as the characters they cover', () => {
    const built = coding().add('anna', 'doc', 0, 6, 'joy').add('anna', 'doc', 4, 10, 'joy').add('ben', 'doc', 0, 10, 'joy');
    const pooled = statsOf(computeAgreement(built.input({ doc: 20 }, ['anna', 'ben'])), 'joy');
    expect(pooled).toMatchObject({ both: 10, onlyA: 0, onlyB: 0, neither: 10, cohenKappa: 1, alphaBinary: 1 });
  });

  it('refuses a segment outside its document, which import validation should have caught', () => {
    expect(() => computeAgreement(coding().add('anna', 'doc', 5, 11, 'joy').input({ doc: 10 }, ['anna', 'ben']))).toThrow(/inside its document/);
  });

  it('has exactly the fields of the command line contract', () => {
    const report = computeAgreement(coding().add('anna', 'doc', 0, 4, 'joy').add('ben', 'doc', 2, 6, 'anger').input({ doc: 10 }, ['anna', 'ben']));
    const statsKeys = ['alphaBinary', 'both', 'cohenKappa', 'neither', 'onlyA', 'onlyB', 'percentAgreement'];
    expect(Object.keys(report).sort()).toEqual(['codes', 'domains']);
    for (const row of report.codes) {
      expect(Object.keys(row).sort()).toEqual(['documents', 'guid', 'name', 'pooled']);
      expect(Object.keys(row.pooled).sort()).toEqual(statsKeys);
      for (const document of row.documents) expect(Object.keys(document).sort()).toEqual(['guid', 'name', ...statsKeys].sort());
    }
    expect(report.domains.map((domain) => Object.keys(domain).sort())).toEqual([['binaryUAlpha', 'cuAlpha', 'guid', 'name', 'overlapping', 'uAlpha']]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('computeAgreement per domain', () => {
  it('rolls descendants up into the child of the domain they sit under', () => {
    const built = coding().add('anna', 'doc', 0, 10, 'rage').add('ben', 'doc', 0, 10, 'anger').add('anna', 'doc', 10, 20, 'joy').add('ben', 'doc', 10, 20, 'joy');
    const report = computeAgreement(built.input({ doc: 30 }, ['anna', 'ben']));
    expect(report.domains.map((domain) => domain.guid)).toEqual(['emotion', 'anger']);
    expect(report.domains[0]).toMatchObject({ uAlpha: 1, binaryUAlpha: 1, overlapping: [] });
    expect(report.domains[0]?.cuAlpha).toBe(1);
  });

  it('warns about the coder whose segments overlap within a domain and still computes', () => {
    const built = coding()
      .add('anna', 'doc', 0, 10, 'anger')
      .add('anna', 'doc', 20, 30, 'school')
      .add('ben', 'doc', 0, 6, 'anger')
      .add('ben', 'doc', 4, 12, 'joy')
      .add('ben', 'doc', 20, 30, 'school', 'home');
    const report = computeAgreement(built.input({ doc: 40 }, ['anna', 'ben']));
    const emotion = report.domains.find((domain) => domain.guid === 'emotion');
    const topic = report.domains.find((domain) => domain.guid === 'topic');
    expect(emotion?.overlapping).toEqual(['ben']);
    expect(topic?.overlapping).toEqual(['ben']);
    for (const domain of [emotion, topic]) {
      expect(domain?.uAlpha).toEqual(expect.any(Number));
      expect(domain?.binaryUAlpha).toEqual(expect.any(Number));
    }
  });

  it('warns about a coder whose segments of one value overlap, a subcode rolled up into it among them', () => {
    const built = coding().add('anna', 'doc', 0, 10, 'anger').add('ben', 'doc', 0, 6, 'anger').add('ben', 'doc', 4, 10, 'rage');
    const report = computeAgreement(built.input({ doc: 20 }, ['anna', 'ben']));
    expect(report.domains.find((domain) => domain.guid === 'emotion')?.overlapping).toEqual(['ben']);
    // Within "anger", ben's only unit is the rage segment.
    expect(report.domains.find((domain) => domain.guid === 'anger')?.overlapping).toEqual([]);
  });

  it('does not warn about segments that only touch', () => {
    const built = coding().add('anna', 'doc', 0, 5, 'joy').add('anna', 'doc', 5, 10, 'anger').add('ben', 'doc', 0, 10, 'joy');
    expect(computeAgreement(built.input({ doc: 10 }, ['anna', 'ben'])).domains[0]?.overlapping).toEqual([]);
  });

  it('reports the chosen parents when codes are chosen, or the domains asked for', () => {
    const built = coding().add('anna', 'doc', 0, 5, 'joy').add('ben', 'doc', 0, 5, 'school');
    const input = built.input({ doc: 10 }, ['anna', 'ben']);
    expect(computeAgreement(input).domains.map((domain) => domain.guid)).toEqual(['emotion', 'topic']);
    expect(computeAgreement({ ...input, codeGuids: ['topic', 'joy', 'other'] }).domains.map((domain) => domain.guid)).toEqual(['topic']);
    expect(computeAgreement({ ...input, domainGuids: ['anger'] }).domains).toEqual([
      { guid: 'anger', name: 'Code anger', uAlpha: null, binaryUAlpha: null, cuAlpha: null, overlapping: [] },
    ]);
  });
});

// ---- Properties on random small projects ----

const CODE_GUIDS = CODEBOOK.map((entry) => entry.guid);
const CODERS = ['c0', 'c1', 'c2'];

interface RandomSegment {
  readonly coder: number;
  readonly document: number;
  readonly start: number;
  readonly end: number;
  readonly codes: readonly Guid[];
}

const arbitrarySegment = (coders: number, lengths: readonly number[]) =>
  fc
    .record({
      coder: fc.integer({ min: 0, max: coders - 1 }),
      document: fc.integer({ min: 0, max: lengths.length - 1 }),
      x: fc.nat(),
      y: fc.nat(),
      codes: fc.subarray(CODE_GUIDS, { minLength: 1, maxLength: 2 }),
    })
    .map(({ coder, document, x, y, codes }): RandomSegment => {
      const length = lengths[document] ?? 0;
      const [a, b] = [x % (length + 1), y % (length + 1)];
      return { coder, document, start: Math.min(a, b), end: Math.max(a, b), codes };
    });

function buildInput(lengths: readonly number[], coderCount: number, segments: readonly RandomSegment[]): AgreementInput {
  const built = coding();
  for (const segment of segments) built.add(CODERS[segment.coder] ?? '', `d${segment.document}`, segment.start, segment.end, ...segment.codes);
  return built.input(Object.fromEntries(lengths.map((length, i) => [`d${i}`, length])), CODERS.slice(0, coderCount));
}

const arbitraryProject = fc
  .record({ lengths: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 3 }), coderCount: fc.integer({ min: 2, max: 3 }) })
  .chain(({ lengths, coderCount }) =>
    fc.array(arbitrarySegment(coderCount, lengths), { maxLength: 14 }).map((segments) => ({ lengths, coderCount, segments, input: buildInput(lengths, coderCount, segments) })),
  );

const COEFFICIENTS = ['percentAgreement', 'cohenKappa', 'alphaBinary'] as const;

function expectSame(actual: number | null | undefined, expected: number | null | undefined): void {
  if (expected === null || expected === undefined) expect(actual).toBe(expected);
  else expect(actual).toBeCloseTo(expected, 9);
}

/** The codes (rolled up) of a segment of `input`. */
function codesOf(input: AgreementInput, segmentGuid: Guid): Set<Guid> {
  return new Set(input.codings.filter((entry) => entry.segmentGuid === segmentGuid).map((entry) => entry.codeGuid));
}

/** Brute force: does coder `coder` code character `x` of `documentGuid` with `codeGuid` or below? */
function codedAt(input: AgreementInput, coder: Guid, documentGuid: Guid, codeGuid: Guid, x: number): boolean {
  const below = descendantGuids(input.codes, codeGuid);
  return input.segments.some(
    (segment) =>
      segment.coderGuid === coder &&
      segment.documentGuid === documentGuid &&
      segment.start <= x &&
      x < segment.end &&
      [...codesOf(input, segment.guid)].some((guid) => below.has(guid)),
  );
}

/** Joins ranges that share a character, by repeated pairwise merging (slow and obviously right). */
function joinByPairs(ranges: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  let result = ranges.filter((range) => range.end > range.start).map((range) => ({ ...range }));
  for (let merged = true; merged; ) {
    merged = false;
    outer: for (let i = 0; i < result.length; i++) {
      for (let j = i + 1; j < result.length; j++) {
        const [a, b] = [result[i], result[j]];
        if (a && b && Math.max(a.start, b.start) < Math.min(a.end, b.end)) {
          result = [...result.filter((_, k) => k !== i && k !== j), { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) }];
          merged = true;
          break outer;
        }
      }
    }
  }
  return result;
}

/**
 * The units of each coder for a set of values (value name -> the codes counting for it), in the
 * chosen documents laid end to end: pooling sums ingredients, which is the same as one long text.
 */
function bruteUnits(input: AgreementInput, values: ReadonlyMap<string, ReadonlySet<Guid>>, documentGuids: readonly Guid[]) {
  let offset = 0;
  const units: NamedUnit[][] = input.coders.map(() => []);
  for (const documentGuid of documentGuids) {
    const length = input.documents.find((document) => document.guid === documentGuid)?.length ?? 0;
    input.coders.forEach((coder, i) => {
      for (const [value, codes] of values) {
        const ranges = input.segments.filter(
          (segment) => segment.coderGuid === coder && segment.documentGuid === documentGuid && [...codesOf(input, segment.guid)].some((guid) => codes.has(guid)),
        );
        for (const range of joinByPairs(ranges)) units[i]?.push({ start: range.start + offset, end: range.end + offset, value });
      }
    });
    offset += length;
  }
  return { length: offset, units };
}

describe('computeAgreement on random projects', () => {
  it('counts what a character-by-character comparison counts', () => {
    fc.assert(
      fc.property(arbitraryProject, ({ input }) => {
        for (const row of computeAgreement(input).codes) {
          for (const document of row.documents) {
            const length = input.documents.find((entry) => entry.guid === document.guid)?.length ?? 0;
            const counts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
            for (let x = 0; x < length; x++) {
              const coded = input.coders.map((coder) => codedAt(input, coder, document.guid, row.guid, x));
              const n = coded.filter(Boolean).length;
              if (n === coded.length) counts.both++;
              else if (n === 0) counts.neither++;
              else if (n === 1 && coded[0]) counts.onlyA++;
              else if (n === 1 && coded[1]) counts.onlyB++;
            }
            expect(document).toMatchObject(counts);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("finds each code's binary alpha, per document and pooled, as the literal formulas do", () => {
    fc.assert(
      fc.property(arbitraryProject, ({ input }) => {
        for (const row of computeAgreement(input).codes) {
          const values = new Map([['coded', descendantGuids(input.codes, row.guid)]]);
          for (const document of row.documents) {
            const { length, units } = bruteUnits(input, values, [document.guid]);
            expectSame(document.alphaBinary, bruteForceAlphas(length, units).binaryUAlpha);
          }
          const { length, units } = bruteUnits(input, values, input.documents.map((document) => document.guid));
          expectSame(row.pooled.alphaBinary, bruteForceAlphas(length, units).binaryUAlpha);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("finds each domain's alphas, pooled over documents, as the literal formulas do", () => {
    fc.assert(
      fc.property(arbitraryProject, ({ input }) => {
        for (const domain of computeAgreement(input).domains) {
          const values = new Map(childrenOf(input.codes, domain.guid).map((child) => [child.guid, descendantGuids(input.codes, child.guid)]));
          const { length, units } = bruteUnits(input, values, input.documents.map((document) => document.guid));
          const brute = bruteForceAlphas(length, units);
          expectSame(domain.uAlpha, brute.uAlpha);
          expectSame(domain.binaryUAlpha, brute.binaryUAlpha);
          expectSame(domain.cuAlpha, brute.cuAlpha);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('pools counts as the sums of the per-document counts', () => {
    fc.assert(
      fc.property(arbitraryProject, ({ input }) => {
        for (const row of computeAgreement(input).codes) {
          for (const key of ['both', 'onlyA', 'onlyB', 'neither'] as const) {
            expect(row.pooled[key]).toBe(row.documents.reduce((sum, document) => sum + document[key], 0));
          }
        }
      }),
    );
  });

  it('changes no coefficient when the coders swap places', () => {
    fc.assert(
      fc.property(arbitraryProject, ({ input }) => {
        const forward = computeAgreement(input);
        const [first, second, ...rest] = input.coders;
        const swapped = computeAgreement({ ...input, coders: [second ?? '', first ?? '', ...rest] });
        const reversed = computeAgreement({ ...input, coders: [...input.coders].reverse() });
        for (const other of [swapped, reversed]) {
          forward.codes.forEach((row, i) => {
            const rows: [AgreementStats, AgreementStats | undefined][] = [[row.pooled, other.codes[i]?.pooled]];
            row.documents.forEach((document, d) => rows.push([document, other.codes[i]?.documents[d]]));
            for (const [a, b] of rows) {
              for (const key of COEFFICIENTS) expectSame(b?.[key], a[key]);
              expect(b?.both).toBe(a.both);
              expect(b?.neither).toBe(a.neither);
            }
          });
          forward.domains.forEach((domain, i) => {
            const match = other.domains[i];
            expectSame(match?.uAlpha, domain.uAlpha);
            expectSame(match?.binaryUAlpha, domain.binaryUAlpha);
            expectSame(match?.cuAlpha, domain.cuAlpha);
            expect([...(match?.overlapping ?? [])].sort()).toEqual([...domain.overlapping].sort());
          });
        }
        // Swapping the first two exchanges what only A and only B coded.
        swapped.codes.forEach((row, i) => {
          expect(row.pooled.onlyA).toBe(forward.codes[i]?.pooled.onlyB);
          expect(row.pooled.onlyB).toBe(forward.codes[i]?.pooled.onlyA);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('gives 1 wherever a coefficient is defined when all coders code identically', () => {
    fc.assert(
      fc.property(arbitraryProject, ({ lengths, coderCount, segments }) => {
        const same = segments.flatMap((segment) => Array.from({ length: coderCount }, (_, coder) => ({ ...segment, coder })));
        const report = computeAgreement(buildInput(lengths, coderCount, same));
        for (const row of report.codes) {
          for (const stats of [row.pooled, ...row.documents]) {
            expect(stats.onlyA + stats.onlyB).toBe(0);
            for (const key of COEFFICIENTS) {
              const value = stats[key];
              if (value !== null) expect(value).toBe(key === 'percentAgreement' ? 100 : 1);
            }
          }
        }
        for (const domain of report.domains) {
          // Overlapping segments of different values break the model (and are warned about).
          if (domain.overlapping.length > 0) continue;
          for (const value of [domain.uAlpha, domain.binaryUAlpha, domain.cuAlpha]) if (value !== null) expect(value).toBe(1);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('kappa2x2', () => {
  it('equals (po - pe) / (1 - pe)', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50), (both, onlyA, onlyB, neither) => {
        const length = both + onlyA + onlyB + neither;
        const [a, b] = [both + onlyA, both + onlyB];
        const po = (both + neither) / length;
        const pe = (a / length) * (b / length) + ((length - a) / length) * ((length - b) / length);
        const kappa = kappa2x2({ both, onlyA, onlyB, neither });
        if (length === 0 || pe === 1) expect(kappa).toBeNull();
        else expect(kappa).toBeCloseTo((po - pe) / (1 - pe), 9);
      }),
    );
  });
});
