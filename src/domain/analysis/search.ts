/**
 * Text search over documents: plain text ignoring case and diacritics, or a regular expression.
 *
 * Hits are half-open ranges in UTF-16 code units of the ORIGINAL stored text (the JavaScript
 * string index), so that they can become segments as they are. Plain search runs on a folded copy
 * of the text and maps every folded code unit back to the code point it came from.
 */
import type { Guid } from '../model';

export type SearchMode = 'plain' | 'regex';

export interface SearchOptions {
  readonly mode: SearchMode;
  /** Only hits with no letter, digit or underscore right before or after them. */
  readonly wholeWord?: boolean;
  /** Regular expressions only: tell upper and lower case apart. Plain search always ignores case. */
  readonly caseSensitive?: boolean;
  /** Search stops after this many hits (all documents together); MAX_HITS when absent. */
  readonly maxHits?: number;
}

export interface SearchText {
  readonly documentGuid: Guid;
  readonly text: string;
}

export interface SearchHit {
  readonly documentGuid: Guid;
  /** UTF-16 code units of the original text, half-open. */
  readonly start: number;
  readonly end: number;
}

export type SearchOutcome =
  | { readonly ok: true; readonly hits: SearchHit[]; readonly truncated: boolean }
  /** `detail` is the message of JavaScript's RegExp constructor, e.g. "Unterminated group". */
  | { readonly ok: false; readonly reason: 'invalid-pattern'; readonly detail: string };

/**
 * A search stops here and says so: enough to code every mention of a word in a large project,
 * and a guard against a pattern such as "." that would list every character.
 */
export const MAX_HITS = 10_000;

const MARKS = /\p{M}/gu;
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}_]/u;
const COMBINING_MARK = /^\p{M}$/u;

/** Folded forms of non-ASCII code points: a transcript uses few distinct ones. */
const foldCache = new Map<string, string>();

/**
 * One code point folded: lower case, compatibility-decomposed (NFKD), combining marks removed;
 * a Greek final sigma is a sigma, as Unicode case folding has it.
 */
function foldCodePoint(cp: string): string {
  let folded = foldCache.get(cp);
  if (folded === undefined) {
    folded = cp === 'ς' ? 'σ' : cp.toLowerCase().normalize('NFKD').replace(MARKS, '');
    if (foldCache.size < 10_000) foldCache.set(cp, folded);
  }
  return folded;
}

/** A folded text with, for every folded code unit, the original code point's [start, end). */
export interface FoldedText {
  readonly folded: string;
  readonly origStart: Int32Array;
  readonly origEnd: Int32Array;
}

/**
 * `text` folded for plain search, code point by code point so that every folded unit maps back:
 * "É" and "e" + U+0301 both become "e", mapped to the whole original "É" or "e" + U+0301 (a
 * combining mark that folds away is added to the end of the character before it). Folding code
 * point by code point also keeps case context out (a Greek final sigma folds like any sigma), so
 * that a query folded the same way always finds its own text.
 */
export function foldText(text: string): FoldedText {
  const parts: string[] = [];
  // Folding rarely lengthens a text (a ligature or "½" does); twice its length is grown if need be.
  let starts: Int32Array = new Int32Array(text.length * 2 + 4);
  let ends: Int32Array = new Int32Array(text.length * 2 + 4);
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      // ASCII: nothing to decompose; letters to lower case.
      parts.push(c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i]!);
      starts[n] = i;
      ends[n] = i + 1;
      n++;
      i++;
      continue;
    }
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    const folded = foldCodePoint(text.slice(i, i + width));
    if (folded === '') {
      // A combining mark (or another character that folds to nothing): part of the one before.
      if (n > 0 && ends[n - 1] === i) ends[n - 1] = i + width;
    } else {
      if (n + folded.length > starts.length) {
        starts = enlarge(starts, n + folded.length);
        ends = enlarge(ends, n + folded.length);
      }
      parts.push(folded);
      for (let k = 0; k < folded.length; k++) {
        starts[n] = i;
        ends[n] = i + width;
        n++;
      }
    }
    i += width;
  }
  return { folded: parts.join(''), origStart: starts.subarray(0, n), origEnd: ends.subarray(0, n) };
}

function enlarge(a: Int32Array, need: number): Int32Array {
  const bigger = new Int32Array(Math.max(need, a.length * 2));
  bigger.set(a);
  return bigger;
}

/**
 * A query folded as foldText folds a text; leading and trailing whitespace dropped after folding,
 * so that a combining mark that folds away cannot keep whitespace behind it in the query.
 */
export function foldQuery(query: string): string {
  return foldText(query).folded.trim();
}

/** The code point that ends right before `at`, or '' at the start. */
function codePointBefore(text: string, at: number): string {
  if (at <= 0) return '';
  const low = text.charCodeAt(at - 1);
  if (at >= 2 && (low & 0xfc00) === 0xdc00 && (text.charCodeAt(at - 2) & 0xfc00) === 0xd800) return text.slice(at - 2, at);
  return text[at - 1]!;
}

