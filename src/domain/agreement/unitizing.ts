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
import type { CharacterCounts } from './coverage';

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
 * The ingredients of several parts of a continuum together, as addIngredients adds them one by one
 * from emptyIngredients (the same sums in the same order), without a new sum per part: a report
 * pools a code or a domain over every document (1,200 of them on W3).
 */
export function sumIngredients(coderCount: number, valueCount: number, parts: readonly AlphaIngredients[]): AlphaIngredients {
  const pairScale = Math.max(0, coderCount - 1);
  const gap = { row: 0, diagonal: 0, squares: 0 };
  const values = Array.from({ length: valueCount }, () => ({ row: 0, diagonal: 0, withGap: 0, squares: 0, pairableSquares: 0 }));
  for (const part of parts) {
    assert(part.pairScale === pairScale && part.values.length === valueCount, 'ingredients of the same coders and values');
    gap.row += part.gap.row;
    gap.diagonal += part.gap.diagonal;
    gap.squares += part.gap.squares;
    for (let v = 0; v < valueCount; v++) {
      const x = values[v] as { row: number; diagonal: number; withGap: number; squares: number; pairableSquares: number };
      const y = part.values[v] as ValueIngredients;
      x.row += y.row;
      x.diagonal += y.diagonal;
      x.withGap += y.withGap;
      x.squares += y.squares;
      x.pairableSquares += y.pairableSquares;
    }
  }
  return { pairScale, gap, values };
}

/**
 * Scratch arrays of the two sweeps (apartFigures, sweepIngredients), kept between calls: a report
 * sweeps every code and domain in every document (tens of thousands of times), and a dozen new typed
 * arrays per call kept the garbage collector busier than the computation. `zeros(slot, n)`: the
 * slot's array, at least n long, its first n entries 0. Never used across calls (the sweeps are
 * synchronous and not re-entered; apartFigures takes none before it knows it sweeps).
 */
const scratch: Float64Array[] = [];
/** sweepIngredients' lists of the units open per coder, and of the values seen in a stretch (kept as the arrays above). */
const activeLists: number[][] = [];
const touchedValues: number[] = [];

function zeros(slot: number, n: number): Float64Array {
  let a = scratch[slot];
  if (!a || a.length < n) scratch[slot] = a = new Float64Array(Math.max(64, n, 2 * (a?.length ?? 0)));
  a.fill(0, 0, n);
  return a;
}

/** Each value's sums, out of the scratch arrays (a loop: Array.from with a function costs more). */
function valuesOf(valueCount: number, row: Float64Array, diagonal: Float64Array, withGap: Float64Array, squares: Float64Array, pairableSquares: Float64Array): ValueIngredients[] {
  const values: ValueIngredients[] = [];
  for (let v = 0; v < valueCount; v++)
    values.push({ row: row[v] as number, diagonal: diagonal[v] as number, withGap: withGap[v] as number, squares: squares[v] as number, pairableSquares: pairableSquares[v] as number });
  return values;
}

/**
 * The coincidence ingredients of `unitsByCoder` (one list per coder) on [0, length). A coder's
 * units should not overlap (the model assumes a partition); where they do, every pair of units of
 * different coders still counts its common length, so the numbers stay defined. Units sorted and
 * apart per coder take the faster sweep (apartFigures); any others the general one.
 */
export function unitizingIngredients(
  length: number,
  unitsByCoder: readonly (readonly ValuedRange[])[],
  valueCount: number,
): AlphaIngredients {
  return apartFigures(length, unitsByCoder, valueCount)?.ingredients ?? sweepIngredients(length, unitsByCoder, valueCount);
}

/**
 * unitizingIngredients by the general sweep, for any units (overlapping ones too), which it checks:
 * every boundary sorted, and the units open between two boundaries counted per coder and value.
 */
