/**
 * Agreement on predefined units: units that exist before coding (speaker turns, answers to one
 * survey question), each given one value by each coder or left missing (null). Text coding has no
 * such units; see `text.ts` for that. Definitions: `../shared/agreement/README.md` (from the
 * repository root), "Nominal data with predefined units".
 *
 * Every coefficient is null when it is undefined (a zero denominator), never 0 or 1 by accident.
 * Agreement proportions here are 0-1, as in the literature these measures come from.
 */
import { assert } from '../assert';

/** A value a coder gives a unit: a category name or a number (required by the metric levels). */
export type UnitValue = number | string;

/** Reliability data: one row per unit, one entry per coder, null where a coder gave no value. */
export type UnitValues = readonly (readonly (UnitValue | null)[])[];

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Numbers ascending, then strings in code-unit order, so results never depend on input order. */
function compareValues(a: UnitValue, b: UnitValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 1 - observed / expected, or null when the expected disagreement is zero. */
function oneMinus(observed: number, expected: number): number | null {
  return expected > 0 ? 1 - observed / expected : null;
}

/**
 * The coincidence matrix: o(c,k) = sum over units with m_u >= 2 values of
 * (number of ordered pairs of coders valuing c and k) / (m_u - 1). Units with fewer than two values
 * are not pairable and drop out.
 */
export function coincidences(units: UnitValues): { values: UnitValue[]; matrix: number[][] } {
  const values = [...new Set(units.flat().filter((value): value is UnitValue => value !== null))].sort(compareValues);
  const index = new Map(values.map((value, i) => [value, i]));
  const matrix = values.map(() => values.map(() => 0));
  for (const unit of units) {
    const present = unit.filter((value): value is UnitValue => value !== null);
    if (present.length < 2) continue;
    const counts = new Map<number, number>();
    for (const value of present) {
      const i = index.get(value) ?? -1;
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        const row = matrix[c];
        if (row) row[k] = (row[k] ?? 0) + pairs / (present.length - 1);
      }
    }
  }
  return { values, matrix };
}

/** Squared difference functions delta^2(c,k) per Krippendorff (2011), on the values' indices. */
function squaredDifference(metric: AlphaMetric, values: readonly UnitValue[], marginals: readonly number[]) {
  const numeric = (i: number): number => {
    const value = values[i];
    assert(typeof value === 'number', `the ${metric} metric needs numeric values, not ${String(value)}`);
    return value;
  };
  return (c: number, k: number): number => {
    if (c === k) return 0;
    switch (metric) {
      case 'nominal':
        return 1;
      case 'interval':
        return (numeric(c) - numeric(k)) ** 2;
      case 'ratio': {
        const [a, b] = [numeric(c), numeric(k)];
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      }
      case 'ordinal': {
        numeric(c);
        numeric(k);
        // Ranks: the values sit sorted, so the values between c and k are the indices between.
        const [from, to] = c < k ? [c, k] : [k, c];
        let sum = 0;
        for (let g = from; g <= to; g++) sum += marginals[g] ?? 0;
        return (sum - ((marginals[c] ?? 0) + (marginals[k] ?? 0)) / 2) ** 2;
      }
    }
  };
}

/**
 * Krippendorff's alpha for predefined units with missing values, through the coincidence matrix:
 * alpha = 1 - (n - 1) * sum o(c,k) d(c,k)^2 / sum n(c) n(k) d(c,k)^2.
 */
export function krippendorffAlpha(units: UnitValues, metric: AlphaMetric = 'nominal'): number | null {
  const { values, matrix } = coincidences(units);
  const marginals = matrix.map((row) => row.reduce((sum, o) => sum + o, 0));
  const n = marginals.reduce((sum, nc) => sum + nc, 0);
  if (n <= 1) return null;
  const delta2 = squaredDifference(metric, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      const d2 = delta2(c, k);
      observed += (matrix[c]?.[k] ?? 0) * d2;
      expected += (marginals[c] ?? 0) * (marginals[k] ?? 0) * d2;
    }
  }
  return oneMinus((n - 1) * observed, expected);
}

/**
 * The share of agreeing coder pairs per unit, averaged over the units with at least two values
 * (0-1). For two coders: the share of units both coded on which they gave the same value.
 */
export function observedAgreement(units: UnitValues): number | null {
  let sum = 0;
  let pairable = 0;
  for (const unit of units) {
    const present = unit.filter((value): value is UnitValue => value !== null);
    if (present.length < 2) continue;
    let agreeing = 0;
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) if (present[i] === present[j]) agreeing++;
    }
    sum += agreeing / ((present.length * (present.length - 1)) / 2);
    pairable++;
  }
  return pairable > 0 ? sum / pairable : null;
}

