/**
 * Range maths on document text. Offsets are UTF-16 code units (JavaScript string indices),
 * half-open: a range covers text.slice(start, end). Two ranges overlap only when they share at
 * least one code unit, so [0, 5) and [5, 9) merely touch, and an empty range overlaps nothing.
 */
import { assert } from './assert';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A range with the key of what it stands for (a segment or coding GUID, say). */
export interface KeyedRange<K = string> extends TextRange {
  readonly key: K;
}

export interface Piece<K = string> extends TextRange {
  /** The keys of the ranges covering this piece, in the order those ranges start. */
  readonly keys: K[];
}

function assertRange(range: TextRange): void {
  assert(
    Number.isInteger(range.start) && Number.isInteger(range.end) && range.start >= 0 && range.start <= range.end,
    () => `range [${range.start}, ${range.end}) has integer bounds 0 <= start <= end`,
  );
}

const isWhitespace = (char: string | undefined): boolean => char !== undefined && /\s/.test(char);
const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
/** Whether offset `at` falls between the two halves of a surrogate pair (inside one emoji, say). */
const splitsPair = (text: string, at: number): boolean =>
  at > 0 && at < text.length && isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at));

/**
 * The selection [start, end) of `text` without leading and trailing whitespace, or null when
 * nothing but whitespace is selected. A backward selection (start > end) is turned round,
 * offsets are clamped to the text, and a bound inside a surrogate pair widens to the whole pair.
 */
export function normalizeSelection(text: string, start: number, end: number): TextRange | null {
  let from = Math.max(0, Math.min(start, end, text.length));
  let to = Math.min(text.length, Math.max(start, end, 0));
  while (from < to && isWhitespace(text[from])) from++;
  while (to > from && isWhitespace(text[to - 1])) to--;
  if (from >= to) return null;
  if (splitsPair(text, from)) from--;
  if (splitsPair(text, to)) to++;
  return { start: from, end: to };
}

/** Whether `a` and `b` share at least one code unit. */
export function overlaps(a: TextRange, b: TextRange): boolean {
  return Math.max(a.start, b.start) < Math.min(a.end, b.end);
}

/** The number of code units `a` and `b` share. */
export function intersectionLength(a: TextRange, b: TextRange): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * What a union does with two ranges that touch without sharing a code unit, such as [0, 5) and
 * [5, 9). Both choices cover exactly the same code units; they differ in how many ranges say so.
 * - `'join'`: one range [0, 9). For coverage, where only which code units are covered counts:
 *   character and word counts, passages of a query, the stretches a coder coded.
 * - `'keep'`: two ranges. For when each range stands for a unit of its own, so that two units side
 *   by side do not become one long unit: Krippendorff's unitizing, segments made from search hits.
 */
export type TouchingRanges = 'join' | 'keep';

/**
 * The union of `ranges` as sorted, disjoint, non-empty ranges covering exactly the code units the
 * input covers: ranges sharing a code unit become one, ranges that touch are joined or kept apart
 * as `touching` says (there is no default: each caller states its choice), empty ranges are
 * dropped. The input may come in any order and is not changed. O(n log n); O(n) for input sorted
 * by start, which is not copied (an agreement report merges each coder's sorted ranges of every code
 * in every document).
 */
export function mergeRanges(ranges: readonly TextRange[], { touching }: { readonly touching: TouchingRanges }): TextRange[] {
  // In order: every start a number, none before the one ahead of it.
  let inOrder = true;
  for (let i = 1; i < ranges.length && inOrder; i++) inOrder = (ranges[i - 1] as TextRange).start <= (ranges[i] as TextRange).start;
  const sorted = inOrder ? ranges : ranges.filter((range) => range.end > range.start).sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const range of sorted) {
    // Empty ranges cover nothing (and would otherwise start a range of their own); nor does one
    // whose end is not a number.
    if (!(range.end > range.start)) continue;
    const last = merged[merged.length - 1];
    if (last && (range.start < last.end || (touching === 'join' && range.start === last.end))) last.end = Math.max(last.end, range.end);
    else merged.push({ start: range.start, end: range.end });
  }
  return merged;
}

/**
 * The ranges covered by both of two sorted lists of disjoint ranges (as mergeRanges gives, with
 * either touching rule). A touching pair in one list stays apart in the result.
 */
