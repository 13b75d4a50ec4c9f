import type { Guid } from './model';

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A new random (version 4) lower-case GUID. */
export function createGuid(): Guid {
  return globalThis.crypto.randomUUID().toLowerCase();
}

export function isGuid(value: unknown): value is Guid {
  return typeof value === 'string' && GUID_RE.test(value);
}

/** Lower-cases a GUID and strips braces, so that "{ABC...}" and "abc..." compare equal. */
export function normalizeGuid(value: string): string {
  return value.trim().replace(/^\{|\}$/g, '').toLowerCase();
}

export function now(): string {
  return new Date().toISOString();
}
