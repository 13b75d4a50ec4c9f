import fc from 'fast-check';
import vectors from './fixtures/reference-vectors.json';
import { bruteForceAlphas, GAP_KEY, type NamedUnit } from './test-brute-force';
import { countCharacters } from './coverage';
import {
  addIngredients,
  apartFigures,
  binaryIngredients,
  binaryUAlpha,
  cuAlpha,
  emptyIngredients,
  sweepIngredients,
  uAlpha,
  unitizingIngredients,
  type AlphaIngredients,
  type ValuedRange,
} from './unitizing';

const SIX = 6;

/** Named units to indexed ones, values numbered in order of first appearance. */
function indexUnits(unitsByCoder: readonly (readonly NamedUnit[])[]): { units: ValuedRange[][]; values: string[] } {
  const values = [...new Set(unitsByCoder.flat().map((unit) => unit.value))];
  const units = unitsByCoder.map((coder) => coder.map((unit) => ({ start: unit.start, end: unit.end, value: values.indexOf(unit.value) })));
  return { units, values };
}

function alphas(ingredients: AlphaIngredients) {
  return { uAlpha: uAlpha(ingredients), binaryUAlpha: binaryUAlpha(ingredients), cuAlpha: cuAlpha(ingredients) };
}

function expectSameCoefficient(actual: number | null, expected: number | null): void {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 9);
}

describe('the unitizing reference vector', () => {
  const example = vectors.unitizing[0];
  if (!example) throw new Error('reference-vectors.json has a unitizing example');

  it(`reproduces u-alpha and binary u-alpha: ${example.name}`, () => {
    const { units, values } = indexUnits(example.coders.map((coder) => coder.map(({ start, end, code }) => ({ start, end, value: code }))));
    const ingredients = unitizingIngredients(example.length, units, values.length);
    expect(uAlpha(ingredients)).toBeCloseTo(example.expected.u_alpha, SIX);
    expect(binaryUAlpha(ingredients)).toBeCloseTo(example.expected.binary_u_alpha, SIX);
  });

  it('agrees with the literal formulas on it, cu-alpha included', () => {
    const named = example.coders.map((coder) => coder.map(({ start, end, code }) => ({ start, end, value: code })));
    const { units, values } = indexUnits(named);
    const brute = bruteForceAlphas(example.length, named);
    const found = alphas(unitizingIngredients(example.length, units, values.length));
    expectSameCoefficient(found.uAlpha, brute.uAlpha);
    expectSameCoefficient(found.binaryUAlpha, brute.binaryUAlpha);
    expectSameCoefficient(found.cuAlpha, brute.cuAlpha);
  });
});

const VALUES = ['a', 'b', 'c'];

/** Units anywhere in [0, length): they may overlap, touch or be empty. */
const arbitraryUnits = (length: number) =>
  fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length }), fc.constantFrom(...VALUES))
      .map(([x, y, value]) => ({ start: Math.min(x, y), end: Math.max(x, y), value })),
    { maxLength: 5 },
  );

/** Units that partition part of [0, length) without overlapping: cut points, each piece a value or a gap. */
const arbitraryPartition = (length: number) =>
  fc
    .tuple(fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 6 }), fc.array(fc.constantFrom(...VALUES, null), { minLength: 7, maxLength: 7 }))
    .map(([cuts, values]) => {
      const bounds = [0, ...cuts.filter((cut) => cut < length).sort((x, y) => x - y), length];
      const units: NamedUnit[] = [];
      for (let i = 0; i + 1 < bounds.length; i++) {
        const value = values[i];
        const [start, end] = [bounds[i] ?? 0, bounds[i + 1] ?? 0];
        if (value && end > start) units.push({ start, end, value });
      }
      return units;
    });

const arbitraryCase = (units: (length: number) => fc.Arbitrary<NamedUnit[]>) =>
  fc
    .record({ length: fc.integer({ min: 0, max: 30 }), coders: fc.integer({ min: 2, max: 4 }) })
    .chain(({ length, coders }) => fc.record({ length: fc.constant(length), unitsByCoder: fc.array(units(length), { minLength: coders, maxLength: coders }) }));

