/**
 * Reading zip files that come from outside (bundles, .qdpx, .docx) without trusting them: the
 * central directory is read without inflating anything, and an entry is inflated only when its
 * format names it, against a limit that follows from what the entry may hold. An entry that
 * declares more, or inflates to more, is refused as soon as the count passes the limit, so a zip
 * bomb (a megabyte that inflates to gigabytes) costs no more than the limit. Names that climb out
 * of the zip (`../`, `/etc`, `C:`) are refused by name. Every problem is a value naming the entry.
 */
// pako is CommonJS: Node's ES module loader sees only its default export, so no named import here.
import pako from 'pako';
import { fail, ok, type Result } from '../domain/assert';
import { crc32 } from './crc32';

export interface ZipEntry {
  /** The name as stored (UTF-8), folders separated by "/". */
  readonly name: string;
  /** 0: stored, 8: deflated. */
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** The inflated size the central directory declares, in bytes. */
  readonly size: number;
  /** Where the entry's local header starts. */
  readonly offset: number;
}

/**
 * Why a zip or one of its entries cannot be read: `damaged` (cut off, a checksum that does not
 * match, a compression method or encryption this reader does not know), `too-large` (an entry
 * over its limit), `unsafe-name` (an entry name outside the zip's own folders). The detail names
 * the entry and says what was found.
 */
export type ZipProblem = 'damaged' | 'too-large' | 'unsafe-name';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const count = (n: number): string => n.toLocaleString('en-US');

/** A number of bytes for a message: "1,100,000,000 bytes". */
export const bytesText = (n: number): string => `${count(n)} bytes`;

/** The end record: the central directory's place and size, and how many bytes precede the zip (a self-extractor's stub). */
function findDirectory(bytes: Uint8Array, view: DataView): Result<{ start: number; length: number; entries: number; shift: number }, ZipProblem> {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return fail('damaged', 'the zip’s table of contents (its end of central directory) is missing: the file is cut off or is no zip');
  let entries = view.getUint16(eocd + 10, true);
  let length = view.getUint32(eocd + 12, true);
  let start = view.getUint32(eocd + 16, true);
  let end = eocd;
  if ((entries === 0xffff || length === 0xffffffff || start === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const record = Number(view.getBigUint64(eocd - 12, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== ZIP64_EOCD) return fail('damaged', 'the zip’s ZIP64 table of contents is damaged');
    entries = Number(view.getBigUint64(record + 32, true));
    length = Number(view.getBigUint64(record + 40, true));
    start = Number(view.getBigUint64(record + 48, true));
    end = record;
  }
  // Bytes before the zip (a self-extracting stub) move every offset by the same amount.
  const shift = end - (start + length);
  if (shift < 0 || start + shift < 0) return fail('damaged', 'the zip’s table of contents points past its end: the file is cut off or damaged');
  return ok({ start: start + shift, length, entries, shift });
}

/** Sizes and offset that do not fit in 32 bits, from the ZIP64 extra field (id 1), in its order. */
function zip64Fields(view: DataView, extra: number, extraLength: number, wanted: { size: boolean; compressed: boolean; offset: boolean }) {
  const found: { size?: number; compressed?: number; offset?: number } = {};
  for (let at = extra; at + 4 <= extra + extraLength; ) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const next = (): number | undefined => {
        if (field + 8 > at + 4 + length) return undefined;
        const v = Number(view.getBigUint64(field, true));
        field += 8;
        return v;
      };
      if (wanted.size) found.size = next();
      if (wanted.compressed) found.compressed = next();
      if (wanted.offset) found.offset = next();
    }
    at += 4 + length;
  }
  return found;
}

/**
 * The zip's entries (folders included, as their names end in "/"), from its central directory,
 * without inflating anything. A name given twice is refused: two readers could take different ones.
 */
