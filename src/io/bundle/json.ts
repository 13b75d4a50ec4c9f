import { recordOf } from '../../domain/records';

/**
 * JSON with a stable key order, so that the same data always gives the same bytes. Given an array
 * of property names as its replacer, JSON.stringify writes every object's properties in that
 * array's order: so the sorted set of all keys in the value sorts every object without copying it
 * (a project of 36,000 segments would otherwise be deep-copied once more on export).
 */
export function stableJson(value: unknown, indent?: number): string {
  const keys = new Set<string>();
  collectKeys(value, keys);
  return `${stringifyWithKeys(value, [...keys].sort(), indent)}\n`;
}

/**
 * `JSON.stringify(value, keys, indent)`, where a key may be any name a user chose. Given a list
 * of keys, JSON.stringify reads each of them from every object, inherited ones too: with a
 * variable named `__proto__` among them it would write every record's prototype
 * (`"__proto__":{"__proto__":null}`). Then the objects are copied without a prototype first, so
 * that only an object's own `__proto__` is written, as an ordinary key. (Other Object.prototype
 * members, like `constructor`, are functions, which JSON.stringify leaves out.)
 */
export function stringifyWithKeys(value: unknown, keys: readonly string[], indent?: number): string {
  return JSON.stringify(keys.includes('__proto__') ? withoutPrototypes(value) : value, keys as string[], indent);
}

function withoutPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrototypes);
  if (typeof value !== 'object' || value === null) return value;
  return recordOf(Object.entries(value).map(([k, v]) => [k, withoutPrototypes(v)]));
}

export function collectKeys(value: unknown, keys: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectKeys(v, keys);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      if (typeof v === 'object' && v !== null) collectKeys(v, keys);
    }
  }
}

/** Orders records by a string key in code-unit order (never locale order, which may vary). */
export function byKey<T>(records: readonly T[], key: (record: T) => string): T[] {
  return [...records].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A JSON path as the messages write it: `codes[0].x`, `documents[2].variables["my field"]`. */
function pathText(steps: readonly (string | number)[]): string {
  return steps
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `${i === 0 ? '' : '.'}${s}` : `[${JSON.stringify(s)}]`))
    .join('');
}

interface Frame {
  readonly container: Readonly<Record<string, unknown>> | readonly unknown[];
  /** The object's keys; null for an array. */
  readonly keys: readonly string[] | null;
  /** The next child to visit. */
  next: number;
}

const isContainer = (v: unknown): v is Readonly<Record<string, unknown>> | readonly unknown[] => typeof v === 'object' && v !== null;

const frame = (container: Readonly<Record<string, unknown>> | readonly unknown[]): Frame => ({
  container,
  keys: Array.isArray(container) ? null : Object.keys(container),
  next: 0,
});

/**
 * Where a parsed JSON value nests arrays and objects deeper than `limit` (the value itself is
 * depth 1): the path of the field holding the deep part (up to its last object key, e.g.
 * `codes[0].x` for `{"codes":[{"x":[[[...]]]}]}`), or null when it does not. Walks with a stack of
 * its own, never recursing, so that any depth is measured without overflowing the call stack;
 * stops at the first place too deep.
 */
export function tooDeeplyNested(value: unknown, limit: number): string | null {
  if (!isContainer(value)) return null;
  const frames: Frame[] = [frame(value)];
  while (frames.length > 0) {
    const top = frames[frames.length - 1] as Frame;
    const size = top.keys ? top.keys.length : (top.container as readonly unknown[]).length;
    if (top.next >= size) {
      frames.pop();
      continue;
    }
    const i = top.next++;
    const child = top.keys ? (top.container as Readonly<Record<string, unknown>>)[top.keys[i] as string] : (top.container as readonly unknown[])[i];
    if (!isContainer(child)) continue;
    if (frames.length + 1 > limit) return pathText(fieldSteps(frames));
    frames.push(frame(child));
  }
  return null;
}

/** The path to the child being visited in the innermost frame, cut after its last object key. */
function fieldSteps(frames: readonly Frame[]): (string | number)[] {
  const steps = frames.map((f) => (f.keys ? (f.keys[f.next - 1] as string) : f.next - 1));
  let last = steps.length - 1;
  while (last > 0 && typeof steps[last] === 'number') last--;
  return steps.slice(0, last + 1);
}
