/**
 * Words in document text, for the "words coded" count of a matrix.
 *
 * A word is a maximal run of letters, digits and combining marks (Unicode \p{L}, \p{N}, \p{M}),
 * which may be joined inside by a single apostrophe (' or ’) or hyphen between two such runs:
 * "zo'n", "ouder-kindgesprek" and "COVID-19" are one word each; "--" or a lone "'" is none.
 *
 * A word counts as coded when at least one of its characters lies inside the covered ranges:
 * a segment that starts or ends in the middle of a word still counts that whole word once.
 */
import { mergeRanges, type TextRange } from '../ranges';

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;

/** The [start, end) of every word of `text`, in text order, as pairs in one flat array. */
export function wordSpans(text: string): Int32Array {
  const spans: number[] = [];
  for (const m of text.matchAll(WORD)) spans.push(m.index, m.index + m[0].length);
  return Int32Array.from(spans);
}

const cache = new WeakMap<object, Int32Array>();

/** wordSpans cached per owner object (e.g. a stored DocumentText), so recomputing is cheap. */
export function cachedWordSpans(owner: object, text: string): Int32Array {
  let spans = cache.get(owner);
  if (!spans) {
    spans = wordSpans(text);
    cache.set(owner, spans);
  }
  return spans;
}

/** The number of words in `text`. */
export function countWords(text: string): number {
  return wordSpans(text).length / 2;
}

/**
 * The number of words (from wordSpans) with at least one character in the union of `ranges`;
 * a word touched by several ranges counts once.
 */
export function wordsCovered(spans: Int32Array, ranges: readonly TextRange[]): number {
  const n = spans.length / 2;
  let count = 0;
  let lastCounted = -1;
  // Touching ranges joined: only which characters are covered matters, and fewer ranges to walk.
  for (const r of mergeRanges(ranges, { touching: 'join' })) {
    // First word whose end lies after r.start.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((spans[mid * 2 + 1] ?? 0) > r.start) hi = mid;
      else lo = mid + 1;
    }
    for (let i = Math.max(lo, lastCounted + 1); i < n && (spans[i * 2] ?? 0) < r.end; i++) {
      count++;
      lastCounted = i;
    }
  }
  return count;
}