export function readZipDirectory(bytes: Uint8Array): Result<ZipEntry[], ZipProblem> {
  if (bytes.length < 22) return fail('damaged', `the file is ${bytesText(bytes.length)} long, too short for a zip`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dir = findDirectory(bytes, view);
  if (!dir.ok) return dir;
  const { start, length, shift } = dir.value;
  const names = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let at = start;
  while (at < start + length) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) {
      return fail('damaged', `the zip’s table of contents is damaged after ${count(entries.length)} entries`);
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength + extraLength > bytes.length) return fail('damaged', 'the zip’s table of contents is cut off');
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let size = view.getUint32(at + 24, true);
    let compressedSize = view.getUint32(at + 20, true);
    let offset = view.getUint32(at + 42, true);
    if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
      const wide = zip64Fields(view, at + 46 + nameLength, extraLength, { size: size === 0xffffffff, compressed: compressedSize === 0xffffffff, offset: offset === 0xffffffff });
      size = wide.size ?? size;
      compressedSize = wide.compressed ?? compressedSize;
      offset = wide.offset ?? offset;
    }
    if (seen.has(name)) return fail('damaged', `the zip holds two entries named “${name}”`);
    seen.add(name);
    entries.push({ name, method: view.getUint16(at + 10, true), flags: view.getUint16(at + 8, true), crc32: view.getUint32(at + 16, true), compressedSize, size, offset: offset + shift });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length !== dir.value.entries) return fail('damaged', `the zip’s table of contents lists ${count(entries.length)} entries but declares ${count(dir.value.entries)}`);
  return ok(entries);
}

export const isFolder = (entry: ZipEntry): boolean => entry.name.endsWith('/');

/**
 * Why an entry name is unsafe, or undefined when it is not: a `..` segment, an absolute path, a
 * drive letter, a NUL character, or (unless `backslashIsSeparator`) a backslash. Markeer never
 * writes entries to disk, but a name like this means the file was made to attack tools that do.
 * Some Windows tools write `\` between folders; REFI-QDA is read leniently and passes
 * `backslashIsSeparator`, a bundle (which Markeer writes) does not.
 */
export function unsafeEntryName(name: string, backslashIsSeparator = false): string | undefined {
  if (name.includes('\0')) return 'it holds a NUL character';
  if (name.includes('\\') && !backslashIsSeparator) return 'it holds a backslash';
  const path = name.replace(/\\/g, '/');
  if (/^[A-Za-z]:/.test(path)) return 'it starts with a drive letter';
  if (path.startsWith('/')) return 'it is an absolute path';
  if (path.split('/').includes('..')) return 'it climbs out of its folder with “..”';
  return undefined;
}

/** The first entry with an unsafe name, as a message, or undefined. */
export function firstUnsafeName(entries: readonly ZipEntry[], backslashIsSeparator = false): string | undefined {
  for (const entry of entries) {
    const why = unsafeEntryName(entry.name, backslashIsSeparator);
    if (why) return `the zip holds an entry named “${entry.name}”, which is unsafe: ${why}`;
  }
  return undefined;
}

/**
 * Faster stand-ins for pako and crc32.ts that a host may supply: the command line gives Node's own
 * zlib (src/cli/node-zip.ts); the browser and the tests of src/io use the portable code. A stand-in
 * must give exactly what the portable code gives for the bytes it accepts.
 */
export interface ZipAccelerators {
  /**
   * Raw DEFLATE data inflated completely, or null for data it does not inflate cleanly to at most
   * `maxBytes` bytes (damaged, cut off, over the limit): pako then reads it again and names the
   * problem. `declaredBytes` is the size the zip declares (at most `maxBytes`; it may be false).
   */
  readonly inflateRaw: (data: Uint8Array, maxBytes: number, declaredBytes: number) => Uint8Array | null;
  /** CRC-32 as zip files carry it: what `crc32(0, bytes)` gives. */
  readonly crc32: (bytes: Uint8Array) => number;
}

let accelerators: ZipAccelerators | null = null;

/** Makes readZipEntry inflate and check entries with `a` (null: the portable code again), for the whole process. */
export function useZipAccelerators(a: ZipAccelerators | null): void {
  accelerators = a;
}

/** Thrown from pako's onData to stop inflating at the limit. */
class OverLimit extends Error {}

