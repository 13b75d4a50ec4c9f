/**
 * Bytes of a text file to a string: UTF-8 with or without byte-order mark, UTF-16 with one, and
 * windows-1252 for the older Dutch Word and Notepad exports that are not valid UTF-8.
 */

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

/**
 * The text of a file's bytes. The byte-order mark, if any, is not part of the result.
 * A damaged UTF-16 file (odd length, lone surrogate) keeps its text with U+FFFD at the damage:
 * any other reading of it would be garbage.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    return decodeWindows1252(withoutBom);
  }
}

/**
 * Whether decoded content is binary rather than text: a NUL character, or more than one in twenty
 * characters a control character that text files do not hold (tab, line ends and form feed are fine).
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) controls++;
  }
  return controls * 20 > text.length;
}