export function sweepIngredients(length: number, unitsByCoder: readonly (readonly ValuedRange[])[], valueCount: number): AlphaIngredients {
  const m = unitsByCoder.length;
  // The non-empty units, field by field in scratch arrays (not an object each: a report makes
  // this sweep for every domain in every document, with hundreds of units each).
  let total = 0;
  for (const coderUnits of unitsByCoder) total += coderUnits.length;
  const unitCoder = zeros(18, total);
  const unitStart = zeros(19, total);
  const unitEnd = zeros(20, total);
  const unitValue = zeros(21, total);
  let U = 0;
  for (let coder = 0; coder < m; coder++) {
    for (const unit of unitsByCoder[coder] as readonly ValuedRange[]) {
      const { start, end, value } = unit;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= length)) assert(false, `unit [${start}, ${end}) lies inside [0, ${length})`);
      if (!(Number.isInteger(value) && value >= 0 && value < valueCount)) assert(false, `value ${value} is known`);
      if (end <= start) continue;
      unitCoder[U] = coder;
      unitStart[U] = start;
      unitEnd[U] = end;
      unitValue[U] = value;
      U++;
    }
  }
  // Boundaries as numbers that sort by position, closes before opens, then unit id:
  // (position * 2 + (1 for an open)) * U + id. Sorting plain numbers is several times faster than
  // sorting with a comparator, and an agreement report does this for every code in every document.
  const keys = zeros(0, 2 * U).subarray(0, 2 * U);
  for (let id = 0; id < U; id++) {
    keys[2 * id] = ((unitStart[id] as number) * 2 + 1) * U + id;
    keys[2 * id + 1] = (unitEnd[id] as number) * 2 * U + id;
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
  const pairable = zeros(6, U);
  let gapRow = 0;
  let gapDiagonal = 0;
  let gapSquares = 0;

  // Per coder, the ids of its units open in this stretch (scratch lists, emptied here).
  while (activeLists.length < m) activeLists.push([]);
  const active = activeLists;
  for (let i = 0; i < m; i++) (active[i] as number[]).length = 0;
  const coderValueCount = zeros(7, m * valueCount);
  // Per stretch, per value: N_v (units of all coders), sum_i n_iv^2 and sum_i n_iv * n_i.
  const valueUnits = zeros(8, valueCount);
  const valueSquares = zeros(9, valueCount);
  const valueCross = zeros(10, valueCount);
  // 0: not seen in any stretch yet (stamps start at 1).
  const seenStamp = zeros(11, valueCount);
  let stamp = 0;
  const touched = touchedValues;

  let position = 0;
  let e = 0;
  while (position < length) {
    for (; e < 2 * U; e++) {
      const event = events[e] as number;
      if (positions[e] !== position) break;
      const id = event >= 0 ? event : ~event;
      const coder = unitCoder[id] as number;
      const coderActive = active[coder] as number[];
      const slot = coder * valueCount + (unitValue[id] as number);
      if (event >= 0) {
        coderActive.push(id);
        coderValueCount[slot] = (coderValueCount[slot] as number) + 1;
      } else {
        coderActive.splice(coderActive.indexOf(id), 1);
        coderValueCount[slot] = (coderValueCount[slot] as number) - 1;
      }
    }
    const next = e < 2 * U ? Math.min(positions[e] as number, length) : length;
    if (next > position) {
      // The stretch [position, next): every coder's values are the same throughout.
      const d = next - position;
      let gapCoders = 0;
      let all = 0;
      let coding = 0;
      touched.length = 0;
      for (let i = 0; i < m; i++) {
        const coderActive = active[i] as number[];
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
          const v = unitValue[id] as number;
          if (seenStamp[v] === stamp) continue;
          seenStamp[v] = stamp;
          const niv = coderValueCount[i * valueCount + v] as number;
          if (valueUnits[v] === 0) touched.push(v);
          valueUnits[v] = (valueUnits[v] as number) + niv;
          valueSquares[v] = (valueSquares[v] as number) + niv * niv;
          valueCross[v] = (valueCross[v] as number) + niv * ni;
        }
      }
      for (const v of touched) {
        const nv = valueUnits[v] as number;
        diagonal[v] = (diagonal[v] as number) + d * (nv * nv - (valueSquares[v] as number));
        row[v] = (row[v] as number) + d * (nv * all - (valueCross[v] as number));
        withGap[v] = (withGap[v] as number) + d * nv * gapCoders;
        valueUnits[v] = 0;
        valueSquares[v] = 0;
        valueCross[v] = 0;
      }
      gapDiagonal += d * gapCoders * (gapCoders - 1);
      gapRow += d * gapCoders * (all - 1);
      gapSquares += d * gapCoders;
      // p: the stretch counts for every unit here when at least one other coder codes it too.
      if (coding >= 2) for (let i = 0; i < m; i++) for (const id of active[i] as number[]) pairable[id] = (pairable[id] as number) + d;
    }
    position = next;
  }

  const pairableSquares = zeros(12, valueCount);
  for (let id = 0; id < U; id++) {
    const v = unitValue[id] as number;
    squares[v] = (squares[v] as number) + ((unitEnd[id] as number) - (unitStart[id] as number)) ** 2;
    pairableSquares[v] = (pairableSquares[v] as number) + (pairable[id] as number) ** 2;
  }
  return {
    pairScale: Math.max(0, m - 1),
    gap: { row: gapRow, diagonal: gapDiagonal, squares: gapSquares },
    values: valuesOf(valueCount, row, diagonal, withGap, squares, pairableSquares),
  };
}

/** A unit of the sweep for units apart: a range and its value, 0 when it has none (one value against the gaps). */
type ApartUnit = { readonly start: number; readonly end: number; readonly value?: number };

/**
 * Whether each coder's units are sorted, apart (touching at most), inside [0, length) and of a
 * known value.
 */
function sortedApart(length: number, unitsByCoder: readonly (readonly ApartUnit[])[], valueCount: number): boolean {
  for (const units of unitsByCoder) {
    let reach = 0;
    for (const r of units) {
      if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < reach || r.end < r.start || r.end > length) return false;
      const value = r.value ?? 0;
      if (!Number.isInteger(value) || value < 0 || value >= valueCount) return false;
      reach = r.end;
    }
  }
  return true;
}

/**
 * unitizingIngredients of one value (a code against the gaps, as every code of a report is), for
 * coders whose ranges are sorted and apart, as mergeRanges gives them (see apartFigures). Null when
 * they are not: the general sweep handles (and checks) any units.
 */
