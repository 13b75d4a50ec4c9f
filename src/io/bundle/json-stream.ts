import { collectKeys, stringifyWithKeys } from './json';

/** Array elements per JSON.stringify call when a list is written in pieces. */
const SLICE = 2000;

const sortedKeys = (value: unknown): string[] => {
  const keys = new Set<string>();
  collectKeys(value, keys);
  return [...keys].sort();
};

/** Whether JSON.stringify writes an object member with this value (it leaves the others out). */
const written = (value: unknown): boolean => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';

/**
 * `stableJson(value)` without its final line end, in pieces (long lists a slice at a time), so
 * that what is written can be sent on before the rest is. Each piece lists the keys it holds, in
 * order: the same text as one call with every key of the whole value.
 */
export function stableJsonPieces(value: unknown, emit: (piece: string) => void): void {
  if (!Array.isArray(value) || value.length <= SLICE) {
    emit(stringifyWithKeys(value, sortedKeys(value)));
    return;
  }
  emit('[');
  for (let i = 0; i < value.length; i += SLICE) {
    const slice = value.slice(i, i + SLICE);
    const text = stringifyWithKeys(slice, sortedKeys(slice));
    emit(`${i === 0 ? '' : ','}${text.slice(1, -1)}`);
  }
  emit(']');
}

interface Member {
  readonly key: string;
  readonly value: unknown;
  /** The member's JSON when short, to compare with the final one when the values are copies. */
  readonly text: string | null;
}

/** Members up to this many characters keep their text (a few records; not the long lists). */
const KEEP_TEXT = 1 << 20;

const jsonText = (value: unknown): string => {
  let text = '';
  stableJsonPieces(value, (p) => (text += p));
  return text;
};

/** How much of a member's value is known: all of it, or (a list) its first records. */
export type MemberState = 'done' | 'partial' | undefined;

/**
 * Writes a JSON object (`stableJson(object)`, no indent) member by member while the object is still
 * being put together, so that its start can be compressed before its end is known. `advance` writes
 * what is final, in key order: whole members, and the first records of a list that is still
 * growing at its end; `finish` checks all of it against the complete object and writes the rest.
 * What was written ahead is checked in `finish`: the same value, a list of the same records or of
 * shallow copies of them, or (short members) the same JSON.
 */
export class JsonObjectWriter {
  private readonly members: Member[] = [];
  /** A list member written in part: its records so far; the closing bracket is still to come. */
  private open: { readonly key: string; readonly records: unknown[] } | null = null;
  private keys: readonly string[] | null = null;

  constructor(private readonly emit: (piece: string) => void) {}

  /**
   * Writes what `state` says is final of the next members, taking the values from `build()`
   * (called only when there is something to write, as it may be costly).
   */
  advance(build: () => Record<string, unknown>, state: (key: string) => MemberState): void {
    const pending = this.nextKey();
    if (this.keys !== null && (pending === undefined || state(pending) === undefined)) return;
    const object = build();
    this.keys = membersOf(object);
    for (let key = this.nextKey(); key !== undefined; key = this.nextKey()) {
      const known = state(key);
      const value = object[key];
      if (known === 'done') this.complete(key, value);
      else if (known === 'partial' && Array.isArray(value)) {
        this.append(key, value);
        return;
      } else return;
    }
  }

  /**
   * Writes the rest of `object` and the closing brace. False when something written ahead is not
   * the object's (then the text written so far is wrong: write the object again, whole).
   */
  finish(object: Record<string, unknown>): boolean {
    if (this.open) this.complete(this.open.key, object[this.open.key]);
    const keys = membersOf(object);
    const same = this.members.every((m, i) => m.key === keys[i] && (sameValue(m.value, object[m.key]) || (m.text !== null && m.text === jsonText(object[m.key]))));
    if (!same) return false;
    for (const key of keys.slice(this.members.length)) this.complete(key, object[key]);
    this.emit(this.members.length === 0 ? '{}' : '}');
    return true;
  }

  /** Whether member `key` has been written whole. */
  has(key: string): boolean {
    return this.members.some((m) => m.key === key);
  }

  private nextKey(): string | undefined {
    return this.open?.key ?? this.keys?.[this.members.length];
  }

  private start(key: string): void {
    this.emit(`${this.members.length === 0 ? '{' : ','}${JSON.stringify(key)}:`);
  }

  /** Writes the member whole, or the rest of the list begun with `append`. */
  private complete(key: string, value: unknown): void {
    const open = this.open;
    if (open && open.key === key) {
      // A list that stopped being a list cannot be finished: `finish` then finds it differs.
      if (Array.isArray(value)) this.append(key, value);
      this.emit(']');
      this.members.push({ key, value: open.records, text: null });
      this.open = null;
      return;
    }
    this.start(key);
    let text: string | null = '';
    stableJsonPieces(value, (piece) => {
      this.emit(piece);
      text = text !== null && text.length + piece.length <= KEEP_TEXT ? text + piece : null;
    });
    this.members.push({ key, value, text });
  }

  /** Writes the records of list `key` past those already written, leaving the list open. */
  private append(key: string, list: readonly unknown[]): void {
    if (!this.open) {
      this.start(key);
      this.emit('[');
      this.open = { key, records: [] };
    }
    const records = this.open.records;
    for (let i = records.length; i < list.length; i += SLICE) {
      const slice = list.slice(i, i + SLICE);
      const text = stringifyWithKeys(slice, sortedKeys(slice));
      this.emit(`${records.length === 0 ? '' : ','}${text.slice(1, -1)}`);
      for (const r of slice) records.push(r);
    }
  }
}

/** The keys JSON.stringify writes, sorted. */
const membersOf = (object: Record<string, unknown>): string[] =>
  Object.keys(object)
    .filter((k) => written(object[k]))
    .sort();

/**
 * Whether two values certainly give the same JSON without writing it: the same value, or lists of
 * the same records or of copies of them (`sameRecord`).
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => sameRecord(x, b[i]));
}

/** The same record, or a copy with the same properties: each the same value or a list of the same values. */
function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => {
    const u = x[k];
    const v = y[k];
    return u === v || (k in y && Array.isArray(u) && Array.isArray(v) && u.length === v.length && u.every((e, i) => e === v[i]));
  });
}
