/**
 * Test helpers: zip files built byte by byte, so that tests can make what no zip library writes:
 * an entry of a gigabyte of zeros (deflated as it is generated, never held whole), a size that
 * lies, a name that climbs out of its folder, a file cut off or with a damaged byte.
 */
import { constants, crc32 as zlibCrc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** An entry's bytes as they go into the zip. */
export interface PackedEntry {
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  readonly crc32: number;
  /** Inflated size as the zip declares it (in both headers). */
  readonly size: number;
}

export interface ZipEntryInput {
  readonly name: string;
  /** Content, deflated at level 9 unless `packed` is given. */
  readonly content?: Uint8Array | string;
  readonly packed?: PackedEntry;
}

const bytesOf = (content: Uint8Array | string): Uint8Array => (typeof content === 'string' ? new TextEncoder().encode(content) : content);

export function packed(content: Uint8Array | string): PackedEntry {
  const bytes = bytesOf(content);
  return { data: new Uint8Array(deflateRawSync(bytes, { level: 9 })), method: 8, crc32: zlibCrc32(bytes), size: bytes.length };
}

/**
 * `size` zero bytes, deflated at level 9 a mebibyte at a time: 1.1 GB becomes about 1 MB, and the
 * test never holds more than the compressed data.
 */
export async function zeros(size: number): Promise<PackedEntry> {
  const chunk = new Uint8Array(1 << 20);
  const deflate = createDeflateRaw({ level: 9, memLevel: 9, strategy: constants.Z_DEFAULT_STRATEGY });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = zlibCrc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { data: new Uint8Array(Buffer.concat(out)), method: 8, crc32: crc, size };
}

/** A zip (local headers, data, central directory, end record) of the entries in order, names UTF-8. */
export function buildZip(entries: readonly ZipEntryInput[]): Uint8Array {
  const utf8 = new TextEncoder();
  const parts = entries.map((e) => ({ name: utf8.encode(e.name), packed: e.packed ?? packed(e.content ?? '') }));
  const total = parts.reduce((n, p) => n + 30 + 46 + 2 * p.name.length + p.packed.data.length, 22);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(at, v >>> 0, true);
    at += 4;
  };
  const put = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };
  const common = (p: (typeof parts)[number]) => {
    u16(20);
    u16(0x0800);
    u16(p.packed.method);
    u16(0);
    u16(0x21);
    u32(p.packed.crc32);
    u32(p.packed.data.length);
    u32(p.packed.size);
    u16(p.name.length);
    u16(0);
  };
  const offsets = parts.map((p) => {
    const offset = at;
    u32(0x04034b50);
    common(p);
    put(p.name);
    put(p.packed.data);
    return offset;
  });
  const central = at;
  parts.forEach((p, i) => {
    u32(0x02014b50);
    u16(20);
    common(p);
    u16(0);
    u16(0);
    u16(0);
    u32(0);
    u32(offsets[i] as number);
    put(p.name);
  });
  const centralLength = at - central;
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(parts.length);
  u16(parts.length);
  u32(centralLength);
  u32(central);
  u16(0);
  return out;
}

/** The entries of a zip as this helper or JSZip wrote them (no data descriptors): name, packed data. */
export function entriesOf(zip: Uint8Array): ZipEntryInput[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out: ZipEntryInput[] = [];
  for (let i = 0; i < count; i++) {
    const method = view.getUint16(at + 10, true) as 0 | 8;
    const crc = view.getUint32(at + 16, true);
    const csize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.push({ name, packed: { data: zip.slice(start, start + csize), method, crc32: crc, size } });
    at += 46 + skip;
  }
  return out;
}

/** The zip with `edit` applied to its entries (in order). */
export function rebuild(zip: Uint8Array, edit: (entries: ZipEntryInput[]) => ZipEntryInput[]): Uint8Array {
  return buildZip(edit(entriesOf(zip)));
}