export function binaryIngredients(length: number, rangesByCoder: readonly (readonly { readonly start: number; readonly end: number }[])[]): AlphaIngredients | null {
  return apartFigures(length, rangesByCoder, 1)?.ingredients ?? null;
}

/** What one sweep of units apart gives: their ingredients and the character counts of the same stretches. */
export interface ApartFigures {
  readonly ingredients: AlphaIngredients;
  /**
   * `countCharacters(length, unitsByCoder, m)`: the characters coded by every coder, by none, and
   * by the first or the second alone (whatever the values).
   */
  readonly counts: CharacterCounts;
}

/**
 * unitizingIngredients, and the character counts, of coders whose units are sorted and apart
 * (each coder codes a character once at most, as the model assumes): the same sums, by merging the
 * coders' sorted lists instead of sorting every boundary, with nothing allocated per unit. A report
 * calls this for every code and every domain in every document (52,800 times on W3), and a code's
 * counts come from the same stretches as its alphas. Null when the units are not sorted and apart,
 * or not inside [0, length), or of an unknown value: the general sweep handles (and checks) any.
 *
 * In a stretch of d characters where n_v of the m coders code value v and g = m - sum n_v are in a
 * gap: l(v,v) gains d(n_v^2 - n_v), v's row d(n_v m - n_v), l(v,gap) d n_v g, l(gap,gap) d g(g - 1)
 * and the gap's row d g(m - 1): exactly what the general sweep adds with one unit per coding coder.
 */
export function apartFigures(length: number, unitsByCoder: readonly (readonly ApartUnit[])[], valueCount: number): ApartFigures | null {
  if (!sortedApart(length, unitsByCoder, valueCount)) return null;
  const m = unitsByCoder.length;
  // Scratch arrays (see zeros): new typed arrays per call cost more than the sweep itself.
  const next = zeros(14, m);
  // Per coder: 1 + the value of its unit in this stretch, 0 in a gap.
  const coding = zeros(15, m);
  // The part of each coder's current unit that another coder also coded.
  const pairable = zeros(16, m);
  // Per value: how many coders code it in this stretch.
  const coders = zeros(17, valueCount);
  const row = zeros(2, valueCount);
  const diagonal = zeros(3, valueCount);
  const withGap = zeros(4, valueCount);
  const squares = zeros(5, valueCount);
  const pairableSquares = zeros(6, valueCount);
  let gapRow = 0;
  let gapDiagonal = 0;
  let gapSquares = 0;
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  for (const units of unitsByCoder) for (const r of units) squares[r.value ?? 0] = (squares[r.value ?? 0] as number) + (r.end - r.start) ** 2;
  let position = 0;
  while (position < length) {
    let c = 0;
    let until = length;
    for (let i = 0; i < m; i++) {
      const units = unitsByCoder[i] as readonly ApartUnit[];
      let k = next[i] as number;
      // Units over by now (an empty one at this position among them).
      while (k < units.length && (units[k] as ApartUnit).end <= position) k++;
      next[i] = k;
      const r = units[k];
      if (r && r.start <= position) {
        c++;
        const v = r.value ?? 0;
        coding[i] = 1 + v;
        coders[v] = (coders[v] as number) + 1;
        if (r.end < until) until = r.end;
      } else {
        coding[i] = 0;
        if (r && r.start < until) until = r.start;
      }
    }
    const d = until - position;
    const g = m - c;
    if (c > 0) {
      for (let i = 0; i < m; i++) {
        const v = (coding[i] as number) - 1;
        const n = coders[v];
        // Each value once: its count is cleared once added.
        if (v < 0 || !n) continue;
        diagonal[v] = (diagonal[v] as number) + d * (n * n - n);
        row[v] = (row[v] as number) + d * (n * m - n);
        withGap[v] = (withGap[v] as number) + d * n * g;
        coders[v] = 0;
      }
    }
    gapDiagonal += d * g * (g - 1);
    gapRow += d * g * (m - 1);
    gapSquares += d * g;
    // As countCharacters: nobody, then everybody, then the first or the second coder alone.
    if (c === 0) neither += d;
    else if (c === m) both += d;
    else if (c === 1 && coding[0]) onlyA += d;
    else if (c === 1 && coding[1]) onlyB += d;
    for (let i = 0; i < m; i++) {
      if (!coding[i]) continue;
      if (c >= 2) pairable[i] = (pairable[i] as number) + d;
      const r = (unitsByCoder[i] as readonly ApartUnit[])[next[i] as number];
      if (r && r.end === until) {
        const v = r.value ?? 0;
        pairableSquares[v] = (pairableSquares[v] as number) + (pairable[i] as number) ** 2;
        pairable[i] = 0;
        next[i] = (next[i] as number) + 1;
      }
    }
    position = until;
  }
  return {
    ingredients: {
      pairScale: Math.max(0, m - 1),
      gap: { row: gapRow, diagonal: gapDiagonal, squares: gapSquares },
      values: valuesOf(valueCount, row, diagonal, withGap, squares, pairableSquares),
    },
    counts: { both, onlyA, onlyB, neither },
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
