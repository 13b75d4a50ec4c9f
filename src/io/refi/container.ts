/**
 * Reading the container leniently (README "Container"): a `.qdpx` zip with the single `*.qde` at
 * its root whatever its name, `sources/` or `Sources/` or any case, stored or deflated entries,
 * `internal://` or bare paths; a `.qde` or `.qdc` alone. Only the .qde and the files it names are
 * inflated, each within its limit (REFI_LIMITS); a name that climbs out of the zip refuses it.
 * Bytes are decoded here, byte-order marks are kept in the decoded text (positions may count them;
 * positions.ts decides).
 */
import { fail, ok, type Result } from '../../domain/assert';
import { MAX_DOCUMENT_CHARS } from '../../domain/limits';
import { firstUnsafeName, isFolder, readZipDirectory, readZipEntry, unsafeEntryName, type EntryLimit, type ZipEntry, type ZipProblem } from '../zip';
import type { RefiFailure } from './types';
import { attr, parseXml, type XmlElement } from './xml';

export interface RefiContainer {
  readonly root: XmlElement;
  /** Name of the XML file read, for messages. */
  readonly xmlName: string;
  /** The files the project names (`plainTextPath`), read, by lower-case path with "/" separators; empty for a bare .qde or .qdc. */
  readonly files: ReadonlyMap<string, { readonly name: string; readonly bytes: Uint8Array }>;
  /** Every file's path in the zip, lower case with "/" separators (none of them read but `files`). */
  readonly entries: ReadonlySet<string>;
  readonly isZip: boolean;
}

function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

function describeStart(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty';
  const head = [...bytes.slice(0, 8)].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
  return `${bytes.length} bytes, starting with "${head}"`;
}

/**
 * Text bytes as a string. A byte-order mark (UTF-8, UTF-16 LE or BE) decides the encoding and is
 * kept as U+FEFF at the start; without one, UTF-8, else `fallback` (declared XML encoding or
 * Windows-1252). `lossy` tells that the fallback was used.
 */
export function decodeText(bytes: Uint8Array, fallback = 'windows-1252'): { text: string; lossy: boolean } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes), lossy: false };
  if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes), lossy: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), lossy: false };
  } catch {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(fallback, { ignoreBOM: true });
    } catch {
      decoder = new TextDecoder('windows-1252');
    }
    return { text: decoder.decode(bytes), lossy: true };
  }
}

/** An XML file's text: byte-order mark dropped (some tools put one before `<?xml`), declared encoding honoured. */
function decodeXml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.slice(0, 200));
  const declared = /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  const fallback = declared && declared !== 'utf-8' && declared !== 'utf8' ? declared : 'windows-1252';
  return decodeText(bytes, fallback).text.replace(/^\ufeff+/, '');
}

const extensionOf = (name: string): string => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * How large each entry of a .qdpx may inflate, in bytes. The .qde is parsed as one string, and a
 * JavaScript string holds at most 2^29 - 24 code units (V8). A source or note file is a text of at
 * most MAX_DOCUMENT_CHARS UTF-16 code units after normalisation; in UTF-16 with CRLF line ends a
 * unit may take 4 bytes in the file (UTF-8 takes at most 3).
 */
export const REFI_LIMITS = {
  qde: { bytes: 2 ** 29, why: 'the project file is read as one string, and a JavaScript string holds at most 2^29 characters' },
  text: { bytes: 4 * MAX_DOCUMENT_CHARS, why: `a document’s text holds at most ${count(MAX_DOCUMENT_CHARS)} characters, 4 bytes each at most in the file` },
} as const satisfies Record<string, EntryLimit>;

const REASONS: Readonly<Record<ZipProblem, RefiFailure>> = { damaged: 'refi-damaged', 'too-large': 'refi-too-large', 'unsafe-name': 'refi-unsafe-name' };