/** One cell of a two-coder contingency table: `n` units that coder 1 valued `coder1`, coder 2 `coder2`. */
export interface ContingencyCell {
  readonly coder1: UnitValue;
  readonly coder2: UnitValue;
  readonly n: number;
}

/** The contingency table of two coders' values on the units both coded. */
export function contingency(units: UnitValues): ContingencyCell[] {
  const cells = new Map<string, { coder1: UnitValue; coder2: UnitValue; n: number }>();
  for (const unit of units) {
    const [a, b] = [unit[0] ?? null, unit[1] ?? null];
    if (a === null || b === null) continue;
    const key = JSON.stringify([a, b]);
    const cell = cells.get(key);
    if (cell) cell.n++;
    else cells.set(key, { coder1: a, coder2: b, n: 1 });
  }
  return [...cells.values()];
}

interface Margins {
  readonly total: number;
  readonly agreeing: number;
  /** Per value: the share of units coder 1 gave it, and coder 2. */
  readonly shares: readonly { readonly p1: number; readonly p2: number }[];
}

function margins(cells: readonly ContingencyCell[]): Margins {
  const byValue = new Map<UnitValue, { n1: number; n2: number }>();
  let total = 0;
  let agreeing = 0;
  for (const cell of cells) {
    assert(cell.n >= 0, 'contingency counts are not negative');
    total += cell.n;
    if (cell.coder1 === cell.coder2) agreeing += cell.n;
    const one = byValue.get(cell.coder1) ?? { n1: 0, n2: 0 };
    byValue.set(cell.coder1, { ...one, n1: one.n1 + cell.n });
    const two = byValue.get(cell.coder2) ?? { n1: 0, n2: 0 };
    byValue.set(cell.coder2, { ...two, n2: two.n2 + cell.n });
  }
  const shares = [...byValue.values()].map(({ n1, n2 }) => ({ p1: n1 / total, p2: n2 / total }));
  return { total, agreeing, shares };
}

/** The share of units on which the two coders agree (0-1), from their contingency table. */
export function contingencyAgreement(cells: readonly ContingencyCell[]): number | null {
  const { total, agreeing } = margins(cells);
  return total > 0 ? agreeing / total : null;
}

/** (po - pe) / (1 - pe), null when chance agreement is total (or there are no units). */
function chanceCorrected(total: number, po: number, pe: number): number | null {
  if (total === 0 || pe >= 1) return null;
  return (po - pe) / (1 - pe);
}

/** Cohen's kappa (1960): chance agreement from each coder's own distribution of values. */
export function cohenKappa(cells: readonly ContingencyCell[]): number | null {
  const { total, agreeing, shares } = margins(cells);
  const pe = shares.reduce((sum, { p1, p2 }) => sum + p1 * p2, 0);
  return chanceCorrected(total, agreeing / total, pe);
}

/** Scott's pi (1955): chance agreement from the coders' pooled distribution of values. */
export function scottPi(cells: readonly ContingencyCell[]): number | null {
  const { total, agreeing, shares } = margins(cells);
  const pe = shares.reduce((sum, { p1, p2 }) => sum + ((p1 + p2) / 2) ** 2, 0);
  return chanceCorrected(total, agreeing / total, pe);
}

/**
 * Fleiss' kappa (1971): each row lists the values the raters gave one subject; every subject has
 * the same number (at least two) of ratings, though not necessarily from the same raters.
 */
export function fleissKappa(ratings: readonly (readonly UnitValue[])[]): number | null {
  const raters = ratings[0]?.length ?? 0;
  if (ratings.length === 0 || raters < 2) return null;
  const totals = new Map<UnitValue, number>();
  let meanAgreement = 0;
  for (const row of ratings) {
    assert(row.length === raters, `every subject has ${raters} ratings`);
    const counts = new Map<UnitValue, number>();
    for (const value of row) counts.set(value, (counts.get(value) ?? 0) + 1);
    let pairs = 0;
    for (const [value, n] of counts) {
      pairs += n * (n - 1);
      totals.set(value, (totals.get(value) ?? 0) + n);
    }
    meanAgreement += pairs / (raters * (raters - 1)) / ratings.length;
  }
  const all = ratings.length * raters;
  const pe = [...totals.values()].reduce((sum, n) => sum + (n / all) ** 2, 0);
  return chanceCorrected(all, meanAgreement, pe);
}
