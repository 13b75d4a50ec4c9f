/**
 * Krippendorff's alpha family for unitized continua (u-alpha, binary u-alpha, cu-alpha), as
 * ATLAS.ti computes them for text. Definitions: `../shared/agreement/README.md` (from the
 * repository root), "Krippendorff's alpha for text"; Krippendorff (2019), Content Analysis, 12.6.
 *
 * Each coder's units (valued ranges of [0, length)) are completed with gaps into a partition. The
 * coincidences l(c,k) are found by one sweep over the units' boundaries, never per character:
 * between two consecutive boundaries every coder's values are constant, so a stretch of d
 * characters adds d times the pairs of values seen there. Offsets are UTF-16 code units, half-open.
 *
 * Coincidences are kept as whole pair counts P = (m - 1) * l, exact in floating point, and divided
 * only in the final ratio. Ingredients of several documents add up (`addIngredients`) and pooled
 * coefficients come from the sums, never from averaging per-document coefficients.
 */
import { assert } from '../assert';

/** One coder's unit: the range [start, end) valued `value` (0 .. valueCount - 1). */
export interface ValuedRange {
  readonly start: number;
  readonly end: number;
  readonly value: number;
}

/** What one value contributes to the coincidences, summed over the continuum. */
export interface ValueIngredients {
  /** (m - 1) * l(c.): pairs of this value with any value of another coder. */
  readonly row: number;
  /** (m - 1) * l(c,c). */
  readonly diagonal: number;
  /** (m - 1) * l(c,gap). */
  readonly withGap: number;
  /** T(c): the sum of its units' squared lengths. */
  readonly squares: number;
  /** T*(c): the sum over its units of p^2, p the part of the unit that another coder also coded. */
  readonly pairableSquares: number;
}

export interface AlphaIngredients {
  /** m - 1, the divisor that turns pair counts into coincidences; 0 for a single coder. */
  readonly pairScale: number;
  /** The gap value: T(gap) is the total gap length (gaps pair character by character). */
  readonly gap: { readonly row: number; readonly diagonal: number; readonly squares: number };
  /** Per value, indexed like the units' `value`. */
  readonly values: readonly ValueIngredients[];
}

const zeroValue: ValueIngredients = { row: 0, diagonal: 0, withGap: 0, squares: 0, pairableSquares: 0 };

export function emptyIngredients(coderCount: number, valueCount: number): AlphaIngredients {
  return {
    pairScale: Math.max(0, coderCount - 1),
    gap: { row: 0, diagonal: 0, squares: 0 },
    values: Array.from({ length: valueCount }, () => zeroValue),
  };
}

/** The ingredients of two parts of a continuum (say two documents) together. */
export function addIngredients(a: AlphaIngredients, b: AlphaIngredients): AlphaIngredients {
  assert(a.pairScale === b.pairScale && a.values.length === b.values.length, 'ingredients of the same coders and values');
  return {
    pairScale: a.pairScale,
    gap: { row: a.gap.row + b.gap.row, diagonal: a.gap.diagonal + b.gap.diagonal, squares: a.gap.squares + b.gap.squares },
    values: a.values.map((x, i) => {
      const y = b.values[i] ?? zeroValue;
      return {
        row: x.row + y.row,
        diagonal: x.diagonal + y.diagonal,
        withGap: x.withGap + y.withGap,
        squares: x.squares + y.squares,
        pairableSquares: x.pairableSquares + y.pairableSquares,
      };
    }),
  };
}

/**
 * Scratch arrays of unitizingIngredients, kept between calls: a report calls it for every code in
 * every document (thousands of times), and a dozen new typed arrays per call kept the garbage
 * collector busier than the computation. `zeros(slot, n)`: the slot's array, at least n long, its
 * first n entries 0. Never used across calls (the function is synchronous and not re-entered).
 */
const scratch: Float64Array[] = [];
function zeros(slot: number, n: number): Float64Array {
  let a = scratch[slot];
  if (!a || a.length < n) scratch[slot] = a = new Float64Array(Math.max(64, n, 2 * (a?.length ?? 0)));
  a.fill(0, 0, n);
  return a;
}

/**
 * The coincidence ingredients of `unitsByCoder` (one list per coder) on [0, length). A coder's
 * units should not overlap (the model assumes a partition); where they do, every pair of units of
 * different coders still counts its common length, so the numbers stay defined.
 */
