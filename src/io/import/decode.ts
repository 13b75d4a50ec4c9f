/**
 * Bytes of a text file to a string: UTF-8 with or without byte-order mark, UTF-16 with one or
 * (recognised by its NUL bytes) without, and windows-1252 for the older Dutch Word and Notepad
 * exports that are not UTF-8. What the reading changed is returned as notes with places in the file.
 */

/** A place in a file: line and column from 1, the column counted in characters (code points). */
export interface FilePlace {
  readonly line: number;
  readonly column: number;
}

/** How many places a note lists; the count says how many there are in all. */
export const PLACES_LISTED = 10;

/** What decoding a file did that its reader should know: each is told to the user. */
export type DecodeNote =
  /** UTF-8 with some invalid bytes: each invalid sequence became U+FFFD. `places`: the first few. */
  | { readonly kind: 'utf8-repaired'; readonly count: number; readonly places: readonly FilePlace[] }
  /** UTF-16 with lone surrogates or an odd last byte: each became U+FFFD. */
  | { readonly kind: 'utf16-repaired'; readonly count: number; readonly places: readonly FilePlace[] }
  /** Not UTF-8 (more invalid bytes than valid multi-byte characters): read as windows-1252. */
  | { readonly kind: 'windows-1252'; readonly invalidCount: number; readonly first: FilePlace }
  /** UTF-16 without a byte-order mark, recognised by the NUL bytes of its high (or low) halves. */
  | { readonly kind: 'utf16-without-bom'; readonly byteOrder: 'le' | 'be' };

export interface Decoded {
  /** The text, without byte-order mark. */
  readonly text: string;
  readonly notes: readonly DecodeNote[];
}

/**
 * windows-1252 bytes 0x80-0x9F (WHATWG Encoding Standard index); every other byte is its own code
 * point. Decoded by hand because TextDecoder('windows-1252') in Node 20.18.3+ returns these bytes
 * as C1 controls (https://github.com/nodejs/node/issues/60888).
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  // Chunked so that String.fromCharCode never gets more arguments than the engine allows.
  for (let at = 0; at < bytes.length; at += 8192) {
    const codes = Array.from(bytes.subarray(at, at + 8192), (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : b));
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/** Line and column of a running reading: CRLF, CR and LF each end a line, as normalizeText reads them. */
class Position {
  line = 1;
  column = 1;
  private afterCr = false;

  /** One character read: `unit` is its first (or only) UTF-16 code unit, or any non-break value. */
  advance(unit: number): void {
    if (unit === 0x0a && this.afterCr) {
      this.afterCr = false;
      return;
    }
    this.afterCr = unit === 0x0d;
    if (unit === 0x0a || unit === 0x0d) {
      this.line++;
      this.column = 1;
    } else {
      this.column++;
    }
  }

  get place(): FilePlace {
    return { line: this.line, column: this.column };
  }
}

interface Utf8Survey {
  /** Characters of two to four bytes that are valid UTF-8: the evidence that the file is UTF-8. */
  readonly validMultiByte: number;
  /** Invalid sequences, each of which a UTF-8 decoder replaces by one U+FFFD. */
  readonly invalid: number;
  /** Where the first few invalid sequences start. */
  readonly places: readonly FilePlace[];
}

/**
 * Walks the bytes the way the WHATWG UTF-8 decoder does (and so TextDecoder): an invalid sequence
 * is the longest start of a valid one, or one byte, and becomes one U+FFFD.
 * https://encoding.spec.whatwg.org/#utf-8-decoder
 */
function surveyUtf8(bytes: Uint8Array, from: number): Utf8Survey {
  // Line and column kept in locals rather than a Position: this loop runs over every byte of
  // files of tens of megabytes.
  let line = 1;
  let column = 1;
  let afterCr = false;
  const places: FilePlace[] = [];
  let validMultiByte = 0;
  let invalid = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let startLine = 1;
  let startColumn = 1;
  /** An invalid sequence that started at startLine:startColumn; it reads as one character. */
  const invalidSequence = () => {
    invalid++;
    if (places.length < PLACES_LISTED) places.push({ line: startLine, column: startColumn });
    column++;
    afterCr = false;
  };
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b <= 0x7f) {
        if (b === 0x0a) {
          if (!afterCr) {
            line++;
            column = 1;
          }
          afterCr = false;
        } else if (b === 0x0d) {
          line++;
          column = 1;
          afterCr = true;
        } else {
          column++;
          afterCr = false;
        }
        continue;
      }
      startLine = line;
      startColumn = column;
      if (b >= 0xc2 && b <= 0xdf) needed = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
      } else {
        invalidSequence();
      }
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one invalid sequence; this byte starts afresh.
      needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      invalidSequence();
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    if (++seen === needed) {
      validMultiByte++;
      needed = seen = 0;
      column++;
      afterCr = false;
    }
  }
  if (needed !== 0) invalidSequence();
  return { validMultiByte, invalid, places };
}

/**
 * UTF-16 without a byte-order mark: at least half of the code units have a NUL high (for
 * little-endian) or low (big-endian) byte, and hardly any the other. Latin text in UTF-16 is
 * like that; text in an 8-bit encoding has no NUL bytes and binary data has them on both sides.
 */
