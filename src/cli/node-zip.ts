/**
 * Node's own zlib for the zip reader (src/io/zip.ts): inflating and checking a bundle's entries
 * natively takes a fraction of what pako and a CRC-32 in JavaScript take (issue 15). The results
 * are the same bytes; whatever zlib does not inflate cleanly is left to pako, which names the
 * problem in the same words as without this.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import type { ZipAccelerators } from '../io/zip';

/** The most memory asked for at once; a larger entry is inflated in pieces of this size. */
const MAX_CHUNK = 64 << 20;

export const NODE_ZIP: ZipAccelerators = {
  inflateRaw(data, maxBytes, declaredBytes) {
    if (data.length === 0 || maxBytes < 1) return null;
    try {
      // Room for the declared size and one byte more: a truthful entry inflates into one buffer, without copying.
      const chunkSize = Math.max(1 << 16, Math.min(declaredBytes + 1, maxBytes + 1, MAX_CHUNK));
      const out = inflateRawSync(data, { maxOutputLength: maxBytes, chunkSize });
      // A plain Uint8Array over the same memory: Buffer's slice() is a view, Uint8Array's a copy.
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch {
      return null;
    }
  },
  crc32: (bytes) => crc32(bytes),
};