export function unitizingIngredients(
  length: number,
  unitsByCoder: readonly (readonly ValuedRange[])[],
  valueCount: number,
): AlphaIngredients {
  if (valueCount === 1) {
    const binary = binaryIngredients(length, unitsByCoder);
    if (binary) return binary;
  }
  const m = unitsByCoder.length;
  const units: { coder: number; start: number; end: number; value: number }[] = [];
  unitsByCoder.forEach((coderUnits, coder) => {
    for (const unit of coderUnits) {
      assert(
        Number.isInteger(unit.start) && Number.isInteger(unit.end) && unit.start >= 0 && unit.end <= length,
        () => `unit [${unit.start}, ${unit.end}) lies inside [0, ${length})`,
      );
      assert(Number.isInteger(unit.value) && unit.value >= 0 && unit.value < valueCount, () => `value ${unit.value} is known`);
      if (unit.end > unit.start) units.push({ coder, start: unit.start, end: unit.end, value: unit.value });
    }
  });
  // Boundaries as numbers that sort by position, closes before opens, then unit id:
  // (position * 2 + (1 for an open)) * U + id. Sorting plain numbers is several times faster than
  // sorting with a comparator, and an agreement report does this for every code in every document.
  const U = units.length;
  const keys = zeros(0, 2 * U).subarray(0, 2 * U);
  for (let id = 0; id < U; id++) {
    const unit = units[id] as (typeof units)[number];
    keys[2 * id] = (unit.start * 2 + 1) * U + id;
    keys[2 * id + 1] = unit.end * 2 * U + id;
  }
  keys.sort();
  // id >= 0 opens unit id, ~id closes it (as before); `at` is the boundary's position.
  const events = zeros(13, 2 * U);
  const positions = zeros(1, 2 * U);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    const id = key % U;
    const slot = (key - id) / U;
    positions[i] = Math.floor(slot / 2);
    events[i] = slot % 2 === 1 ? id : ~id;
  }

  const row = zeros(2, valueCount);
  const diagonal = zeros(3, valueCount);
  const withGap = zeros(4, valueCount);
  const squares = zeros(5, valueCount);
  const pairable = zeros(6, units.length);
  const gap = { row: 0, diagonal: 0, squares: 0 };

  const active: number[][] = Array.from({ length: m }, () => []);
  const coderValueCount = zeros(7, m * valueCount);
  // Per stretch, per value: N_v (units of all coders), sum_i n_iv^2 and sum_i n_iv * n_i.
  const valueUnits = zeros(8, valueCount);
  const valueSquares = zeros(9, valueCount);
  const valueCross = zeros(10, valueCount);
  // 0: not seen in any stretch yet (stamps start at 1).
  const seenStamp = zeros(11, valueCount);
  let stamp = 0;
  const touched: number[] = [];

  const accumulate = (d: number): void => {
    let gapCoders = 0;
    let all = 0;
    let coding = 0;
    touched.length = 0;
    for (let i = 0; i < m; i++) {
      const coderActive = active[i] ?? [];
      if (coderActive.length === 0) {
        gapCoders++;
        all++;
        continue;
      }
      coding++;
      const ni = coderActive.length;
      all += ni;
      stamp++;
      for (const id of coderActive) {
        const v = units[id]?.value ?? 0;
        if (seenStamp[v] === stamp) continue;
        seenStamp[v] = stamp;
        const niv = coderValueCount[i * valueCount + v] ?? 0;
        if (valueUnits[v] === 0) touched.push(v);
        valueUnits[v] = (valueUnits[v] ?? 0) + niv;
        valueSquares[v] = (valueSquares[v] ?? 0) + niv * niv;
        valueCross[v] = (valueCross[v] ?? 0) + niv * ni;
      }
    }
    for (const v of touched) {
      const nv = valueUnits[v] ?? 0;
      diagonal[v] = (diagonal[v] ?? 0) + d * (nv * nv - (valueSquares[v] ?? 0));
      row[v] = (row[v] ?? 0) + d * (nv * all - (valueCross[v] ?? 0));
      withGap[v] = (withGap[v] ?? 0) + d * nv * gapCoders;
      valueUnits[v] = 0;
      valueSquares[v] = 0;
      valueCross[v] = 0;
    }
    gap.diagonal += d * gapCoders * (gapCoders - 1);
    gap.row += d * gapCoders * (all - 1);
    gap.squares += d * gapCoders;
    // p: the stretch counts for every unit here when at least one other coder codes it too.
    if (coding >= 2) for (const coderActive of active) for (const id of coderActive) pairable[id] = (pairable[id] ?? 0) + d;
  };

  let position = 0;
  let e = 0;
  while (position < length) {
    for (; e < 2 * U; e++) {
      const event = events[e] ?? 0;
      if (positions[e] !== position) break;
      const id = event >= 0 ? event : ~event;
      const unit = units[id];
      if (!unit) continue;
      const coderActive = active[unit.coder] ?? [];
      const slot = unit.coder * valueCount + unit.value;
      if (event >= 0) {
        coderActive.push(id);
        coderValueCount[slot] = (coderValueCount[slot] ?? 0) + 1;
      } else {
        coderActive.splice(coderActive.indexOf(id), 1);
        coderValueCount[slot] = (coderValueCount[slot] ?? 0) - 1;
      }
    }
    const next = e < 2 * U ? Math.min(positions[e] ?? length, length) : length;
    if (next > position) accumulate(next - position);
    position = next;
  }

  const pairableSquares = zeros(12, valueCount);
  units.forEach((unit, id) => {
    squares[unit.value] = (squares[unit.value] ?? 0) + (unit.end - unit.start) ** 2;
    pairableSquares[unit.value] = (pairableSquares[unit.value] ?? 0) + (pairable[id] ?? 0) ** 2;
  });
  return {
    pairScale: Math.max(0, m - 1),
    gap,
    values: Array.from({ length: valueCount }, (_, v) => ({
      row: row[v] ?? 0,
      diagonal: diagonal[v] ?? 0,
      withGap: withGap[v] ?? 0,
      squares: squares[v] ?? 0,
      pairableSquares: pairableSquares[v] ?? 0,
    })),
  };
}

