import { assert } from '../../domain/assert';
import { BUNDLE_FORMAT_VERSION, type RawBundle } from './types';

/** Turns a bundle of format version n into version n + 1. */
export type Migration = (raw: RawBundle) => RawBundle;

/**
 * MIGRATIONS[n] turns format version n into n + 1. Version 1 is the first and current version,
 * so there is nothing to migrate yet. A change of the bundle's shape adds a version: raise
 * BUNDLE_FORMAT_VERSION, add its step here, and commit a fixture of the old version
 * (fixtures/v<n>-*.markeer) that the tests keep reading.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/**
 * Brings a bundle of an older (or the current) format version up to `current`, one step at a
 * time. The version must be known to be at most `current` (parse.ts refuses newer ones).
 */
export function migrateBundle(
  raw: RawBundle,
  fromVersion: number,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = BUNDLE_FORMAT_VERSION,
): RawBundle {
  assert(Number.isInteger(fromVersion) && fromVersion >= 1 && fromVersion <= current, `bundle format ${fromVersion} can be migrated`);
  let result = raw;
  for (let version = fromVersion; version < current; version++) {
    const step = migrations[version];
    assert(step, `a migration from bundle format ${version} to ${version + 1}`);
    result = step(result);
  }
  return { ...result, manifest: { ...result.manifest, formatVersion: current } };
}
