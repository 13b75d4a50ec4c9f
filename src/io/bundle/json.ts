/**
 * JSON with a stable key order, so that the same data always gives the same bytes. Given an array
 * of property names as its replacer, JSON.stringify writes every object's properties in that
 * array's order: so the sorted set of all keys in the value sorts every object without copying it
 * (a project of 36,000 segments would otherwise be deep-copied once more on export).
 */
export function stableJson(value: unknown, indent?: number): string {
  const keys = new Set<string>();
  collectKeys(value, keys);
  return `${JSON.stringify(value, [...keys].sort(), indent)}\n`;
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