/** Whether each coder's ranges are sorted, apart (touching at most) and inside [0, length). */
function sortedApart(length: number, rangesByCoder: readonly (readonly { readonly start: number; readonly end: number }[])[]): boolean {
  for (const ranges of rangesByCoder) {
    let reach = 0;
    for (const r of ranges) {
      if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < reach || r.end < r.start || r.end > length) return false;
      reach = r.end;
    }
  }
  return true;
}

/**
 * unitizingIngredients of one value (a code against the gaps, as every code of a report is), for
 * coders whose ranges are sorted and apart, as mergeRanges gives them: the same sums, by merging
 * the coders' sorted lists instead of sorting every boundary, with nothing allocated per unit. A
 * report calls this for every code in every document (4,000 times on W2). Null when the ranges are
 * not sorted and apart: the general sweep handles (and checks) any units.
 *
 * With c of the m coders coding a stretch of d characters and g = m - c in a gap: l(1,1) gains
 * d(c^2 - c), its row d(cm - c), l(1,gap) d c g, l(gap,gap) d g(g - 1) and the gap's row d g(m - 1),
 * exactly what the general sweep adds with one unit per coding coder.
 */
export function binaryIngredients(length: number, rangesByCoder: readonly (readonly { readonly start: number; readonly end: number }[])[]): AlphaIngredients | null {
  if (!sortedApart(length, rangesByCoder)) return null;
  const m = rangesByCoder.length;
  // Scratch arrays (see zeros): new typed arrays per call cost more than the sweep itself.
  const next = zeros(14, m);
  const coding = zeros(15, m);
  // The part of each coder's current unit that another coder also coded.
  const pairable = zeros(16, m);
  let row = 0;
  let diagonal = 0;
  let withGap = 0;
  let gapRow = 0;
  let gapDiagonal = 0;
  let gapSquares = 0;
  let squares = 0;
  let pairableSquares = 0;
  for (const ranges of rangesByCoder) for (const r of ranges) squares += (r.end - r.start) ** 2;
  let position = 0;
  while (position < length) {
    let c = 0;
    let until = length;
    for (let i = 0; i < m; i++) {
      const ranges = rangesByCoder[i] as readonly { readonly start: number; readonly end: number }[];
      let k = next[i] as number;
      // Ranges over by now (an empty one at this position among them).
      while (k < ranges.length && (ranges[k] as { end: number }).end <= position) k++;
      next[i] = k;
      const r = ranges[k];
      if (r && r.start <= position) {
        c++;
        coding[i] = 1;
        if (r.end < until) until = r.end;
      } else {
        coding[i] = 0;
        if (r && r.start < until) until = r.start;
      }
    }
    const d = until - position;
    const g = m - c;
    diagonal += d * (c * c - c);
    row += d * (c * m - c);
    withGap += d * c * g;
    gapDiagonal += d * g * (g - 1);
    gapRow += d * g * (m - 1);
    gapSquares += d * g;
    for (let i = 0; i < m; i++) {
      if (!coding[i]) continue;
      if (c >= 2) pairable[i] = (pairable[i] as number) + d;
      const r = (rangesByCoder[i] as readonly { readonly end: number }[])[next[i] as number];
      if (r && r.end === until) {
        pairableSquares += (pairable[i] as number) ** 2;
        pairable[i] = 0;
        next[i] = (next[i] as number) + 1;
      }
    }
    position = until;
  }
  return {
    pairScale: Math.max(0, m - 1),
    gap: { row: gapRow, diagonal: gapDiagonal, squares: gapSquares },
    values: [{ row, diagonal, withGap, squares, pairableSquares }],
  };
}

