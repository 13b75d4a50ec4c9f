/**
 * Which coders cover which characters: a sweep over the boundaries of each coder's ranges,
 * producing maximal pieces of [0, length) with the same set of coders. Offsets are UTF-16 code
 * units, half-open. Cost O(n log n) in the number of ranges plus the pieces times the coders.
 */
import { assert } from '../assert';
import type { TextRange } from '../ranges';

export interface CoveragePiece {
  readonly start: number;
  readonly end: number;
  /** Indices of the coders covering the piece, ascending; empty where nobody does. */
  readonly coders: readonly number[];
}

/**
 * Pieces covering [0, length) exactly, in text order, each maximal: neighbours differ in their
 * coders. A coder's ranges may overlap or touch each other.
 */
export function coverage(length: number, rangesByCoder: readonly (readonly TextRange[])[]): CoveragePiece[] {
  const events: { at: number; coder: number; delta: 1 | -1 }[] = [];
  rangesByCoder.forEach((ranges, coder) => {
    for (const range of ranges) {
      assert(range.start >= 0 && range.end <= length, () => `range [${range.start}, ${range.end}) lies inside [0, ${length})`);
      if (range.end <= range.start) continue;
      events.push({ at: range.start, coder, delta: 1 }, { at: range.end, coder, delta: -1 });
    }
  });
  events.sort((a, b) => a.at - b.at);

  const depth = new Int32Array(rangesByCoder.length);
  const pieces: CoveragePiece[] = [];
  let position = 0;
  let e = 0;
  while (position < length) {
    for (; e < events.length && events[e]?.at === position; e++) {
      const event = events[e];
      if (event) depth[event.coder] = (depth[event.coder] ?? 0) + event.delta;
    }
    const next = Math.min(events[e]?.at ?? length, length);
    const coders: number[] = [];
    depth.forEach((count, coder) => {
      if (count > 0) coders.push(coder);
    });
    const last = pieces[pieces.length - 1];
    if (last && sameCoders(last.coders, coders)) pieces[pieces.length - 1] = { ...last, end: next };
    else pieces.push({ start: position, end: next, coders });
    position = next;
  }
  return pieces;
}

function sameCoders(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((coder, i) => coder === b[i]);
}

/**
 * Character counts of a coverage: `both` covered by every coder, `neither` by none, `onlyA` by
 * the first coder and no other, `onlyB` by the second and no other. For two coders the four add
 * up to the length.
 */
export interface CharacterCounts {
  readonly both: number;
  readonly onlyA: number;
  readonly onlyB: number;
  readonly neither: number;
}

export function characterCounts(pieces: readonly CoveragePiece[], coderCount: number): CharacterCounts {
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  for (const piece of pieces) {
    const length = piece.end - piece.start;
    const { coders } = piece;
    if (coders.length === 0) neither += length;
    else if (coders.length === coderCount) both += length;
    else if (coders.length === 1 && coders[0] === 0) onlyA += length;
    else if (coders.length === 1 && coders[0] === 1) onlyB += length;
  }
  return { both, onlyA, onlyB, neither };
}

/**
 * The same as `characterCounts(coverage(length, rangesByCoder), coderCount)`, without building
 * the pieces: an agreement report asks this for every code in every document (thousands of times
 * on a large project), so it sorts plain numbers and allocates nothing per piece.
 */
export function countCharacters(length: number, rangesByCoder: readonly (readonly TextRange[])[], coderCount: number): CharacterCounts {
  const m = rangesByCoder.length;
  let n = 0;
  for (const ranges of rangesByCoder) n += ranges.length;
  if (n === 0) return { both: 0, onlyA: 0, onlyB: 0, neither: length };
  // An event is position * 2m + coder * 2 + (1 for a start, 0 for an end): sorted as numbers, by
  // position, and at one position the ends (which only lower depths) do not matter before starts
  // since nothing is counted between events at the same position.
  const events = new Float64Array(2 * n);
  let e = 0;
  rangesByCoder.forEach((ranges, coder) => {
    for (const range of ranges) {
      assert(range.start >= 0 && range.end <= length, () => `range [${range.start}, ${range.end}) lies inside [0, ${length})`);
      if (range.end <= range.start) continue;
      events[e++] = range.start * 2 * m + coder * 2 + 1;
      events[e++] = range.end * 2 * m + coder * 2;
    }
  });
  const sorted = events.subarray(0, e).sort();
  const depth = new Int32Array(m);
  let covering = 0;
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  let position = 0;
  const count = (upTo: number) => {
    const d = upTo - position;
    if (d <= 0) return;
    if (covering === 0) neither += d;
    else if (covering === coderCount) both += d;
    else if (covering === 1 && (depth[0] ?? 0) > 0) onlyA += d;
    else if (covering === 1 && (depth[1] ?? 0) > 0) onlyB += d;
    position = upTo;
  };
  for (let i = 0; i < sorted.length; i++) {
    const event = sorted[i] as number;
    const at = Math.floor(event / (2 * m));
    const rest = event - at * 2 * m;
    const coder = rest >> 1;
    count(Math.min(at, length));
    const before = depth[coder] as number;
    const after = rest & 1 ? before + 1 : before - 1;
    depth[coder] = after;
    if (before === 0 && after > 0) covering++;
    else if (before > 0 && after === 0) covering--;
  }
  count(length);
  return { both, onlyA, onlyB, neither };
}
