/**
 * DEFLATE compression of one zip entry, exactly as JSZip does it: pako (the deflate JSZip uses) with
 * raw output at the given level, plus the entry's CRC-32 and length. pako's output does not depend
 * on how the input is cut into chunks, so an entry may be compressed while it is still being
 * written. No JSZip here: this runs in the zip workers (zip.worker.ts).
 */
import { Deflate } from 'pako';
import { crc32 } from '../crc32';

export { crc32 };

/** One entry compressed: raw DEFLATE data, the CRC-32 and length (bytes) of what it holds. */
export interface CompressedEntry {
  readonly data: Uint8Array;
  readonly crc32: number;
  readonly size: number;
}

export interface EntryCompressor {
  push(bytes: Uint8Array): void;
  finish(): CompressedEntry;
}

/** Compresses one entry from its bytes in any number of chunks, as JSZip would (raw DEFLATE). */
export function createEntryCompressor(level: number): EntryCompressor {
  const deflate = new Deflate({ raw: true, level });
  let crc = 0;
  let size = 0;
  return {
    push(bytes) {
      if (bytes.length === 0) return;
      crc = crc32(crc, bytes);
      size += bytes.length;
      deflate.push(bytes, false);
    },
    finish() {
      // JSZip stores an empty file uncompressed, with no data at all.
      if (size === 0) return { data: new Uint8Array(0), crc32: 0, size: 0 };
      deflate.push(new Uint8Array(0), true);
      if (deflate.err) throw new Error(`deflate failed: ${deflate.msg}`);
      return { data: deflate.result as Uint8Array, crc32: crc, size };
    },
  };
}

/** What the zip workers are asked: bytes of entry `id` (level fixed by the first), its end, or to drop it. */
export type ZipWorkerRequest = { readonly op: 'push'; readonly id: number; readonly level: number; readonly bytes: Uint8Array } | { readonly op: 'end' | 'drop'; readonly id: number };

/** A zip worker's answer to `end`: the entry compressed, or why not. */
export type ZipWorkerReply = { readonly id: number; readonly compressed: CompressedEntry } | { readonly id: number; readonly error: string };

/**
 * The zip worker's work (zip.worker.ts only wires it to its messages): one compressor per open
 * entry; `reply` gets each finished entry.
 */
export function zipWorkerHost(reply: (message: ZipWorkerReply) => void): (request: ZipWorkerRequest) => void {
  const open = new Map<number, EntryCompressor>();
  return (request) => {
    try {
      if (request.op === 'push') {
        let c = open.get(request.id);
        if (!c) open.set(request.id, (c = createEntryCompressor(request.level)));
        c.push(request.bytes);
      } else {
        const c = open.get(request.id) ?? createEntryCompressor(0);
        open.delete(request.id);
        if (request.op === 'end') reply({ id: request.id, compressed: c.finish() });
      }
    } catch (e) {
      open.delete(request.id);
      reply({ id: request.id, error: e instanceof Error ? e.message : String(e) });
    }
  };
}