/**
 * 1 - D_o / D_e from pair counts, with D_e = l.. (l..^2 - sum_c l(c.)^2) / (l..^2 - T), the
 * README's e(c,k) summed off the diagonal. Null when undefined: a single coder, nothing pairable,
 * a single value in use (no expected disagreement), or no pairs outside single units.
 */
function alphaFromPairs(
  pairScale: number,
  observed: number,
  total: number,
  marginals: readonly number[],
  selfPairs: number,
): number | null {
  if (pairScale < 1 || total <= 0) return null;
  const spread = total * total - marginals.reduce((sum, p) => sum + p * p, 0);
  const pairsApart = total * total - pairScale * pairScale * selfPairs;
  if (spread <= 0 || pairsApart <= 0) return null;
  return 1 - (observed * pairsApart) / (total * spread);
}

/** u-alpha: agreement on both the units and their values, gaps included. */
export function uAlpha(ingredients: AlphaIngredients): number | null {
  const { pairScale, gap, values } = ingredients;
  let observed = gap.row - gap.diagonal;
  let total = gap.row;
  let selfPairs = gap.squares;
  for (const value of values) {
    observed += value.row - value.diagonal;
    total += value.row;
    selfPairs += value.squares;
  }
  return alphaFromPairs(pairScale, observed, total, [gap.row, ...values.map((value) => value.row)], selfPairs);
}

/** Binary u-alpha (ATLAS.ti's alpha-binary): every value collapsed into "coded", against the gaps. */
export function binaryUAlpha(ingredients: AlphaIngredients): number | null {
  const { pairScale, gap, values } = ingredients;
  let coded = 0;
  let codedWithGap = 0;
  let selfPairs = gap.squares;
  for (const value of values) {
    coded += value.row;
    codedWithGap += value.withGap;
    selfPairs += value.squares;
  }
  return alphaFromPairs(pairScale, 2 * codedWithGap, gap.row + coded, [gap.row, coded], selfPairs);
}

/**
 * cu-alpha: agreement on the values where coders both coded something, gaps left out. T*(c) takes
 * the README literally: p is the part of a unit that at least one other coder coded. For two
 * coders that is exactly the unit's share of l*(c.); for more it can exceed it, and where that
 * drives l*..^2 - T* to zero or below the coefficient is undefined (null) rather than a number
 * outside any meaningful range.
 */
export function cuAlpha(ingredients: AlphaIngredients): number | null {
  const { pairScale, values } = ingredients;
  let observed = 0;
  let total = 0;
  let selfPairs = 0;
  const marginals: number[] = [];
  for (const value of values) {
    const coded = value.row - value.withGap;
    marginals.push(coded);
    observed += coded - value.diagonal;
    total += coded;
    selfPairs += value.pairableSquares;
  }
  return alphaFromPairs(pairScale, observed, total, marginals, selfPairs);
}
