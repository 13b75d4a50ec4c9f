/**
 * Zipping a bundle's entries in two steps, so that the compression can run elsewhere (in workers,
 * `zip.worker.ts`) and start before an entry is complete: each entry is DEFLATE-compressed on its
 * own as its bytes arrive (`createEntryCompressor`), then the compressed entries are put together
 * (`assembleZip`). The result is byte for byte what `zipEntries` (serialize.ts) writes with JSZip
 * alone: the same deflate (entry-compressor.ts), and JSZip writes the container itself, keeping
 * the entries it reads already compressed as they are.
 */
import JSZip from 'jszip';
import type { Timestamp } from '../../domain/model';
import type { CompressedEntry } from './entry-compressor';
import { ZIP_OPTIONS } from './serialize';

/**
 * The compressed entries as one zip, in the given order, each stamped with `exportedAt`: the same
 * bytes as `zipEntries` on the uncompressed entries. They are written into a plain intermediate
 * zip that JSZip reads; JSZip then writes the bundle, reusing the compressed data as it is because
 * the method (DEFLATE) is the same.
 */
export async function assembleZip(entries: readonly { readonly path: string; readonly compressed: CompressedEntry }[], exportedAt: Timestamp): Promise<Uint8Array> {
  const zip = new JSZip();
  await zip.loadAsync(intermediateZip(entries, new Date(exportedAt)));
  return zip.generateAsync(ZIP_OPTIONS);
}

/**
 * A minimal zip (local headers, data, central directory) that JSZip reads back into entries with
 * the given names, date (DOS time, UTC, as JSZip writes it), no permissions and no comments.
 */
function intermediateZip(entries: readonly { readonly path: string; readonly compressed: CompressedEntry }[], date: Date): Uint8Array {
  const utf8 = new TextEncoder();
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const named = entries.map((e) => ({ ...e, name: utf8.encode(e.path) }));
  const localSize = named.reduce((n, e) => n + 30 + e.name.length + e.compressed.data.length, 0);
  const centralSize = named.reduce((n, e) => n + 46 + e.name.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
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
  const bytes = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };
  // Fields shared by a local header and its central directory record, from "version needed" on.
  const common = (e: (typeof named)[number]) => {
    const stored = e.compressed.size === 0;
    u16(20); // version needed: 2.0
    u16(e.name.some((b) => b > 0x7f) ? 0x0800 : 0); // bit 11: the name is UTF-8
    u16(stored ? 0 : 8); // method: STORE or DEFLATE
    u16(dosTime);
    u16(dosDate);
    u32(e.compressed.crc32);
    u32(e.compressed.data.length);
    u32(e.compressed.size);
    u16(e.name.length);
    u16(0); // extra field length
  };
  const offsets: number[] = [];
  for (const e of named) {
    offsets.push(at);
    u32(0x04034b50);
    common(e);
    bytes(e.name);
    bytes(e.compressed.data);
  }
  const central = at;
  named.forEach((e, i) => {
    u32(0x02014b50);
    u16(0x0014); // made by: DOS, 2.0 (as JSZip), so that no permissions are read back
    common(e);
    u16(0); // comment length
    u16(0); // disk number
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(offsets[i] as number);
    bytes(e.name);
  });
  const centralLength = at - central;
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(named.length);
  u16(named.length);
  u32(centralLength);
  u32(central);
  u16(0);
  return out;
}
