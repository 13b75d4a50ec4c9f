/**
 * How large the things Markeer reads may be: one set of limits for the app and the command line,
 * checked wherever a document or a project file comes in, so that a file the command line calls
 * sound is one the app can store.
 */
import { fail } from './assert';

/**
 * The longest document text, in UTF-16 code units (the JavaScript string length).
 *
 * Chosen by measurement: Chromium's IndexedDB refuses a record whose serialized form exceeds
 * 133,169,152 bytes ("The serialized keys and/or value are too large"). A document's text record
 * (`documentTexts`) holds the text, at 2 bytes a unit as soon as one character lies beyond
 * Latin-1 (a curly apostrophe from Word is enough), and its speaker turns, about 80 bytes each.
 * 40 M units of such text with a turn every 60 characters stored and read back (a 40 M text with a
 * turn every 100 characters is 111 MB); 50 M with a turn every 100 did not. 40 M is also over a
 * hundred times the 300,000-character transcripts the benchmarks use.
 */
export const MAX_DOCUMENT_CHARS = 40_000_000;

/**
 * The deepest nesting of arrays and objects in a bundle's JSON (project.json, manifest.json); the
 * top-level object is depth 1. Markeer's own records nest at most 5 deep (project.json, a list, a
 * record, its turns, a turn); the rest is room for fields other tools add, which are kept. Deeper
 * nesting is refused before anything walks it, as a walk that deep would overflow the stack.
 */
export const MAX_JSON_DEPTH = 100;

/** The reason a document is refused for its length, in the app's and the command line's messages. */
export const DOCUMENT_TOO_LONG = 'document-too-long';

/** A document refused for its length: its name and its length in UTF-16 code units. */
export interface DocumentTooLong {
  readonly name: string;
  readonly length: number;
}

/**
 * The failure for a document over MAX_DOCUMENT_CHARS. Its detail is the length, a space and the
 * document's name (which may hold anything, spaces included), read back by readDocumentTooLong, so
 * that each language writes the numbers its own way.
 */
export function documentTooLong(name: string, length: number): { ok: false; reason: typeof DOCUMENT_TOO_LONG; detail: string } {
  return fail(DOCUMENT_TOO_LONG, `${length} ${name}`) as { ok: false; reason: typeof DOCUMENT_TOO_LONG; detail: string };
}

/** The name and length in a DOCUMENT_TOO_LONG failure's detail. */
export function readDocumentTooLong(detail: string): DocumentTooLong {
  const space = detail.indexOf(' ');
  return space < 0 ? { name: detail, length: Number.NaN } : { name: detail.slice(space + 1), length: Number(detail.slice(0, space)) };
}

/**
 * The one check every way a document comes in goes through (text, Word and subtitle files, a
 * pasted text, bundles, REFI-QDA projects): the failure when a document of `length` UTF-16 code
 * units is longer than `limit` (MAX_DOCUMENT_CHARS unless a test passes another), else null.
 */
export function checkDocumentLength(name: string, length: number, limit: number = MAX_DOCUMENT_CHARS): ReturnType<typeof documentTooLong> | null {
  return length > limit ? documentTooLong(name, length) : null;
}

const count = (x: number): string => x.toLocaleString('en-US');

/** In English, how a length compares with the limit: "200,000,000 characters, more than the 40,000,000 Markeer keeps". */
export function lengthOverLimit(length: number, limit: number = MAX_DOCUMENT_CHARS): string {
  return `${Number.isNaN(length) ? 'too many' : count(length)} characters, more than the ${count(limit)} Markeer keeps in one document`;
}

/** The English sentence for a DOCUMENT_TOO_LONG failure's detail (the command line's). */
export function describeDocumentTooLong(detail: string, limit: number = MAX_DOCUMENT_CHARS): string {
  const { name, length } = readDocumentTooLong(detail);
  return `document “${name}” is too long: ${lengthOverLimit(length, limit)} (characters counted as UTF-16 code units)`;
}
