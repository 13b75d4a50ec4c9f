import JSZip from 'jszip';
import { fail, ok, type Result } from '../../domain/assert';
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

export function parseJsonFile(path: string, bytes: Uint8Array): Result<unknown, BundleFailure> {
  try {
    // A byte-order mark is tolerated here: JSON written by hand in an editor may carry one.
    return ok(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
  } catch (e) {
    return fail('bundle-invalid', `${path} is not valid JSON (${message(e)})`);
  }
}

/**
 * Step one of reading a bundle: the zip's files, with manifest.json and project.json parsed as
 * JSON. CRC-32 checksums are checked, so that a damaged entry fails here with its name.
 * `onProgress` receives the fraction of entries read.
 */
export async function readBundleZip(bytes: Uint8Array, onProgress?: (fraction: number) => void): Promise<Result<RawBundle, BundleFailure>> {
  if (!looksLikeZip(bytes)) return fail('bundle-not-zip', describeStart(bytes));
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (e) {
    return fail('bundle-damaged', message(e));
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  const files = new Map<string, Uint8Array>();
  for (const [i, entry] of entries.entries()) {
    try {
      files.set(entry.name, await entry.async('uint8array'));
    } catch (e) {
      return fail('bundle-damaged', `${entry.name}: ${message(e)}`);
    }
    onProgress?.((i + 1) / entries.length);
  }

  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes) return fail('bundle-missing-manifest', entries.length === 0 ? 'the zip is empty' : undefined);
  const manifest = parseJsonFile('manifest.json', manifestBytes);
  if (!manifest.ok) return manifest;
  if (!isObject(manifest.value)) return fail('bundle-invalid', 'manifest.json is not an object');
  const projectBytes = files.get('project.json');
  const project = projectBytes ? parseJsonFile('project.json', projectBytes) : ok(undefined);
  if (!project.ok) return project;
  return ok({ manifest: manifest.value, project: project.value, files });
}
