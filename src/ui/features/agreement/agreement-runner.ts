/**
 * Computes agreement reports in Web Workers, one share of the codes and domains per worker (one
 * worker per core, at most four): the dialog stays responsive while a large project's figures are
 * computed, and they come sooner on a machine with more than one core. The input goes to the
 * workers packed (domain/agreement/packed.ts). Where there are no workers (tests), or a worker
 * failed to start, the caller computes the report itself.
 */
import {
  joinAgreementShares,
  packAgreementInput,
  sameAgreementInput,
  type AgreementInput,
  type AgreementReport,
  type PackedAgreementInput,
  type ReportShare,
} from '../../../domain/agreement';

export interface AgreementRequest {
  readonly id: number;
  readonly input: PackedAgreementInput;
  readonly share: ReportShare;
}

export type AgreementReply = { readonly id: number; readonly report: AgreementReport } | { readonly id: number; readonly error: string };

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

export interface AgreementRunner {
  /**
   * The report of `input`: the same promise while an input with the same content is being
   * computed, and at once when it is the last one computed.
   */
  run(input: AgreementInput): Promise<AgreementReport>;
  /** The last report computed, if it is the report of `input` (its content: see sameAgreementInput). */
  peek(input: AgreementInput): AgreementReport | null;
  dispose(): void;
}

export function createAgreementRunner(spawn: () => AgreementWorkerPort, workers: number): AgreementRunner {
  const count = Math.max(1, Math.floor(workers));
  let pool: AgreementWorkerPort[] = [];
  let nextId = 0;
  let last: { readonly input: AgreementInput; readonly report: AgreementReport } | null = null;
  let pending: {
    readonly input: AgreementInput;
    readonly id: number;
    readonly promise: Promise<AgreementReport>;
    readonly shares: (AgreementReport | undefined)[];
    settle(report: AgreementReport): void;
    fail(e: AgreementRunFailed): void;
  } | null = null;

  const stop = () => {
    for (const w of pool) w.terminate();
    pool = [];
  };
  const fail = (e: AgreementRunFailed) => {
    const was = pending;
    pending = null;
    was?.fail(e);
  };
  const start = () => {
    pool = Array.from({ length: count }, () => {
      const w = spawn();
      w.onmessage = (e) => {
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
          last = { input: run.input, report: joinAgreementShares(run.shares as AgreementReport[]) };
          run.settle(last.report);
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

  return {
    run(input) {
      if (pending && sameAgreementInput(pending.input, input)) return pending.promise;
      if (last && sameAgreementInput(last.input, input)) {
        // Already computed; what is under way for another input goes on.
        return Promise.resolve(last.report);
      }
      if (pending) {
        // The workers are still on the old figures: end them rather than wait for what nobody will see.
        stop();
        fail(new AgreementRunFailed('superseded', 'a newer choice replaced these figures'));
      }
      if (pool.length === 0) start();
      const id = nextId++;
      let settle!: (report: AgreementReport) => void;
      let reject!: (e: AgreementRunFailed) => void;
      const promise = new Promise<AgreementReport>((resolve, rejectWith) => {
        settle = resolve;
        reject = rejectWith;
      });
      pending = { input, id, promise, shares: Array.from({ length: count }, () => undefined), settle, fail: reject };
      const packed = packAgreementInput(input);
      pool.forEach((w, index) => w.postMessage({ id, input: packed, share: { index, of: count } }));
      return promise;
    },
    peek(input) {
      if (!last || !sameAgreementInput(last.input, input)) return null;
      // The caller's input from now on: the next comparison is by identity.
      last = { input, report: last.report };
      return last.report;
    },
    dispose() {
      stop();
      fail(new AgreementRunFailed('superseded', 'the runner was disposed'));
    },
  };
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