function codePointAt(text: string, at: number): string {
  const cp = text.codePointAt(at);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Whether [start, end) of `text` stands as a word of its own (no word character on either side). */
export function isWholeWord(text: string, start: number, end: number): boolean {
  return !WORD_CHARACTER.test(codePointBefore(text, start)) && !WORD_CHARACTER.test(codePointAt(text, end));
}

/** `end` moved past combining marks that follow it, so a hit never splits a letter from its accent. */
function pastMarks(text: string, end: number): number {
  let at = end;
  for (;;) {
    const cp = codePointAt(text, at);
    if (cp === '' || !COMBINING_MARK.test(cp)) return at;
    at += cp.length;
  }
}

/** The RegExp for a pattern, or the constructor's message when it is not valid. */
export function compilePattern(pattern: string, options: Pick<SearchOptions, 'wholeWord' | 'caseSensitive'>): RegExp | { error: string } {
  const source = options.wholeWord ? `(?<![\\p{L}\\p{N}\\p{M}_])(?:${pattern})(?![\\p{L}\\p{N}\\p{M}_])` : pattern;
  try {
    // Checked on its own first, so that the message is about the user's pattern, not the wrapper.
    new RegExp(pattern, 'u');
    return new RegExp(source, options.caseSensitive ? 'gu' : 'giu');
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Every hit of `query` in `texts`, document by document in the given order, in text order within
 * a document. Plain: the query's folded form in the folded text, hits not overlapping. Regex: a
 * JavaScript regular expression with the Unicode flag (and ignoring case unless caseSensitive);
 * empty matches are skipped. A hit never ends between a letter and its combining mark. A blank
 * query finds nothing. Stops after `maxHits` hits and says so (`truncated`).
 */
export function searchDocuments(texts: readonly SearchText[], query: string, options: SearchOptions): SearchOutcome {
  const limit = options.maxHits ?? MAX_HITS;
  const hits: SearchHit[] = [];
  if (options.mode === 'regex') {
    if (query === '') return { ok: true, hits, truncated: false };
    const re = compilePattern(query, options);
    if (!(re instanceof RegExp)) return { ok: false, reason: 'invalid-pattern', detail: re.error };
    for (const { documentGuid, text } of texts) {
      if (regexHits(text, re, (start, end) => hits.push({ documentGuid, start, end }) < limit)) return { ok: true, hits, truncated: true };
    }
    return { ok: true, hits, truncated: false };
  }
  const needle = foldQuery(query);
  if (needle === '') return { ok: true, hits, truncated: false };
  for (const { documentGuid, text } of texts) {
    if (plainHits(text, needle, !!options.wholeWord, (start, end) => hits.push({ documentGuid, start, end }) < limit)) return { ok: true, hits, truncated: true };
  }
  return { ok: true, hits, truncated: false };
}

/** Calls `found` for every hit while it returns true; returns true when it was stopped. */
function regexHits(text: string, re: RegExp, found: (start: number, end: number) => boolean): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      // An empty match: step over one code point, as String.prototype.matchAll does with /u.
      re.lastIndex = m.index + Math.max(1, codePointAt(text, m.index).length);
      if (re.lastIndex > text.length) break;
      continue;
    }
    const end = pastMarks(text, m.index + m[0].length);
    if (!found(m.index, end)) return true;
    re.lastIndex = end;
  }
  return false;
}

function plainHits(text: string, needle: string, wholeWord: boolean, found: (start: number, end: number) => boolean): boolean {
  const { folded, origStart, origEnd } = foldText(text);
  let lastEnd = 0;
  for (let at = folded.indexOf(needle); at !== -1; ) {
    const start = origStart[at]!;
    const end = origEnd[at + needle.length - 1]!;
    // Two folded hits can map into the same original character (a ligature): keep hits apart.
    if (start >= lastEnd && (!wholeWord || isWholeWord(text, start, end))) {
      if (!found(start, end)) return true;
      lastEnd = end;
      at = folded.indexOf(needle, at + needle.length);
    } else {
      at = folded.indexOf(needle, at + 1);
    }
  }
  return false;
}

/** A hit in its context: a few words either side, within its own line. */
export interface HitContext {
  readonly before: string;
  readonly hit: string;
  readonly after: string;
  /** Whether the line goes on before `before` / after `after`. */
  readonly moreBefore: boolean;
  readonly moreAfter: boolean;
}

/** Characters looked at either side of a hit for its context words. */
const CONTEXT_REACH = 120;

export function hitContext(text: string, start: number, end: number, words = 6): HitContext {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline;
  const from = Math.max(lineStart, start - CONTEXT_REACH);
  const to = Math.min(lineEnd, end + CONTEXT_REACH);
  const before = text.slice(wordsBack(text, from, start, words), start);
  const after = text.slice(end, wordsForward(text, end, to, words));
  return {
    before,
    hit: text.slice(start, end),
    after,
    moreBefore: start - before.length > lineStart,
    moreAfter: end + after.length < lineEnd,
  };
}

const isSpace = (text: string, at: number) => /\s/.test(text[at]!);

/** Where the `words` words before `at` start (not before `limit`), with the space after them. */
function wordsBack(text: string, limit: number, at: number, words: number): number {
  let i = at;
  for (let w = 0; w < words; w++) {
    while (i > limit && isSpace(text, i - 1)) i--;
    if (i === limit) return limit;
    while (i > limit && !isSpace(text, i - 1)) i--;
  }
  return i;
}

/** Where the `words` words after `at` end (not after `limit`), with the space before them. */
function wordsForward(text: string, at: number, limit: number, words: number): number {
  let i = at;
  for (let w = 0; w < words; w++) {
    while (i < limit && isSpace(text, i)) i++;
    if (i === limit) return limit;
    while (i < limit && !isSpace(text, i)) i++;
  }
  return i;
}
