/**
 * Selection positions at the file boundary. Markeer stores UTF-16 code units of the normalised
 * text, end exclusive (ARCHITECTURE.md, "Offset units"); REFI-QDA counts Unicode code points of
 * the source file (standard section 10.2), and real tools deviate (README "Real exporters
 * disagree"). Everything here converts between the two; nothing else in io/refi counts characters.
 */
import { assert } from '../../domain/assert';
import { normalizeText } from '../../domain/text';
import type { PositionConvention } from './types';
import { NOT_XML } from './xml';

/** For each code unit boundary 0..text.length of a UTF-16 string, the number of code points before it. */
export function codePointPrefix(text: string): Int32Array {
  const prefix = new Int32Array(text.length + 1);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    prefix[i] = count;
    const c = text.charCodeAt(i);
    const isHigh = c >= 0xd800 && c <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (!(isHigh && next >= 0xdc00 && next <= 0xdfff)) count++;
  }
  prefix[text.length] = count;
  return prefix;
}

/** A text with its byte-order mark removed, and a map from its UTF-16 boundaries to those of the normalised text. */
export interface MappedText {
  /** The decoded file text without its leading byte-order mark: what positions count. */
  readonly raw: string;
  /** Whether the file began with a byte-order mark. */
  readonly hadBom: boolean;
  /** normalizeText(raw). */
  readonly normalized: string;
  /** rawToNormalized[i]: the normalised boundary for raw boundary i (0..raw.length). */
  readonly rawToNormalized: Int32Array;
}

const LINE_SPACE = new Set([' ', '\t', '\f', '\v', '\u00a0']);

/**
 * normalizeText, step by step, remembering for every raw code unit whether it is kept, so that a
 * raw boundary maps to the number of kept units before it. Checked against normalizeText itself.
 */
export function mapText(decoded: string): MappedText {
  const hadBom = decoded.startsWith('\ufeff');
  const raw = decoded.replace(/^\ufeff+/, '');
  // Units after CRLF -> LF and CR -> LF, each with its raw index.
  const chars: string[] = [];
  const index: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\r') {
      if (raw[i + 1] === '\n') continue;
      chars.push('\n');
    } else chars.push(c);
    index.push(i);
  }
  const kept = new Uint8Array(chars.length).fill(1);
  // Spaces at the end of a line or of the text.
  for (let i = 0; i < chars.length; i++) {
    if (!LINE_SPACE.has(chars[i]!)) continue;
    let j = i;
    while (j < chars.length && LINE_SPACE.has(chars[j]!)) j++;
    if (j === chars.length || chars[j] === '\n') for (let k = i; k < j; k++) kept[k] = 0;
    i = j - 1;
  }
  // trimEnd: whatever white space is left at the very end.
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!kept[i]) continue;
    if (/\s/.test(chars[i]!)) kept[i] = 0;
    else break;
  }
  const keptRaw = new Uint8Array(raw.length);
  let normalized = '';
  for (let i = 0; i < chars.length; i++) {
    if (!kept[i]) continue;
    keptRaw[index[i]!] = 1;
    normalized += chars[i];
  }
  const rawToNormalized = new Int32Array(raw.length + 1);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    rawToNormalized[i] = n;
    if (keptRaw[i]) n++;
  }
  rawToNormalized[raw.length] = n;
  assert(normalized === normalizeText(raw), 'mapText normalises like normalizeText');
  return { raw, hadBom, normalized, rawToNormalized };
}

/**
 * For a convention, the raw UTF-16 boundary of every file position 0..count: `starts[p]` is where
 * position p begins in `raw`. A CRLF counted as 1 is one position; a counted byte-order mark is
 * position 0 and maps to the start of the text.
 */
export function positionStarts(raw: string, hadBom: boolean, convention: PositionConvention): Int32Array {
  const starts: number[] = [];
  if (hadBom && convention.bomCounted) starts.push(0);
  for (let i = 0; i < raw.length; i++) {
    starts.push(i);
    const c = raw.charCodeAt(i);
    if (convention.unit === 'codepoints' && c >= 0xd800 && c <= 0xdbff) {
      const next = raw.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    } else if (convention.crlf === 1 && c === 13 && raw.charCodeAt(i + 1) === 10) i++;
  }
  starts.push(raw.length);
  return Int32Array.from(starts);
}

