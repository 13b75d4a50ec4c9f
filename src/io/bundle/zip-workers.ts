/**
 * The export's zip workers (browser only): entries are compressed in Web Workers while the main
 * thread goes on reading and writing JSON, then put together with `assembleZip`, giving the same
 * bytes as `zipEntries`. An entry written in pieces (`stream`) is compressed as the pieces arrive.
 */
import type { Timestamp } from '../../domain/model';
import type { CompressedEntry, ZipWorkerReply, ZipWorkerRequest } from './entry-compressor';
import { assembleZip } from './zip-entries';

/** The part of a Worker used here (tests pass a stand-in). */
export interface ZipWorkerPort {
  postMessage(message: ZipWorkerRequest, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ZipWorkerReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

/** An entry whose text comes in pieces; sent on, as UTF-8, about a megabyte at a time. */
export interface TextEntrySink {
  write(piece: string): void;
  end(): void;
  /** Forgets what was written (the entry is written again with another sink). */
  drop(): void;
}

export interface ZipWorkers {
  stream(path: string): TextEntrySink;
  add(path: string, bytes: Uint8Array): void;
  /** The zip of the entries in `order`, every one of them added or streamed and ended. */
  zip(order: readonly string[], exportedAt: Timestamp): Promise<Uint8Array>;
  close(): void;
}

/** A zip worker failed (could not load, ran out of memory): the caller can zip in its own thread. */
export class ZipWorkerError extends Error {}

const spawnWorker = (): ZipWorkerPort => new Worker(new URL('./zip.worker.ts', import.meta.url), { type: 'module' });

/** Characters gathered before a piece of text is encoded and sent to its worker. */
const BATCH = 1 << 20;

/**
 * Starts `count` zip workers compressing at `level`; null where there are no workers (Node,
 * tests), so that the caller zips in its own thread instead.
 */
export function startZipWorkers(level: number, count = 2, spawn: () => ZipWorkerPort = spawnWorker): ZipWorkers | null {
  if (!(typeof Worker !== 'undefined' || spawn !== spawnWorker)) return null;
  // `streaming`: entries open on the worker that are still being written (project.json as it is read).
  const workers = Array.from({ length: count }, () => ({ port: spawn(), queued: 0, streaming: 0 }));
  const waiting = new Map<number, { resolve: (c: CompressedEntry) => void; reject: (e: Error) => void; worker: (typeof workers)[number]; bytes: number }>();
  const results = new Map<string, Promise<CompressedEntry>>();
  let nextId = 0;
  let failed: ZipWorkerError | null = null;

  for (const w of workers) {
    w.port.onmessage = (e) => {
      const job = waiting.get(e.data.id);
      if (!job) return;
      waiting.delete(e.data.id);
      w.queued -= job.bytes;
      if ('compressed' in e.data) job.resolve(e.data.compressed);
      else job.reject(new ZipWorkerError(e.data.error));
    };
    w.port.onerror = (e) => {
      const error = new ZipWorkerError(`zip worker failed: ${e.message}`);
      failed = error;
      for (const job of waiting.values()) job.reject(error);
      waiting.clear();
    };
  }
  /**
   * The worker with the fewest bytes waiting, of those not taking an entry that is still being
   * written where there are any: an entry added whole (a text) does not queue up ahead of the
   * pieces of project.json still to come.
   */
  const leastBusy = () => {
    const free = workers.filter((w) => w.streaming === 0);
    return (free.length > 0 ? free : workers).reduce((a, b) => (b.queued < a.queued ? b : a));
  };

  /** Opens entry `path` on the least busy worker; `send` pushes bytes, `end` asks for the result. */
  const open = (path: string) => {
    const id = nextId++;
    const worker = leastBusy();
    let bytes = 0;
    return {
      worker,
      send(chunk: Uint8Array) {
        bytes += chunk.length;
        worker.queued += chunk.length;
        worker.port.postMessage({ op: 'push', id, level, bytes: chunk }, [chunk.buffer]);
      },
      end() {
        results.set(
          path,
          new Promise<CompressedEntry>((resolve, reject) => {
            if (failed) return reject(failed);
            waiting.set(id, { resolve, reject, worker, bytes });
            worker.port.postMessage({ op: 'end', id }, []);
          }),
        );
      },
      drop() {
        worker.queued -= bytes;
        worker.port.postMessage({ op: 'drop', id }, []);
      },
    };
  };

  return {
    stream(path) {
      const entry = open(path);
      const encoder = new TextEncoder();
      let pieces: string[] = [];
      let length = 0;
      let writing = true;
      entry.worker.streaming++;
      const close = () => {
        if (writing) entry.worker.streaming--;
        writing = false;
      };
      const flush = () => {
        if (length > 0) entry.send(encoder.encode(pieces.join('')));
        pieces = [];
        length = 0;
      };
      return {
        write(piece) {
          pieces.push(piece);
          length += piece.length;
          if (length >= BATCH) flush();
        },
        end() {
          flush();
          entry.end();
          close();
        },
        drop() {
          pieces = [];
          length = 0;
          entry.drop();
          close();
        },
      };
    },
    add(path, bytes) {
      const entry = open(path);
      // A copy when the bytes are a view of a larger buffer: only whole buffers can be handed over.
      if (bytes.length > 0) entry.send(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());
      entry.end();
    },
    async zip(order, exportedAt) {
      const compressed = await Promise.all(
        order.map(async (path) => {
          const result = results.get(path);
          if (!result) throw new Error(`zip entry ${path} was never written`);
          return { path, compressed: await result };
        }),
      );
      return assembleZip(compressed, exportedAt);
    },
    close() {
      for (const w of workers) w.port.terminate();
    },
  };
}
