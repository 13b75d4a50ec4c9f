/**
 * Computes agreement reports in Web Workers, one share of the codes and domains per worker (one
 * worker per core, at most four): the dialog stays responsive while a large project's figures are
 * computed, and they come sooner on a machine with more than one core. The input goes to the
 * workers packed (domain/agreement/packed.ts). The first share's worker also computes the first
 * two coders' agreement per segment, after its share of the report (agreement-work.ts). Where
 * there are no workers (tests), or a worker failed to start, the caller computes both itself.
 */
import {
  joinAgreementShares,
  packAgreementInput,
  sameAgreementInput,
  type AgreementInput,
  type AgreementReport,
  type SegmentAgreementReport,
} from '../../../domain/agreement';
import type { AgreementReply, AgreementRequest } from './agreement-work';

export type { AgreementReply, AgreementRequest } from './agreement-work';

/** The part of a Worker used here (tests pass a stand-in). */
export interface AgreementWorkerPort {
  postMessage(message: AgreementRequest): void;
  onmessage: ((e: MessageEvent<AgreementReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Why a run gave no report. */
export class AgreementRunFailed extends Error {
  constructor(
    /** 'superseded': a newer run replaced it (not a failure to show); 'failed': a worker could not compute it. */
    readonly reason: 'superseded' | 'failed',
    detail: string,
  ) {
    super(detail);
    this.name = 'AgreementRunFailed';
  }
}

/**
 * The first two coders' agreement per segment at the default share, as a run's first worker sends
 * it after the report: `value` is undefined until it came, null when the worker could not compute
 * it or was ended first (the caller then computes it itself).
 */
export interface SegmentTableSlot {
  readonly value: SegmentAgreementReport | null | undefined;
  readonly promise: Promise<SegmentAgreementReport | null>;
}

export interface AgreementRunner {
  /**
   * The report of `input`: the same promise while an input with the same content is being
   * computed, and at once when it is one of the last ones computed.
   */
  run(input: AgreementInput): Promise<AgreementReport>;
  /**
   * Computes the report of `input` ahead of a click, when nothing else is being computed. A run
   * asked for meanwhile takes it over when it asks for the same figures; otherwise it replaces
   * the guess, whose answer is ignored, and is computed after it on the same workers.
   */
  ahead(input: AgreementInput): void;
  /** The report of `input` if it is one of the last ones computed (its content: see sameAgreementInput). */
  peek(input: AgreementInput): AgreementReport | null;
  /** The segment table of `input`, when it is being computed or one of the last ones computed; null otherwise. */
  segmentTable(input: AgreementInput): SegmentTableSlot | null;
  dispose(): void;
}

/**
 * How many reports are kept: the dialog's default (computed ahead by AgreementAhead) and every
 * coder together (guessed by the dialog) stay while the dialog computes another choice.
 */
const KEPT_REPORTS = 3;

export function createAgreementRunner(spawn: () => AgreementWorkerPort, workers: number): AgreementRunner {
  const count = Math.max(1, Math.floor(workers));
  let pool: AgreementWorkerPort[] = [];
  let nextId = 0;
  // The last reports computed, the latest first.
  let recent: { readonly input: AgreementInput; readonly report: AgreementReport; readonly table: SegmentTableSlot }[] = [];
  // The segment tables still to come, by run.
  const awaited = new Map<number, (table: SegmentAgreementReport | null) => void>();
  const newSlot = (id: number): SegmentTableSlot => {
    const slot: { value: SegmentAgreementReport | null | undefined; promise: Promise<SegmentAgreementReport | null> } = { value: undefined, promise: Promise.resolve(null) };
    slot.promise = new Promise((resolve) =>
      awaited.set(id, (table) => {
        awaited.delete(id);
        slot.value = table;
        resolve(table);
      }),
    );
    return slot;
  };
  const tableCame = (id: number, table: SegmentAgreementReport | null) => awaited.get(id)?.(table);
  const computed = (input: AgreementInput) => recent.findIndex((r) => sameAgreementInput(r.input, input));
  let pending: {
    readonly input: AgreementInput;
    readonly id: number;
    readonly promise: Promise<AgreementReport>;
    /** Computed ahead of a click (see `ahead`), and not asked for since. */
    ahead: boolean;
    readonly table: SegmentTableSlot;
    readonly shares: (AgreementReport | undefined)[];
    settle(report: AgreementReport): void;
    fail(e: AgreementRunFailed): void;
  } | null = null;

  const stop = () => {
    for (const w of pool) w.terminate();
    pool = [];
    // Tables still to come will not: their callers compute them.
    for (const id of [...awaited.keys()]) tableCame(id, null);
  };
  const fail = (e: AgreementRunFailed) => {
    const was = pending;
    pending = null;
    was?.fail(e);
  };
  const spawnPool = () => {
    pool = Array.from({ length: count }, () => {
      const w = spawn();
      w.onmessage = (e) => {
        if ('segments' in e.data) {
          tableCame(e.data.id, e.data.segments);
          return;
        }
        // A report that failed is followed by no table.
        if ('error' in e.data) tableCame(e.data.id, null);
        const run = pending;
        if (!run || e.data.id !== run.id) return;
        if ('error' in e.data) {
          // A report that cannot be computed (a segment outside its document, say): all workers stop.
          stop();
          fail(new AgreementRunFailed('failed', e.data.error));
          return;
        }
        run.shares[pool.indexOf(w)] = e.data.report;
        if (run.shares.every((share) => share !== undefined)) {
          pending = null;
          const report = joinAgreementShares(run.shares as AgreementReport[]);
          recent = [{ input: run.input, report, table: run.table }, ...recent].slice(0, KEPT_REPORTS);
          run.settle(report);
        }
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        stop();
        fail(new AgreementRunFailed('failed', e.message || 'the agreement worker could not start'));
      };
      return w;
    });
  };

  const start = (input: AgreementInput, ahead: boolean): Promise<AgreementReport> => {
    if (pool.length === 0) spawnPool();
    const id = nextId++;
    let settle!: (report: AgreementReport) => void;
    let reject!: (e: AgreementRunFailed) => void;
    const promise = new Promise<AgreementReport>((resolve, rejectWith) => {
      settle = resolve;
      reject = rejectWith;
    });
    pending = { input, id, promise, ahead, table: newSlot(id), shares: Array.from({ length: count }, () => undefined), settle, fail: reject };
    const packed = packAgreementInput(input);
    pool.forEach((w, index) => w.postMessage({ id, input: packed, share: { index, of: count } }));
    return promise;
  };

  const runner: AgreementRunner = {
    run(input) {
      if (pending && sameAgreementInput(pending.input, input)) {
        pending.ahead = false;
        return pending.promise;
      }
      const done = computed(input);
      // Already computed; what is under way for another input goes on.
      if (done >= 0) return Promise.resolve((recent[done] as (typeof recent)[number]).report);
      if (pending) {
        // The workers are still on the old figures: end them rather than wait for what nobody
        // will see. A guess (`ahead`) is let finish, its answer ignored, and the new figures
        // follow it: a new worker's first report is slow (its code is not compiled yet).
        if (!pending.ahead) stop();
        fail(new AgreementRunFailed('superseded', 'a newer choice replaced these figures'));
      }
      return start(input, false);
    },
    ahead(input) {
      if (pending || computed(input) >= 0) return;
      // Its failure shows when the dialog asks for the same figures.
      start(input, true).catch(() => undefined);
    },
    peek(input) {
      const done = computed(input);
      const hit = recent[done];
      if (!hit) return null;
      // The caller's input from now on: the next comparison is by identity.
      recent = recent.map((r, i) => (i === done ? { ...hit, input } : r));
      return hit.report;
    },
    segmentTable(input) {
      if (pending && sameAgreementInput(pending.input, input)) return pending.table;
      return recent[computed(input)]?.table ?? null;
    },
    dispose() {
      stop();
      fail(new AgreementRunFailed('superseded', 'the runner was disposed'));
    },
  };
  return runner;
}

let shared: AgreementRunner | null | undefined;

/**
 * The app's runner, one per page, with a worker per core but one (kept for the page), at most
 * four; null where there are no Web Workers. On two cores, two workers took longer than one.
 */
export function agreementRunner(): AgreementRunner | null {
  if (shared === undefined) {
    shared =
      typeof Worker === 'undefined'
        ? null
        : createAgreementRunner(
            () => new Worker(new URL('./agreement.worker.ts', import.meta.url), { type: 'module' }),
            Math.min(4, Math.max(1, (navigator.hardwareConcurrency || 1) - 1)),
          );
  }
  return shared;
}