/** The conventions worth telling apart for this text: those that would give different offsets. */
export function candidateConventions(mapped: MappedText): PositionConvention[] {
  const astral = /[\ud800-\udbff][\udc00-\udfff]/.test(mapped.raw);
  const crlf = mapped.raw.includes('\r\n');
  const result: PositionConvention[] = [];
  for (const unit of astral ? (['codepoints', 'utf16'] as const) : (['codepoints'] as const)) {
    for (const bomCounted of mapped.hadBom ? [false, true] : [false]) {
      for (const crlfCount of crlf ? ([2, 1] as const) : ([2] as const)) result.push({ unit, bomCounted, crlf: crlfCount });
    }
  }
  return result;
}

export function describeConvention(c: PositionConvention, mapped: MappedText): string {
  const astral = /[\ud800-\udbff][\udc00-\udfff]/.test(mapped.raw);
  const parts = [c.unit === 'codepoints' ? (astral ? 'code points' : 'code points (= UTF-16 code units here)') : 'UTF-16 code units'];
  if (mapped.hadBom) parts.push(c.bomCounted ? 'byte-order mark counted' : 'byte-order mark not counted');
  if (mapped.raw.includes('\r\n')) parts.push(`CRLF as ${c.crlf}`);
  return parts.join(', ');
}

/** A file's [start, end) in Markeer offsets of the normalised text, or null when outside the text. */
export function toMarkeerRange(
  starts: Int32Array,
  mapped: MappedText,
  start: number,
  end: number,
): { start: number; end: number } | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > starts.length - 1) return null;
  const s = mapped.rawToNormalized[starts[start]!]!;
  const e = mapped.rawToNormalized[starts[end]!]!;
  return { start: s, end: e };
}

/**
 * White space collapsed, for comparing a selection's `name` with its text (attributes lose line
 * breaks), and what XML cannot hold left out (a name loses it, the text file keeps it).
 */
export const collapse = (s: string): string => s.replace(NOT_XML, '').replace(/\s+/gu, ' ').trim();

const ELLIPSIS = /(?:…|\.\.\.)$/u;

/** Names at least this long (code points) may be the start of a longer text cut without an ellipsis. */
const CUT_NAME_LENGTH = 50;

/**
 * Whether a selection's `name` is its text: 'exact' when equal with white space collapsed;
 * 'prefix' when the name is the start of the text and was visibly cut: it ends with "…" (ATLAS.ti)
 * or is long (Markeer cuts at 100 code points without one). A short name must match exactly, or
 * "😀a" would match "😀aa" under the wrong convention.
 */
export function nameMatch(name: string, text: string): 'exact' | 'prefix' | null {
  const n = collapse(name);
  const t = collapse(text);
  if (n === '' || t === '') return null;
  if (n === t) return 'exact';
  const ellipsis = ELLIPSIS.test(n);
  const cut = n.replace(ELLIPSIS, '').trimEnd();
  if (!ellipsis && [...cut].length < CUT_NAME_LENGTH) return null;
  return cut.length >= 1 && cut.length < t.length && t.startsWith(cut) ? 'prefix' : null;
}

export const nameMatches = (name: string, text: string): boolean => nameMatch(name, text) !== null;

/** Whether the name looks like text of the document at all (somewhere), rather than a label such as "Quotation 6:1". */
export function nameOccursIn(name: string, collapsedText: string): boolean {
  const cut = collapse(name).replace(ELLIPSIS, '').trimEnd();
  return cut.length >= 3 && collapsedText.includes(cut);
}

const WORD = /[\p{L}\p{M}\p{N}_]/u;

/** Whether offset i of a normalised text lies between words (or at either end, or beside punctuation). */
export function atWordBoundary(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  const code = text.charCodeAt(i);
  if (code >= 0xdc00 && code <= 0xdfff) return false; // inside a surrogate pair
  return !WORD.test(text[i - 1]!) || !WORD.test(text[i]!);
}