export function intersectRanges(a: readonly TextRange[], b: readonly TextRange[]): TextRange[] {
  const out: TextRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as TextRange;
    const y = b[j] as TextRange;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** The number of code units covered by at least one of `ranges`. */
export function coveredLength(ranges: readonly TextRange[]): number {
  // Either touching rule gives the same length; joining gives fewer ranges to add up.
  return mergeRanges(ranges, { touching: 'join' }).reduce((sum, range) => sum + range.end - range.start, 0);
}

/**
 * Splits overlapping ranges at every boundary into maximal pieces, each with the keys of the
 * ranges covering it, sorted by start. Uncovered gaps produce no piece; empty ranges are ignored;
 * a key given twice is listed once. O(n log n) for sorting plus the size of the output (which is
 * only large when many ranges nest, as every piece lists its keys).
 */
export function pieces<K = string>(segments: readonly KeyedRange<K>[]): Piece<K>[] {
  interface Boundary {
    readonly at: number;
    /** -1 closes a range, +1 opens one: at equal offsets ranges close first. */
    readonly delta: -1 | 1;
    readonly start: number;
    readonly index: number;
  }
  const boundaries: Boundary[] = [];
  segments.forEach((segment, index) => {
    assertRange(segment);
    if (segment.end === segment.start) return;
    boundaries.push({ at: segment.start, delta: 1, start: segment.start, index });
    boundaries.push({ at: segment.end, delta: -1, start: segment.start, index });
  });
  boundaries.sort((a, b) => a.at - b.at || a.delta - b.delta || a.start - b.start || a.index - b.index);

  // Active keys with how many open ranges carry each; a Map keeps them in the order they opened.
  const active = new Map<K, number>();
  const result: Piece<K>[] = [];
  let i = 0;
  while (i < boundaries.length) {
    const at = boundaries[i]?.at ?? 0;
    for (; i < boundaries.length && boundaries[i]?.at === at; i++) {
      const boundary = boundaries[i];
      const segment = boundary && segments[boundary.index];
      if (!boundary || !segment) continue;
      const count = (active.get(segment.key) ?? 0) + boundary.delta;
      if (count === 0) active.delete(segment.key);
      else active.set(segment.key, count);
    }
    const next = boundaries[i]?.at;
    if (next === undefined || active.size === 0) continue;
    const keys = [...active.keys()];
    const last = result[result.length - 1];
    // A key that closes and opens again at the same offset leaves the piece unchanged: extend it.
    if (last && last.end === at && sameKeys(last.keys, keys)) result[result.length - 1] = { ...last, end: next };
    else result.push({ start: at, end: next, keys });
  }
  return result;
}

/** Whether two key lists hold the same keys, whatever their order. */
function sameKeys<K>(a: readonly K[], b: readonly K[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((key) => set.has(key));
}

/** A binary min-heap on numbers, with the item attached. Small on purpose: only `lanes` uses it. */
class MinHeap<T> {
  private readonly items: { priority: number; value: T }[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): number | undefined {
    return this.items[0]?.priority;
  }

  push(priority: number, value: T): void {
    const items = this.items;
    items.push({ priority, value });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const [p, c] = [items[parent], items[i]];
      if (!p || !c || p.priority <= c.priority) break;
      [items[parent], items[i]] = [c, p];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!top || !last || items.length === 0) return top?.value;
    items[0] = last;
    let i = 0;
    for (;;) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let smallest = i;
      if ((items[l]?.priority ?? Infinity) < (items[smallest]?.priority ?? Infinity)) smallest = l;
      if ((items[r]?.priority ?? Infinity) < (items[smallest]?.priority ?? Infinity)) smallest = r;
      if (smallest === i) break;
      const [a, b] = [items[i], items[smallest]];
      if (!a || !b) break;
      [items[i], items[smallest]] = [b, a];
      i = smallest;
    }
    return top.value;
  }
}

/**
 * A lane (0, 1, 2, ...) per key for drawing margin bars side by side: each range takes the lowest
 * lane that no overlapping range holds, taking ranges by start, longer first. Greedy colouring of
 * an interval graph in start order, so it uses as few lanes as the deepest nesting. O(n log n).
 * Keys must be unique.
 */
