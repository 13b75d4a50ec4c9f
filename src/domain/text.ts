/**
 * Document text: normalisation at import, paragraphs, and the content hash.
 *
 * Offsets are UTF-16 code units (the JavaScript string index), end exclusive.
 */

/** A paragraph of a text: one non-blank line, [start, end) without its line break. */
export interface Paragraph {
  readonly start: number;
  readonly end: number;
}

/** Whitespace a line may end with; the line break itself is not part of it. */
const TRAILING_LINE_SPACE = /[ \t\f\v\u00a0]+(?=\n|$)/g;

/** Half of a surrogate pair without its other half: no character, and UTF-8 cannot hold it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The stored form of a document's text: no byte-order mark, LF line ends, no spaces or tabs at
 * the end of a line, no whitespace at the very end, and U+FFFD for half a surrogate pair (as a
 * UTF-8 file, a bundle's or an export's, would hold it: so the stored text is the exported one).
 * Everything else is kept as written, so that normalising twice changes nothing.
 */
export function normalizeText(s: string): string {
  // All leading marks, not just one: a file re-saved by a careless tool can carry two.
  return s
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/^\ufeff+/, '')
    .replace(/\r\n?/g, '\n')
    .replace(TRAILING_LINE_SPACE, '')
    .trimEnd();
}

/**
 * Whether `normalizeText(s) === s`, without making the normalised copy: a bundle's reader checks
 * every text it reads (W2's 6 million characters took about 35 ms through four regular
 * expressions, most of it looking behind each space for a line's end; now about 4). Each step of
 * normalizeText either leaves the text as it is or changes it for good (it removes characters or
 * replaces half a surrogate pair), so the text is in normal form exactly when no step applies.
 */
export function isNormalizedText(s: string): boolean {
  if (s.length === 0) return true;
  if (!s.isWellFormed() || s.charCodeAt(0) === 0xfeff || s.includes('\r')) return false;
  for (let newline = s.indexOf('\n'); newline !== -1; newline = s.indexOf('\n', newline + 1)) {
    if (newline > 0 && isLineSpace(s.charCodeAt(newline - 1))) return false;
  }
  // trimEnd removes exactly what \s matches (white space and line terminators).
  return !/\s/.test(s.charAt(s.length - 1));
}

/** A character of TRAILING_LINE_SPACE's class. */
function isLineSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0c || code === 0x0b || code === 0xa0;
}

/**
 * Every line with something other than whitespace on it is a paragraph; blank lines only
 * separate. One pass over the text, so that 300,000 characters take well under a millisecond.
 * Meant for normalised text; a CR before a line's LF is left out of the paragraph all the same.
 */
export function paragraphs(text: string): Paragraph[] {
  const result: Paragraph[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline === -1 ? text.length : newline;
    const end = lineEnd > start && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    if (end > start && hasContent(text, start, end)) result.push({ start, end });
    if (newline === -1) break;
    start = newline + 1;
  }
  return result;
}

function hasContent(text: string, start: number, end: number): boolean {
  // Most lines start with a visible ASCII character: no slice needed for those.
  const first = text.charCodeAt(start);
  if (first > 32 && first < 127) return true;
  return /\S/.test(text.slice(start, end));
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of the text (Web Crypto: browser and Node 20). */
export function sha256Hex(text: string): Promise<string> {
  // A TextEncoder's bytes are always a buffer of their own (Node's types allow a shared one).
  return sha256HexOfBytes(new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>);
}

/** The same of bytes: read when called, so that they may be handed on (to a worker) right after. */
export async function sha256HexOfBytes(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
