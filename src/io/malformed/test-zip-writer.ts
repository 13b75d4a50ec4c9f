/**
 * Test helper: a zip writer that takes entries already compressed, so that an entry of 1.1 GB of
 * zeros is written from its 1 MB deflate stream without ever holding the 1.1 GB, and a deflate
 * stream of a long run of one byte built in time and memory that follow the compressed size.
 */
import { crc32 } from 'node:zlib';
import { Deflate } from 'pako';

/** One zip entry as it is stored: method 0 (stored) or 8 (deflate), with its CRC-32 and inflated size. */
export interface ZipEntry {
  readonly name: string;
  readonly method: 0 | 8;
  /** The entry's data as stored in the zip (compressed for method 8). */
  readonly data: Uint8Array;
  readonly crc: number;
  /** Inflated size in bytes (below 4 GiB: no zip64). */
  readonly size: number;
}

/** pako 1.0's streaming Deflate as used here: `push` with a zlib flush mode, chunks through `onData`. */
interface StreamingDeflate {
  push(data: Uint8Array, mode: number): boolean;
  onData: (chunk: Uint8Array) => void;
  readonly err: number;
}

const Z_NO_FLUSH = 0;
const Z_SYNC_FLUSH = 2;
const Z_FINISH = 4;

const streaming = (level = 6): StreamingDeflate => new Deflate({ raw: true, level }) as unknown as StreamingDeflate;

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A file deflated (or stored) as a zip entry. */
export function entryOf(name: string, content: Uint8Array | string, method: 0 | 8 = 8): ZipEntry {
  const bytes = typeof content === 'string' ? utf8(content) : content;
  if (method === 0) return { name, method, data: bytes, crc: crc32(bytes), size: bytes.length };
  const d = streaming();
  const parts: Uint8Array[] = [];
  d.onData = (c) => parts.push(c);
  d.push(bytes, Z_FINISH);
  return { name, method, data: concat(parts), crc: crc32(bytes), size: bytes.length };
}

/**
 * A deflate stream of `prefix` followed by `count` copies of `byte`, e.g. 1.1e9 zeros in about
 * 1 MB. Once the window holds only `byte`, deflating another chunk ending in a sync flush gives
 * the same byte-aligned output every time; that output is repeated instead of deflating every
 * chunk. The CRC-32 is computed natively over a reused chunk.
 */
export function runEntry(name: string, byte: number, count: number, prefix: Uint8Array = new Uint8Array(0), chunk = 8 << 20): ZipEntry {
  const whole = Math.floor(count / chunk);
  const rest = count - whole * chunk;
  const run = new Uint8Array(chunk).fill(byte);
  // The highest level: about 1030 to 1, as close to deflate's limit as it gets.
  const d = streaming(9);
  let parts: Uint8Array[] = [];
  d.onData = (c) => parts.push(c);
  const take = (): Uint8Array => {
    const out = concat(parts);
    parts = [];
    return out;
  };
  if (prefix.length > 0) d.push(prefix, Z_NO_FLUSH);
  const stream: Uint8Array[] = [];
  let crc = crc32(prefix);
  if (whole < 3) {
    for (let i = 0; i < whole; i++) d.push(run, Z_NO_FLUSH);
  } else {
    d.push(run, Z_SYNC_FLUSH);
    stream.push(take());
    d.push(run, Z_SYNC_FLUSH);
    const repeated = take();
    d.push(run, Z_SYNC_FLUSH);
    const again = take();
    if (repeated.length !== again.length || repeated.some((b, i) => b !== again[i])) throw new Error('runEntry: the deflate output did not settle');
    for (let i = 1; i < whole; i++) stream.push(repeated);
  }
  for (let i = 0; i < whole; i++) crc = crc32(run, crc);
  d.push(run.subarray(0, rest), Z_FINISH);
  stream.push(take());
  if (d.err) throw new Error(`runEntry: deflate error ${d.err}`);
  crc = crc32(run.subarray(0, rest), crc);
  return { name, method: 8, data: concat(stream), crc, size: prefix.length + count };
}

/** The bytes of a zip of `entries` in their order, and where each entry's data starts. */
export function writeZip(entries: readonly ZipEntry[]): { bytes: Uint8Array; dataOffset: ReadonlyMap<string, number> } {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const dataOffset = new Map<string, number>();
  let offset = 0;
  // 2026-03-05 12:00, MS-DOS format.
  const time = (12 << 11) | (0 << 5);
  const date = ((2026 - 1980) << 9) | (3 << 5) | 5;
  for (const e of entries) {
    const name = utf8(e.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true); // names in UTF-8
    local.setUint16(8, e.method, true);
    local.setUint16(10, time, true);
    local.setUint16(12, date, true);
    local.setUint32(14, e.crc >>> 0, true);
    local.setUint32(18, e.data.length, true);
    local.setUint32(22, e.size, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    const header = new Uint8Array(local.buffer);
    parts.push(header, name, e.data);
    dataOffset.set(e.name, offset + header.length + name.length);

    const c = new DataView(new ArrayBuffer(46));
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, 0x0800, true);
    c.setUint16(10, e.method, true);
    c.setUint16(12, time, true);
    c.setUint16(14, date, true);
    c.setUint32(16, e.crc >>> 0, true);
    c.setUint32(20, e.data.length, true);
    c.setUint32(24, e.size, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    central.push(new Uint8Array(c.buffer), name);
    offset += header.length + name.length + e.data.length;
  }
  const centralBytes = concat(central);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralBytes.length, true);
  end.setUint32(16, offset, true);
  return { bytes: concat([...parts, centralBytes, new Uint8Array(end.buffer)]), dataOffset };
}

/** A zip of files (deflated), in the map's order. */
export const zipOf = (files: ReadonlyMap<string, Uint8Array | string>): Uint8Array => writeZip([...files].map(([name, content]) => entryOf(name, content))).bytes;