export function lanes<K = string>(segments: readonly KeyedRange<K>[]): Map<K, number> {
  const order = segments
    .map((segment, index) => {
      assertRange(segment);
      return { segment, index };
    })
    .sort(
      (a, b) =>
        a.segment.start - b.segment.start ||
        b.segment.end - b.segment.start - (a.segment.end - a.segment.start) ||
        a.index - b.index,
    );
  const result = new Map<K, number>();
  const busy = new MinHeap<number>(); // lanes in use, by the end of the range holding them
  const free = new MinHeap<number>(); // lanes released, lowest first
  let laneCount = 0;
  for (const { segment } of order) {
    assert(!result.has(segment.key), `lane keys are unique (${String(segment.key)})`);
    while (busy.size > 0 && (busy.peek() ?? Infinity) <= segment.start) {
      const lane = busy.pop();
      if (lane !== undefined) free.push(lane, lane);
    }
    const lane = free.size > 0 ? (free.pop() ?? laneCount++) : laneCount++;
    result.set(segment.key, lane);
    busy.push(segment.end, lane);
  }
  return result;
}

/**
 * For each array given to `segmentsInRange`, the largest end among its first i + 1 ranges.
 * Computed once per array: the array is treated as immutable, as all domain data is.
 */
const reachCache = new WeakMap<readonly TextRange[], Float64Array>();

function reachOf(sortedByStart: readonly TextRange[]): Float64Array {
  let reach = reachCache.get(sortedByStart);
  if (reach) return reach;
  reach = new Float64Array(sortedByStart.length);
  let max = -Infinity;
  let previousStart = -Infinity;
  sortedByStart.forEach((range, i) => {
    assert(range.start >= previousStart, 'segmentsInRange is given ranges sorted by start');
    previousStart = range.start;
    max = Math.max(max, range.end);
    reach[i] = max;
  });
  reachCache.set(sortedByStart, reach);
  return reach;
}

/** The first index in [0, length) for which `isAfter` holds, or length; `isAfter` is monotone. */
function firstIndex(length: number, isAfter: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isAfter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The ranges of `sortedByStart` that overlap [start, end), in their given order. Binary search
 * on the starts and on the running maximum of ends (cached per array) bounds the scan, so a query
 * costs O(log n) plus the ranges between the first that reaches `start` and the last that starts
 * before `end`.
 */
export function segmentsInRange<T extends TextRange>(sortedByStart: readonly T[], start: number, end: number): T[] {
  if (end <= start || sortedByStart.length === 0) return [];
  const reach = reachOf(sortedByStart);
  const from = firstIndex(sortedByStart.length, (i) => (reach[i] ?? -Infinity) > start);
  const to = firstIndex(sortedByStart.length, (i) => (sortedByStart[i]?.start ?? Infinity) >= end);
  const result: T[] = [];
  for (let i = from; i < to; i++) {
    const range = sortedByStart[i];
    if (range && range.end > start && range.end > range.start) result.push(range);
  }
  return result;
}

export interface Context {
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

/** The ellipsis put where context was cut off. */
export const ELLIPSIS = '…';

/**
 * `text.slice(start, end)` with up to `chars` code units of context either side, for lists of
 * segments. A cut falls on whitespace where the window has some (so words stay whole), never
 * inside a surrogate pair, and is marked with "…". The text is not otherwise changed.
 */
export function contextAround(text: string, start: number, end: number, chars = 60): Context {
  assert(start >= 0 && start <= end && end <= text.length, () => `range [${start}, ${end}) lies inside the text`);
  const match = text.slice(start, end);

  let from = Math.max(0, start - chars);
  if (from > 0 && !isWhitespace(text[from - 1])) {
    // Mid-word: move to just after the first whitespace in the window, if there is any.
    for (let i = from; i < start; i++) {
      if (isWhitespace(text[i])) {
        from = i + 1;
        break;
      }
    }
  }
  if (splitsPair(text, from)) from++;
  let before = text.slice(from, start);
  if (from > 0) before = ELLIPSIS + before.trimStart();

  let to = Math.min(text.length, end + chars);
  if (to < text.length && !isWhitespace(text[to])) {
    for (let i = to - 1; i >= end; i--) {
      if (isWhitespace(text[i])) {
        to = i;
        break;
      }
    }
  }
  if (splitsPair(text, to)) to--;
  let after = text.slice(end, to);
  if (to < text.length) after = after.trimEnd() + ELLIPSIS;

  return { before, match, after };
}
