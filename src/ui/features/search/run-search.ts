/**
 * Runs searches in a Web Worker with a time limit: a regular expression that backtracks without
 * end cannot be interrupted on the main thread, but its worker can be ended. Where there are no
 * workers (tests), the search runs in this thread.
 */
import { searchDocuments, type SearchOptions, type SearchOutcome, type SearchText } from '../../../domain/analysis/search';

export interface SearchRequest {
  readonly id: number;
  readonly texts: readonly SearchText[];
  readonly query: string;
  readonly options: SearchOptions;
}

export type SearchReply = { readonly id: number; readonly outcome: SearchOutcome } | { readonly id: number; readonly error: string };

export type SearchRun =
  | SearchOutcome
  /** Took longer than the time limit; the worker was ended. */
  | { readonly ok: false; readonly reason: 'timeout' }
  /** A newer search replaced this one. */
  | { readonly ok: false; readonly reason: 'cancelled' }
  | { readonly ok: false; readonly reason: 'failed'; readonly detail: string };

/** The part of a Worker used here (tests may pass a stand-in). */
export interface SearchWorkerPort {
  postMessage(message: SearchRequest): void;
  onmessage: ((e: MessageEvent<SearchReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

export const SEARCH_TIME_LIMIT_MS = 5000;

const spawnWorker = (): SearchWorkerPort => new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' });

export interface SearchRunner {
  run(texts: readonly SearchText[], query: string, options: SearchOptions): Promise<SearchRun>;
  dispose(): void;
}

export function createSearchRunner(spawn: (() => SearchWorkerPort) | null = typeof Worker === 'undefined' ? null : spawnWorker, limitMs = SEARCH_TIME_LIMIT_MS): SearchRunner {
  if (!spawn) {
    return {
      run: async (texts, query, options) => searchDocuments(texts, query, options),
      dispose: () => undefined,
    };
  }
  let worker: SearchWorkerPort | null = null;
  let nextId = 0;
  let pending: { id: number; settle: (r: SearchRun) => void; timer: ReturnType<typeof setTimeout> } | null = null;

  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  const finish = (r: SearchRun) => {
    if (!pending) return;
    clearTimeout(pending.timer);
    const { settle } = pending;
    pending = null;
    settle(r);
  };
  const start = (): SearchWorkerPort => {
    const w = spawn();
    w.onmessage = (e) => {
      if (!pending || e.data.id !== pending.id) return;
      finish('outcome' in e.data ? e.data.outcome : { ok: false, reason: 'failed', detail: e.data.error });
    };
    w.onerror = (e) => {
      stop();
      finish({ ok: false, reason: 'failed', detail: e.message });
    };
    return w;
  };

  return {
    run(texts, query, options) {
      if (pending) {
        // The old search may be stuck in its pattern: end it rather than queue behind it.
        stop();
        finish({ ok: false, reason: 'cancelled' });
      }
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise<SearchRun>((settle) => {
        const timer = setTimeout(() => {
          stop();
          finish({ ok: false, reason: 'timeout' });
        }, limitMs);
        pending = { id, settle, timer };
        w.postMessage({ id, texts, query, options });
      });
    },
    dispose() {
      if (pending) finish({ ok: false, reason: 'cancelled' });
      stop();
    },
  };
}