/** An entry's path as findFile looks it up: "/" separators, no leading "./", lower case. */
const lookupPath = (name: string): string => name.replace(/\\/g, '/').replace(/^\.?\//, '').toLowerCase();

/** Every `plainTextPath` in the project: the files it names (sources' and notes' texts). */
function namedPaths(root: XmlElement, out: string[] = []): string[] {
  const path = attr(root, 'plainTextPath');
  if (path !== undefined) out.push(path);
  for (const c of root.children) namedPaths(c, out);
  return out;
}

/** The REFI-QDA content of a file: its XML root and, for a zip, the files the project names. */
export async function readContainer(fileName: string, bytes: Uint8Array): Promise<Result<RefiContainer, RefiFailure>> {
  const ext = extensionOf(fileName);
  if (!looksLikeZip(bytes)) {
    if (ext === 'qdpx') return fail('refi-not-zip', describeStart(bytes));
    const root = parseXml(fileName, decodeXml(bytes));
    if (!root.ok) {
      if (ext !== 'qde' && ext !== 'qdc') return fail('refi-unknown-file', describeStart(bytes));
      return root;
    }
    return ok({ root: root.value, xmlName: fileName, files: new Map(), entries: new Set(), isZip: false });
  }
  const directory = readZipDirectory(bytes);
  if (!directory.ok) return fail(REASONS[directory.reason], directory.detail);
  // Some Windows tools write "\" between folders; anything climbing out of the zip is refused.
  const unsafe = firstUnsafeName(directory.value, true);
  if (unsafe) return fail('refi-unsafe-name', unsafe);
  const entries = new Map<string, ZipEntry>();
  for (const entry of directory.value) if (!isFolder(entry)) entries.set(lookupPath(entry.name), entry);
  const read = async (entry: ZipEntry, limit: EntryLimit): Promise<Result<{ name: string; bytes: Uint8Array }, RefiFailure>> => {
    const r = await readZipEntry(bytes, entry, limit);
    return r.ok ? ok({ name: entry.name.replace(/\\/g, '/').replace(/^\.?\//, ''), bytes: r.value }) : fail(REASONS[r.reason], r.detail);
  };

  const qdes = [...entries.entries()].filter(([path]) => !path.includes('/') && extensionOf(path) === 'qde').map(([, e]) => e);
  if (qdes.length === 0) {
    const names = [...entries.values()].map((e) => e.name).slice(0, 10);
    return fail('refi-no-qde', names.length === 0 ? 'the zip is empty' : `the zip holds ${names.join(', ')}`);
  }
  if (qdes.length > 1) return fail('refi-several-qde', qdes.map((e) => e.name).join(', '));
  const qde = await read(qdes[0]!, REFI_LIMITS.qde);
  if (!qde.ok) return qde;
  const root = parseXml(qde.value.name, decodeXml(qde.value.bytes));
  if (!root.ok) return root;

  // Only the files the project names are inflated; the rest of the zip is never read.
  const paths = new Set(entries.keys());
  const files = new Map<string, { name: string; bytes: Uint8Array }>();
  for (const reference of namedPaths(root.value)) {
    const path = resolvePath(paths, reference);
    if (path === undefined || files.has(path)) continue;
    const file = await read(entries.get(path)!, REFI_LIMITS.text);
    if (!file.ok) return file;
    files.set(path, file.value);
  }
  return ok({ root: root.value, xmlName: qde.value.name, files, entries: paths, isZip: true });
}

/**
 * The zip path (lower case) a reference names (`internal://<guid>.txt`, a bare `board_2017.txt`,
 * `Sources\x.txt`), whatever the case of its folder and name; undefined when absent or when the
 * reference climbs out of the zip (`internal://../../etc/passwd`).
 */
function resolvePath(paths: ReadonlySet<string>, reference: string): string | undefined {
  const path = reference
    .trim()
    .replace(/^internal:\/*/i, '')
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .toLowerCase();
  if (path === '' || unsafeEntryName(path) !== undefined) return undefined;
  for (const candidate of [`sources/${path}`, path]) if (paths.has(candidate)) return candidate;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const matches = [...paths].filter((k) => k.slice(k.lastIndexOf('/') + 1) === base);
  return matches.length === 1 ? matches[0] : matches.find((k) => k.startsWith('sources/'));
}

/** Why a file reference is unsafe (it climbs out of the zip: `internal://../../etc/passwd`), or undefined. */
export function unsafeReference(reference: string): string | undefined {
  return unsafeEntryName(reference.trim().replace(/^internal:\/*/i, ''), true);
}

/**
 * A file the project refers to (`internal://<guid>.txt`, a bare `board_2017.txt`, `Sources\x.txt`),
 * found in the zip whatever the case of its folder and name; undefined when absent.
 */
export function findFile(container: RefiContainer, reference: string): { name: string; bytes: Uint8Array } | undefined {
  const path = resolvePath(container.entries, reference);
  return path === undefined ? undefined : container.files.get(path);
}
