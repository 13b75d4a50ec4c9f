import { fail, ok, type Result } from '../../domain/assert';
import { MAX_DOCUMENT_CHARS } from '../../domain/limits';
import { firstUnsafeName, isFolder, readZipDirectory, readZipEntry, unsafeEntryName, type EntryLimit, type ZipEntry, type ZipProblem } from '../zip';
import { isObject } from './fields';
import type { BundleFailure, RawBundle } from './types';

/** A zip starts with a local file header, or for an empty zip with its end record. */
function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/** For the message: how the file begins, e.g. `starts with "%PDF-1.7"`. */
function describeStart(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty';
  const head = [...bytes.slice(0, 8)].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
  return `${bytes.length} bytes, starting with "${head}"`;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * How large each entry a bundle names may inflate, in bytes. A text is UTF-8 of at most
 * MAX_DOCUMENT_CHARS UTF-16 code units, and one unit takes at most 3 bytes (a character beyond
 * the BMP is 2 units and 4 bytes). project.json is read with JSON.parse, as one string, and a
 * JavaScript string holds at most 2^29 - 24 code units (V8; JSON is mostly ASCII, a byte a unit):
 * a larger project.json could not be read whatever its records. The manifest lists a document in
 * about 200 bytes; 64 MiB is room for 300,000 of them.
 */
export const BUNDLE_LIMITS = {
  text: { bytes: 3 * MAX_DOCUMENT_CHARS, why: `a document’s text holds at most ${count(MAX_DOCUMENT_CHARS)} characters, 3 bytes each in UTF-8 at most` },
  project: { bytes: 2 ** 29, why: 'project.json is read as one string, and a JavaScript string holds at most 2^29 characters' },
  manifest: { bytes: 64 * 2 ** 20, why: 'a manifest lists each document in about 200 bytes' },
} as const satisfies Record<string, EntryLimit>;

const REASONS: Readonly<Record<ZipProblem, BundleFailure>> = { damaged: 'bundle-damaged', 'too-large': 'bundle-too-large', 'unsafe-name': 'bundle-unsafe-name' };

export function parseJsonFile(path: string, bytes: Uint8Array): Result<unknown, BundleFailure> {
  try {
    // A byte-order mark is tolerated here: JSON written by hand in an editor may carry one.
    return ok(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
  } catch (e) {
    return fail('bundle-invalid', `${path} is not valid JSON (${message(e)})`);
  }
}

/** The text paths the manifest names (as far as it is readable; validation names what is wrong with it), or an unsafe one. */
function textPaths(manifest: Readonly<Record<string, unknown>>): Result<string[], BundleFailure> {
  const documents = Array.isArray(manifest.documents) ? (manifest.documents as unknown[]) : [];
  const paths: string[] = [];
  for (const [i, d] of documents.entries()) {
    const path = isObject(d) ? d.path : undefined;
    if (typeof path !== 'string') continue;
    const why = unsafeEntryName(path);
    if (why) return fail('bundle-unsafe-name', `manifest.json: documents[${i}].path “${path}” is unsafe: ${why}`);
    paths.push(path);
  }
  return ok([...new Set(paths)]);
}

/**
 * Step one of reading a bundle: manifest.json and project.json parsed as JSON, and the texts the
 * manifest names. Nothing else in the zip is inflated; each entry is checked against its limit
 * (BUNDLE_LIMITS) before and while it is inflated, and against its size and CRC-32 after, so that
 * a damaged or oversized entry fails here with its name. An entry name that climbs out of the zip
 * refuses the bundle. `onProgress` receives the fraction of entries read.
 */
export async function readBundleZip(bytes: Uint8Array, onProgress?: (fraction: number) => void): Promise<Result<RawBundle, BundleFailure>> {
  if (!looksLikeZip(bytes)) return fail('bundle-not-zip', describeStart(bytes));
  const directory = readZipDirectory(bytes);
  if (!directory.ok) return fail(REASONS[directory.reason], directory.detail);
  const unsafe = firstUnsafeName(directory.value);
  if (unsafe) return fail('bundle-unsafe-name', unsafe);
  const entries = new Map<string, ZipEntry>(directory.value.filter((e) => !isFolder(e)).map((e) => [e.name, e]));
  const read = async (entry: ZipEntry, limit: EntryLimit): Promise<Result<Uint8Array, BundleFailure>> => {
    const r = await readZipEntry(bytes, entry, limit);
    return r.ok ? r : fail(REASONS[r.reason], r.detail);
  };

  const manifestEntry = entries.get('manifest.json');
  if (!manifestEntry) return fail('bundle-missing-manifest', entries.size === 0 ? 'the zip is empty' : undefined);
  const manifestBytes = await read(manifestEntry, BUNDLE_LIMITS.manifest);
  if (!manifestBytes.ok) return manifestBytes;
  const manifest = parseJsonFile('manifest.json', manifestBytes.value);
  if (!manifest.ok) return manifest;
  if (!isObject(manifest.value)) return fail('bundle-invalid', 'manifest.json is not an object');
  const paths = textPaths(manifest.value);
  if (!paths.ok) return paths;

  const projectEntry = entries.get('project.json');
  let project: Result<unknown, BundleFailure> = ok(undefined);
  if (projectEntry) {
    const projectBytes = await read(projectEntry, BUNDLE_LIMITS.project);
    if (!projectBytes.ok) return projectBytes;
    project = parseJsonFile('project.json', projectBytes.value);
    if (!project.ok) return project;
  }
  const files = new Map<string, Uint8Array>([['manifest.json', manifestBytes.value]]);
  const named = paths.value.filter((p) => entries.has(p) && !files.has(p));
  for (const [i, path] of named.entries()) {
    const text = await read(entries.get(path) as ZipEntry, BUNDLE_LIMITS.text);
    if (!text.ok) return text;
    files.set(path, text.value);
    onProgress?.((i + 1) / named.length);
  }
  return ok({ manifest: manifest.value, project: project.value, files });
}
