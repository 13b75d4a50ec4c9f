import fc from 'fast-check';
import vectors from './fixtures/reference-vectors.json';
import {
  cohenKappa,
  contingency,
  contingencyAgreement,
  fleissKappa,
  krippendorffAlpha,
  observedAgreement,
  scottPi,
  type AlphaMetric,
  type ContingencyCell,
} from './nominal';

/** Six decimals, as the reference vectors give them. */
const SIX = 6;

describe('the reference vectors for predefined units', () => {
  for (const example of vectors.nominal_units) {
    describe(example.name, () => {
      for (const [metric, expected] of Object.entries(example.expected)) {
        if (metric === 'percent_agreement') {
          it('reproduces percent agreement', () => {
            expect(observedAgreement(example.units_by_coder)).toBeCloseTo(expected, SIX);
          });
        } else {
          it(`reproduces Krippendorff's ${metric} alpha`, () => {
            expect(krippendorffAlpha(example.units_by_coder, metric as AlphaMetric)).toBeCloseTo(expected, SIX);
          });
        }
      }
    });
  }

  for (const example of vectors.contingency_2x) {
    describe(example.name, () => {
      const cells: ContingencyCell[] = example.cells;
      it('reproduces percent agreement', () => {
        expect(contingencyAgreement(cells)).toBeCloseTo(example.expected.percent_agreement, SIX);
      });
      it("reproduces Cohen's kappa", () => {
        expect(cohenKappa(cells)).toBeCloseTo(example.expected.cohen_kappa, SIX);
      });
      const expected: number | undefined = 'scott_pi' in example.expected ? example.expected.scott_pi : undefined;
      if (expected !== undefined) {
        it("reproduces Scott's pi", () => {
          expect(scottPi(cells)).toBeCloseTo(expected, SIX);
        });
      }
    });
  }

  for (const example of vectors.fleiss) {
    it(`reproduces Fleiss' kappa: ${example.name}`, () => {
      expect(fleissKappa(example.ratings)).toBeCloseTo(example.expected.kappa, SIX);
    });
  }

  it('has the counted number of examples, so that none is skipped unnoticed', () => {
    expect(vectors.nominal_units).toHaveLength(4);
    expect(vectors.contingency_2x).toHaveLength(3);
    expect(vectors.fleiss).toHaveLength(1);
  });
});

describe('krippendorffAlpha', () => {
  it('is 1 when every coder gives every unit the same value', () => {
    const units = [[1, 1, null], [2, 2, 2], [3, null, 3]];
    for (const metric of ['nominal', 'ordinal', 'interval', 'ratio'] as const) expect(krippendorffAlpha(units, metric)).toBe(1);
  });

  it('is null when only one value is ever given, or nothing is pairable', () => {
    expect(krippendorffAlpha([[1, 1], [1, 1]])).toBeNull();
    expect(krippendorffAlpha([[1, null], [null, 2]])).toBeNull();
    expect(krippendorffAlpha([])).toBeNull();
  });

  it('accepts category names for nominal data', () => {
    expect(krippendorffAlpha([['a', 'a'], ['b', 'b'], ['a', 'b']])).toBeCloseTo(krippendorffAlpha([[1, 1], [2, 2], [1, 2]]) ?? NaN, 12);
  });

  it('does not change when coders are listed in another order', () => {
    const unit = fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 12 }), (units) => {
        const reversed = units.map((row) => [...row].reverse());
        for (const metric of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
          const [a, b] = [krippendorffAlpha(units, metric), krippendorffAlpha(reversed, metric)];
          if (a === null) expect(b).toBeNull();
          else expect(b).toBeCloseTo(a, 10);
        }
      }),
    );
  });
});

describe("two coders' contingency", () => {
  it('tabulates the units both coded', () => {
    expect(contingency([[1, 1], [1, 2], [1, 1], [null, 2]])).toEqual([
      { coder1: 1, coder2: 1, n: 2 },
      { coder1: 1, coder2: 2, n: 1 },
    ]);
  });

  it("gives Cohen's kappa 1 for perfect agreement and null when chance agreement is total", () => {
    expect(cohenKappa(contingency([[1, 1], [2, 2]]))).toBe(1);
    expect(cohenKappa(contingency([[1, 1], [1, 1]]))).toBeNull();
    expect(cohenKappa([])).toBeNull();
  });
});

describe('fleissKappa', () => {
  it('is 1 for unanimous raters using more than one category and null for one category only', () => {
    expect(fleissKappa([[1, 1, 1], [2, 2, 2]])).toBe(1);
    expect(fleissKappa([[1, 1], [1, 1]])).toBeNull();
  });
});