describe('unitizingIngredients', () => {
  it('finds the coincidences, T and T* that a character-by-character count finds', () => {
    fc.assert(
      fc.property(arbitraryCase(arbitraryUnits), ({ length, unitsByCoder }) => {
        const { units, values } = indexUnits(unitsByCoder);
        const found = unitizingIngredients(length, units, values.length);
        const brute = bruteForceAlphas(length, unitsByCoder);
        const scale = found.pairScale;
        const l = (c: string, k: string) => brute.coincidences.get(c)?.get(k) ?? 0;
        const row = (c: string) => [...(brute.coincidences.get(c)?.values() ?? [])].reduce((sum, x) => sum + x, 0);
        expect(found.gap.row / scale).toBeCloseTo(row(GAP_KEY), 9);
        expect(found.gap.diagonal / scale).toBeCloseTo(l(GAP_KEY, GAP_KEY), 9);
        expect(found.gap.squares).toBe(brute.squares.get(GAP_KEY) ?? 0);
        values.forEach((value, v) => {
          const ingredients = found.values[v];
          expect(ingredients?.row ?? NaN).toBeCloseTo(row(value) * scale, 9);
          expect(ingredients?.diagonal ?? NaN).toBeCloseTo(l(value, value) * scale, 9);
          expect(ingredients?.withGap ?? NaN).toBeCloseTo(l(value, GAP_KEY) * scale, 9);
          expect(ingredients?.squares).toBe(brute.squares.get(value) ?? 0);
          expect(ingredients?.pairableSquares).toBe(brute.pairableSquares.get(value) ?? 0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives the coefficients of the literal formulas, for partitions and for overlapping units', () => {
    for (const units of [arbitraryPartition, arbitraryUnits]) {
      fc.assert(
        fc.property(arbitraryCase(units), ({ length, unitsByCoder }) => {
          const { units: indexed, values } = indexUnits(unitsByCoder);
          const found = alphas(unitizingIngredients(length, indexed, values.length));
          const brute = bruteForceAlphas(length, unitsByCoder);
          expectSameCoefficient(found.uAlpha, brute.uAlpha);
          expectSameCoefficient(found.binaryUAlpha, brute.binaryUAlpha);
          expectSameCoefficient(found.cuAlpha, brute.cuAlpha);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('finds, for one value against the gaps, what the literal count finds, by its fast path for sorted ranges', () => {
    // Each coder's ranges sorted and apart (touching allowed), one value: the case of every code of a report.
    const apart = (length: number) =>
      fc.uniqueArray(fc.integer({ min: 0, max: length }), { maxLength: 8 }).chain((cuts) => {
        const bounds = [...cuts].sort((x, y) => x - y);
        return fc.array(fc.boolean(), { minLength: bounds.length, maxLength: bounds.length }).map((keep) => {
          const units: NamedUnit[] = [];
          for (let i = 0; i + 1 < bounds.length; i++) if (keep[i]) units.push({ start: bounds[i] ?? 0, end: bounds[i + 1] ?? 0, value: 'a' });
          return units;
        });
      });
    fc.assert(
      fc.property(arbitraryCase(apart), ({ length, unitsByCoder }) => {
        const ranges = unitsByCoder.map((units) => units.map(({ start, end }) => ({ start, end })));
        const found = binaryIngredients(length, ranges);
        expect(found).not.toBeNull();
        const brute = bruteForceAlphas(length, unitsByCoder);
        const scale = found?.pairScale ?? 0;
        const l = (c: string, k: string) => brute.coincidences.get(c)?.get(k) ?? 0;
        const row = (c: string) => [...(brute.coincidences.get(c)?.values() ?? [])].reduce((sum, x) => sum + x, 0);
        expect(found?.gap.row).toBeCloseTo(row(GAP_KEY) * scale, 9);
        expect(found?.gap.diagonal).toBeCloseTo(l(GAP_KEY, GAP_KEY) * scale, 9);
        expect(found?.gap.squares).toBe(brute.squares.get(GAP_KEY) ?? 0);
        const value = found?.values[0];
        expect(value?.row).toBeCloseTo(row('a') * scale, 9);
        expect(value?.diagonal).toBeCloseTo(l('a', 'a') * scale, 9);
        expect(value?.withGap).toBeCloseTo(l('a', GAP_KEY) * scale, 9);
        expect(value?.squares).toBe(brute.squares.get('a') ?? 0);
        expect(value?.pairableSquares).toBe(brute.pairableSquares.get('a') ?? 0);
      }),
      { numRuns: 500 },
    );
    // Overlapping or unsorted ranges are left to the general sweep.
    expect(binaryIngredients(10, [[{ start: 0, end: 5 }, { start: 3, end: 8 }], []])).toBeNull();
    expect(binaryIngredients(10, [[{ start: 5, end: 8 }, { start: 0, end: 2 }], []])).toBeNull();
    expect(binaryIngredients(10, [[{ start: 5, end: 12 }], []])).toBeNull();
  });

  it('finds, for units apart of several values, what the literal count finds, with the character counts of the same ranges', () => {
    // Each coder's units sorted and apart, valued: a domain's units where no coder's segments overlap.
    fc.assert(
      fc.property(arbitraryCase(arbitraryPartition), ({ length, unitsByCoder }) => {
        const { units, values } = indexUnits(unitsByCoder);
        const found = apartFigures(length, units, values.length);
        expect(found).not.toBeNull();
        const ingredients = found?.ingredients as AlphaIngredients;
        const brute = bruteForceAlphas(length, unitsByCoder);
        const scale = ingredients.pairScale;
        const l = (c: string, k: string) => brute.coincidences.get(c)?.get(k) ?? 0;
        const row = (c: string) => [...(brute.coincidences.get(c)?.values() ?? [])].reduce((sum, x) => sum + x, 0);
        expect(ingredients.gap.row).toBeCloseTo(row(GAP_KEY) * scale, 9);
        expect(ingredients.gap.diagonal).toBeCloseTo(l(GAP_KEY, GAP_KEY) * scale, 9);
        expect(ingredients.gap.squares).toBe(brute.squares.get(GAP_KEY) ?? 0);
        values.forEach((value, v) => {
          const sums = ingredients.values[v];
          expect(sums?.row).toBeCloseTo(row(value) * scale, 9);
          expect(sums?.diagonal).toBeCloseTo(l(value, value) * scale, 9);
          expect(sums?.withGap).toBeCloseTo(l(value, GAP_KEY) * scale, 9);
          expect(sums?.squares).toBe(brute.squares.get(value) ?? 0);
          expect(sums?.pairableSquares).toBe(brute.pairableSquares.get(value) ?? 0);
        });
        // The general sweep and the sweep for units apart give the same sums.
        expect(sweepIngredients(length, units, values.length)).toEqual(ingredients);
        expect(found?.counts).toEqual(countCharacters(length, units, units.length));
      }),
      { numRuns: 500 },
    );
    // A value not known, or a unit past the end: left to the general sweep, which refuses it.
    expect(apartFigures(10, [[{ start: 0, end: 5, value: 2 }], []], 2)).toBeNull();
    expect(apartFigures(10, [[{ start: 0, end: 11, value: 0 }], []], 1)).toBeNull();
    expect(() => unitizingIngredients(10, [[{ start: 0, end: 5, value: 2 }], []], 2)).toThrow(/value 2 is known/);
  });

  it('gives 1 wherever defined when every coder has the same units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }).chain((length) => fc.tuple(fc.constant(length), arbitraryPartition(length), fc.integer({ min: 2, max: 4 }))), ([length, named, m]) => {
        const { units, values } = indexUnits([named]);
        const coders = Array.from({ length: m }, () => units[0] ?? []);
        for (const alpha of Object.values(alphas(unitizingIngredients(length, coders, values.length)))) if (alpha !== null) expect(alpha).toBe(1);
      }),
    );
  });

  it('does not change its coefficients when the coders are listed in another order', () => {
    fc.assert(
      fc.property(arbitraryCase(arbitraryPartition), ({ length, unitsByCoder }) => {
        const { units, values } = indexUnits(unitsByCoder);
        const forward = alphas(unitizingIngredients(length, units, values.length));
        const backward = alphas(unitizingIngredients(length, [...units].reverse(), values.length));
        expectSameCoefficient(backward.uAlpha, forward.uAlpha);
        expectSameCoefficient(backward.binaryUAlpha, forward.binaryUAlpha);
        expectSameCoefficient(backward.cuAlpha, forward.cuAlpha);
      }),
    );
  });

  it('pools two documents as one continuum with the second shifted after the first, except for T(gap)', () => {
    // Gaps pair character by character, so T(gap) is additive too, and so is everything else.
    const first = [[{ start: 0, end: 5, value: 0 }], [{ start: 2, end: 6, value: 0 }]];
    const second = [[{ start: 1, end: 3, value: 1 }], [{ start: 1, end: 3, value: 0 }]];
    const pooled = addIngredients(unitizingIngredients(8, first, 2), unitizingIngredients(4, second, 2));
    const shifted = unitizingIngredients(12, [
      [...(first[0] ?? []), { start: 9, end: 11, value: 1 }],
      [...(first[1] ?? []), { start: 9, end: 11, value: 0 }],
    ], 2);
    expect(pooled).toEqual(shifted);
  });

  it('leaves every coefficient undefined when nobody coded anything', () => {
    const ingredients = unitizingIngredients(10, [[], []], 2);
    expect(alphas(ingredients)).toEqual({ uAlpha: null, binaryUAlpha: null, cuAlpha: null });
    expect(alphas(emptyIngredients(2, 2))).toEqual({ uAlpha: null, binaryUAlpha: null, cuAlpha: null });
  });

  it('leaves every coefficient undefined for a single coder', () => {
    const ingredients = unitizingIngredients(10, [[{ start: 0, end: 4, value: 0 }]], 1);
    expect(alphas(ingredients)).toEqual({ uAlpha: null, binaryUAlpha: null, cuAlpha: null });
  });
});