function utf16ByteOrder(bytes: Uint8Array): 'le' | 'be' | null {
  const pairs = Math.min(bytes.length >> 1, 32_768);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenNul++;
    if (bytes[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul * 2 >= pairs && evenNul * 20 < pairs) return 'le';
  if (evenNul * 2 >= pairs && oddNul * 20 < pairs) return 'be';
  return null;
}

/** UTF-16 code units to text; lone surrogates and an odd last byte become U+FFFD, with their places. */
function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be'): { text: string; count: number; places: FilePlace[] } {
  const text = new TextDecoder(order === 'le' ? 'utf-16le' : 'utf-16be').decode(bytes);
  const places: FilePlace[] = [];
  let count = 0;
  const position = new Position();
  const units = bytes.length >> 1;
  const unitAt = (i: number) => (order === 'le' ? bytes[2 * i]! | (bytes[2 * i + 1]! << 8) : (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  const damage = () => {
    count++;
    if (places.length < PLACES_LISTED) places.push(position.place);
  };
  for (let i = 0; i < units; i++) {
    const unit = unitAt(i);
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const low = unit >= 0xdc00 && unit <= 0xdfff;
    if (high && i + 1 < units && unitAt(i + 1) >= 0xdc00 && unitAt(i + 1) <= 0xdfff) i++;
    else if (high || low) damage();
    position.advance(unit);
  }
  if (bytes.length % 2 === 1) damage();
  return { text, count, places };
}

function readUtf16(bytes: Uint8Array, order: 'le' | 'be', notes: DecodeNote[]): string {
  const { text, count, places } = decodeUtf16(bytes, order);
  if (count > 0) notes.push({ kind: 'utf16-repaired', count, places });
  return text;
}

/**
 * The text of a file's bytes, and what reading it did. The byte-order mark is not part of the text.
 *
 * Bytes that are not UTF-8 are read by evidence: when the file holds at least as many valid
 * multi-byte UTF-8 characters as invalid sequences, it is UTF-8 with a few damaged bytes, and each
 * becomes U+FFFD (reading it all as windows-1252 would garble every accented letter: "coÃ¶rdinatie");
 * otherwise it is an 8-bit file, read as windows-1252. A damaged UTF-16 file keeps its text with
 * U+FFFD at the damage. Every replacement is listed with its place, so the user can check it.
 */
export function decodeTextWithNotes(bytes: Uint8Array): Decoded {
  const notes: DecodeNote[] = [];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: readUtf16(bytes.subarray(2), 'le', notes), notes };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: readUtf16(bytes.subarray(2), 'be', notes), notes };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // UTF-8 and 8-bit text never hold a NUL byte; UTF-16 of Latin text holds one in every character.
  if (bytes.includes(0)) {
    const order = utf16ByteOrder(bytes);
    if (order) {
      notes.push({ kind: 'utf16-without-bom', byteOrder: order });
      return { text: readUtf16(bytes, order, notes), notes };
    }
  }
  const body = bytes.subarray(bom);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), notes };
  } catch {
    const survey = surveyUtf8(bytes, bom);
    if (survey.validMultiByte >= survey.invalid) {
      notes.push({ kind: 'utf8-repaired', count: survey.invalid, places: survey.places });
      return { text: new TextDecoder('utf-8').decode(body), notes };
    }
    notes.push({ kind: 'windows-1252', invalidCount: survey.invalid, first: survey.places[0]! });
    return { text: decodeWindows1252(body), notes };
  }
}

/** The text of a file's bytes (see decodeTextWithNotes), for readers that tell the user nothing. */
export function decodeText(bytes: Uint8Array): string {
  return decodeTextWithNotes(bytes).text;
}

/** Control characters text files do not hold: C0 but tab, line feed, form feed and carriage return. */
function isStrayControl(unit: number): boolean {
  return unit < 32 && unit !== 9 && unit !== 10 && unit !== 12 && unit !== 13;
}

// eslint-disable-next-line no-control-regex -- these are the characters looked for
const STRAY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f]/;

/**
 * Why decoded content is binary rather than text, or null when it is text: more than one in
 * twenty characters is NUL or another control character that text files do not hold. A few such
 * characters in a text are damage (see removeStrayControls); random bytes hold one in nine.
 */
export function binaryEvidence(text: string): string | null {
  let controls = 0;
  for (let i = 0; i < text.length; i++) if (isStrayControl(text.charCodeAt(i))) controls++;
  if (controls * 20 <= text.length) return null;
  return `${controls} of its ${text.length} characters are NUL or other control characters, which text does not hold`;
}

/** Whether decoded content is binary rather than text, see binaryEvidence. */
export function looksBinary(text: string): boolean {
  return binaryEvidence(text) !== null;
}

/**
 * The text without stray control characters (NUL and the like, see binaryEvidence), with how many
 * there were and the places of the first few. They would be invisible in the transcript and
 * cannot be exported: XML (REFI-QDA) has no way to hold them.
 */
export function removeStrayControls(text: string): { text: string; count: number; places: FilePlace[] } {
  const places: FilePlace[] = [];
  if (!STRAY_CONTROL.test(text)) return { text, count: 0, places };
  let count = 0;
  const position = new Position();
  let kept = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (isStrayControl(unit)) {
      count++;
      if (places.length < PLACES_LISTED) places.push(position.place);
      kept += text.slice(from, i);
      from = i + 1;
    }
    // The low half of a surrogate pair is part of the character before it.
    if (unit < 0xdc00 || unit > 0xdfff) position.advance(unit);
  }
  return count === 0 ? { text, count, places } : { text: kept + text.slice(from), count, places };
}
