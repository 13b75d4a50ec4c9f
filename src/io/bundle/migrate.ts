import { assert } from '../../domain/assert';
import type { DocumentRecord } from '../../domain/model';
import { variableList } from '../../domain/variables';
import { BUNDLE_FORMAT_VERSION, type RawBundle } from './types';

/** Turns a bundle of format version n into version n + 1. */
export type Migration = (raw: RawBundle) => RawBundle;

/**
 * Version 1 -> 2: project.json gains variables, groups, memos, themes and attempts. The variables
 * that documents use become text variables (new GUIDs); the other lists start empty. Anything unexpected
 * is left as it is, for validation to name.
 */
const addVariablesGroupsMemos: Migration = (raw) => {
  const project = raw.project as Record<string, unknown> | undefined;
  if (typeof project !== 'object' || project === null || Array.isArray(project)) return raw;
  const documents = Array.isArray(project.documents) ? (project.documents as unknown[]) : [];
  const usable = documents.filter(
    (d): d is DocumentRecord => typeof d === 'object' && d !== null && typeof (d as DocumentRecord).variables === 'object' && (d as DocumentRecord).variables !== null,
  );
  const projectGuid = (project.project as { guid?: unknown } | undefined)?.guid;
  const variables = typeof projectGuid === 'string' ? variableList(projectGuid.toLowerCase(), [], usable) : [];
  return { ...raw, project: { variables, groups: [], memos: [], themes: [], attempts: [], ...project } };
};

/**
 * MIGRATIONS[n] turns format version n into n + 1. A change of the bundle's shape adds a version:
 * raise BUNDLE_FORMAT_VERSION, add its step here, and commit a fixture of the old version
 * (fixtures/v<n>-*.markeer) that the tests keep reading.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 1: addVariablesGroupsMemos };

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
