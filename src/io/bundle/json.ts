/** JSON with a stable key order, so that the same data always gives the same bytes. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.keys(value)
    .sort()
    .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])] as const);
  return Object.fromEntries(entries);
}

/** Orders records by a string key in code-unit order (never locale order, which may vary). */
export function byKey<T>(records: readonly T[], key: (record: T) => string): T[] {
  return [...records].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
