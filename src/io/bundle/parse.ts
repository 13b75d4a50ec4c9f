import { fail, type Result } from '../../domain/assert';
import { MAX_JSON_DEPTH } from '../../domain/limits';
import { tooDeeplyNested } from './json';
import { migrateBundle } from './migrate';
import { readBundleZip } from './read';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleFailure, type ParsedBundle, type RawBundle } from './types';
import { validateBundle } from './validate';

export interface ParseOptions {
  /** Receives the fraction done, from 0 to 1, while the zip's entries are read and checked. */
  readonly onProgress?: (fraction: number) => void;
}

/** The manifest's format and version: whether this code can read the bundle at all. */
function formatVersion(raw: RawBundle): Result<number, BundleFailure> {
  const { format, formatVersion: version } = raw.manifest;
  if (format !== BUNDLE_FORMAT) return fail('bundle-not-markeer', typeof format === 'string' ? format : JSON.stringify(format ?? null));
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('bundle-invalid', `manifest.json: formatVersion ${JSON.stringify(version ?? null)} is not a whole number from 1`);
  }
  if (version > BUNDLE_FORMAT_VERSION) return fail('bundle-newer-format', String(version));
  return { ok: true, value: version };
}

/**
 * A bundle's JSON nested deeper than MAX_JSON_DEPTH, refused before anything walks it: a field
 * 200,000 arrays deep parses, but copying, storing or writing it again overflows the stack.
 */
function nesting(raw: RawBundle): Result<void, BundleFailure> {
  for (const [file, value] of [['manifest.json', raw.manifest], ['project.json', raw.project]] as const) {
    const field = tooDeeplyNested(value, MAX_JSON_DEPTH);
    if (field !== null) {
      return fail('bundle-invalid', `${file}: ${field || 'the top level'} nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep, the most Markeer reads`);
    }
  }
  return { ok: true, value: undefined };
}

/**
 * Reads a `.markeer` bundle: parse (the zip and its JSON) -> check the JSON's nesting, the format
 * and version -> migrate (older versions to the current one) -> validate (records, references,
 * checksums, texts and their length, segments). Every expected problem comes back as a value whose detail says where.
 */
export async function parseBundle(bytes: Uint8Array, options: ParseOptions = {}): Promise<Result<ParsedBundle, BundleFailure>> {
  const progress = options.onProgress ?? (() => undefined);
  const raw = await readBundleZip(bytes, (f) => progress(0.8 * f));
  if (!raw.ok) return raw;
  const nested = nesting(raw.value);
  if (!nested.ok) return nested;
  const version = formatVersion(raw.value);
  if (!version.ok) return version;
  const result = await validateBundle(migrateBundle(raw.value, version.value));
  progress(1);
  return result;
}