/** Output bytes between pauses, so that inflating a large entry does not hold the page still. */
const YIELD_EVERY = 8 << 20;
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** What an entry is, for messages: `texts/1.txt` or `a document's text (texts/1.txt)`. */
export interface EntryLimit {
  /** The most bytes the entry may inflate to. */
  readonly bytes: number;
  /** What the limit is, for the message: "a document's text holds at most 40,000,000 characters". */
  readonly why: string;
}

/** "texts/a.txt declares 1,100,000,000 bytes; at most 120,000,000 bytes are allowed (why)". */
const overLimit = (entry: ZipEntry, found: string, limit: EntryLimit): { ok: false; reason: 'too-large'; detail: string } =>
  fail('too-large', `${entry.name} ${found}; at most ${bytesText(limit.bytes)} are allowed (${limit.why})`) as { ok: false; reason: 'too-large'; detail: string };

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * An entry's bytes, inflated with a running count: refused before inflating when its declared
 * size is over `limit`, and as soon as the inflated bytes pass it (a size that lies), so that no
 * more than the limit is ever held. The inflated size and CRC-32 must match the directory's.
 */
export async function readZipEntry(bytes: Uint8Array, entry: ZipEntry, limit: EntryLimit): Promise<Result<Uint8Array, ZipProblem>> {
  if (entry.size > limit.bytes) return overLimit(entry, `declares ${bytesText(entry.size)}`, limit);
  if (entry.flags & 1) return fail('damaged', `${entry.name} is encrypted`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== LOCAL) return fail('damaged', `${entry.name}: its header is missing or damaged`);
  const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  if (start + entry.compressedSize > bytes.length) return fail('damaged', `${entry.name} is cut off`);
  const data = bytes.subarray(start, start + entry.compressedSize);
  let content: Uint8Array;
  if (entry.method === 0) {
    content = data;
  } else if (entry.method === 8) {
    const quick = accelerators?.inflateRaw(data, limit.bytes, entry.size) ?? null;
    if (quick) {
      content = quick;
    } else {
      const inflated = await inflate(data, entry, limit);
      if (!inflated.ok) return inflated;
      content = inflated.value;
    }
  } else {
    return fail('damaged', `${entry.name} is compressed with method ${entry.method}, which Markeer does not read (only stored and deflated entries)`);
  }
  if (content.length > limit.bytes) return overLimit(entry, `holds ${bytesText(content.length)}`, limit);
  if (content.length !== entry.size) return fail('damaged', `${entry.name} is damaged: it holds ${bytesText(content.length)}, but the zip declares ${bytesText(entry.size)}`);
  if ((accelerators ? accelerators.crc32(content) : crc32(0, content)) !== entry.crc32) return fail('damaged', `${entry.name} is damaged: its checksum (CRC-32) does not match its content`);
  return ok(content);
}

async function inflate(data: Uint8Array, entry: ZipEntry, limit: EntryLimit): Promise<Result<Uint8Array, ZipProblem>> {
  const inflater = new pako.Inflate({ raw: true, chunkSize: 1 << 16 });
  const chunks: Uint8Array[] = [];
  let size = 0;
  inflater.onData = (chunk: Uint8Array) => {
    size += chunk.length;
    if (size > limit.bytes) throw new OverLimit();
    chunks.push(chunk);
  };
  // Compressed input a piece at a time: one piece of a bomb inflates to at most about 66 MB.
  const piece = 1 << 16;
  let pausedAt = 0;
  try {
    for (let at = 0; ; at += piece) {
      const last = at + piece >= data.length;
      inflater.push(data.subarray(at, at + piece), last);
      if (inflater.err) return fail('damaged', `${entry.name} is damaged: its compressed data cannot be inflated (${inflater.msg || `error ${inflater.err}`})`);
      if (last || inflater.ended) break;
      if (size - pausedAt > YIELD_EVERY) {
        pausedAt = size;
        await pause();
      }
    }
  } catch (e) {
    if (e instanceof OverLimit) return overLimit(entry, `inflates to more than it declares (${bytesText(entry.size)})`, limit);
    throw e;
  }
  return ok(concat(chunks, size));
}
