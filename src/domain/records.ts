/**
 * Records keyed by names that users choose: a document's variable values
 * (`DocumentRecord.variables`), its speaker map, and tables keyed by a variable's values (matrix
 * columns, chart series). A name is data, whatever it is. A plain object is not a safe home for it:
 * `{}['constructor']` is a function inherited from Object.prototype, and `o['__proto__'] = v`
 * replaces o's prototype instead of storing v. So reads look at own properties only, and every
 * record written here has no prototype (JSON, structured clone and IndexedDB keep `__proto__` as
 * an ordinary key of such a record).
 */

/** An empty record without a prototype. */
export function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** A record without a prototype holding `entries` in their order (a later entry of a key wins). */
export function recordOf<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const out = emptyRecord<V>();
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The value stored under `key` itself; never one inherited from Object.prototype. */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * A copy of `record` (without a prototype, keys in their order) with `key` set to `value`, or
 * without `key` when `value` is undefined.
 */
export function withValue<V>(record: Readonly<Record<string, V>>, key: string, value: V | undefined): Record<string, V> {
  const out = recordOf(Object.entries(record));
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
}
