/**
 * For tests only: the README's unitizing formulas taken literally, character by character, with
 * full coincidence and expected matrices. Slow on purpose and independent of the sweep in
 * `unitizing.ts`, which the tests compare against it.
 */

/** A coder's unit with a value name. */
export interface NamedUnit {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

const GAP = '\u2205';

type Matrix = Map<string, Map<string, number>>;

const get = (matrix: Matrix, c: string, k: string): number => matrix.get(c)?.get(k) ?? 0;
function add(matrix: Matrix, c: string, k: string, amount: number): void {
  const row = matrix.get(c) ?? new Map<string, number>();
  row.set(k, (row.get(k) ?? 0) + amount);
  matrix.set(c, row);
}

export interface BruteForceAlphas {
  /** l(c,k), gap included (its key is exported as GAP_KEY). */
  readonly coincidences: Matrix;
  /** T(c), gap included. */
  readonly squares: Map<string, number>;
  /** T*(c), codes only. */
  readonly pairableSquares: Map<string, number>;
  readonly uAlpha: number | null;
  readonly binaryUAlpha: number | null;
  readonly cuAlpha: number | null;
}

export const GAP_KEY = GAP;

/** alpha = 1 - (l.. - sum l(c,c)) / (l.. - sum e(c,c)) over `values`, e from the README. */
function alphaOf(l: Matrix, values: readonly string[], t: ReadonlyMap<string, number>): number | null {
  let total = 0;
  let diagonal = 0;
  const marginal = new Map<string, number>();
  for (const c of values) {
    let row = 0;
    for (const k of values) row += get(l, c, k);
    marginal.set(c, row);
    total += row;
    diagonal += get(l, c, c);
  }
  let tSum = 0;
  for (const c of values) tSum += t.get(c) ?? 0;
  const denominator = total * total - tSum;
  // A non-positive l..^2 - T leaves the expected coincidences meaningless: undefined, as in unitizing.ts.
  if (total <= 0 || denominator < 1e-9 * total * total) return null;
  let expectedDiagonal = 0;
  for (const c of values) expectedDiagonal += (total * ((marginal.get(c) ?? 0) ** 2 - (t.get(c) ?? 0))) / denominator;
  const expected = total - expectedDiagonal;
  if (Math.abs(expected) < 1e-9 * total) return null;
  return 1 - (total - diagonal) / expected;
}

export function bruteForceAlphas(length: number, unitsByCoder: readonly (readonly NamedUnit[])[]): BruteForceAlphas {
  const m = unitsByCoder.length;
  const valuesAt = (coder: number, x: number): string[] => {
    const here = (unitsByCoder[coder] ?? []).filter((unit) => unit.start <= x && x < unit.end).map((unit) => unit.value);
    return here.length > 0 ? here : [GAP];
  };
  const l: Matrix = new Map();
  const binary: Matrix = new Map();
  const collapse = (value: string): string => (value === GAP ? GAP : 'coded');
  for (let x = 0; x < length; x++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        for (const c of valuesAt(i, x)) {
          for (const k of valuesAt(j, x)) {
            add(l, c, k, 1 / (m - 1));
            add(binary, collapse(c), collapse(k), 1 / (m - 1));
          }
        }
      }
    }
  }

  const squares = new Map<string, number>();
  const pairableSquares = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string, amount: number) => map.set(key, (map.get(key) ?? 0) + amount);
  unitsByCoder.forEach((units, i) => {
    for (const unit of units) {
      if (unit.end <= unit.start) continue;
      bump(squares, unit.value, (unit.end - unit.start) ** 2);
      let p = 0;
      for (let x = unit.start; x < unit.end; x++) {
        if (unitsByCoder.some((other, j) => j !== i && other.some((h) => h.start <= x && x < h.end))) p++;
      }
      bump(pairableSquares, unit.value, p * p);
    }
    for (let x = 0; x < length; x++) if (valuesAt(i, x)[0] === GAP) bump(squares, GAP, 1);
  });

  const codes = [...new Set(unitsByCoder.flat().filter((unit) => unit.end > unit.start).map((unit) => unit.value))];
  const binarySquares = new Map<string, number>([
    [GAP, squares.get(GAP) ?? 0],
    ['coded', codes.reduce((sum, c) => sum + (squares.get(c) ?? 0), 0)],
  ]);
  return {
    coincidences: l,
    squares,
    pairableSquares,
    uAlpha: m < 2 ? null : alphaOf(l, [GAP, ...codes], squares),
    binaryUAlpha: m < 2 ? null : alphaOf(binary, [GAP, 'coded'], binarySquares),
    cuAlpha: m < 2 ? null : alphaOf(l, codes, pairableSquares),
  };
}
