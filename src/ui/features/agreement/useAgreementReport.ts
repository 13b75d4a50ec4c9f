import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { computeAgreement, type AgreementInput, type AgreementReport } from '../../../domain/agreement';
import { agreementRunner, AgreementRunFailed } from './agreement-runner';

export interface ShownReport {
  /** The report on screen: of the current input, or of the one before while `computing`. */
  readonly report: AgreementReport | null;
  /** The input of `report`. */
  readonly of: AgreementInput | null;
  /** The current input's report is not there yet. */
  readonly computing: boolean;
}

/**
 * The agreement report of `input`, computed in Web Workers (agreement-runner.ts) while the dialog
 * shows the previous report, marked as stale. Without workers, or when they fail, it is computed
 * on this thread behind a deferred value (the choice shows first); a report that cannot be
 * computed then throws here, in render, as it always did.
 */
export function useAgreementReport(input: AgreementInput | null): ShownReport {
  const runner = useMemo(agreementRunner, []);
  const [failedInWorker, setFailedInWorker] = useState<AgreementInput | null>(null);
  const here = runner === null || (input !== null && failedInWorker === input);
  const deferred = useDeferredValue(here ? input : null, null);
  const computedHere = useMemo(() => (deferred ? computeAgreement(deferred) : null), [deferred]);
  const [done, setDone] = useState<{ readonly of: AgreementInput; readonly report: AgreementReport } | null>(null);

  useEffect(() => {
    if (!runner || !input || failedInWorker === input) return;
    let live = true;
    runner.run(input).then(
      (report) => {
        if (live) setDone({ of: input, report });
      },
      (e: unknown) => {
        if (live && !(e instanceof AgreementRunFailed && e.reason === 'superseded')) setFailedInWorker(input);
      },
    );
    return () => {
      live = false;
    };
  }, [runner, input, failedInWorker]);

  if (!input) return { report: null, of: null, computing: false };
  if (here) return { report: computedHere, of: deferred, computing: input !== deferred };
  if (done?.of === input) return { report: done.report, of: input, computing: false };
  // Computed before the dialog asked (ahead of time: AgreementAhead), or for an earlier choice
  // that is the same again: shown in this very render.
  const known = runner?.peek(input);
  if (known) return { report: known, of: input, computing: false };
  return { report: done?.report ?? null, of: done?.of ?? null, computing: true };
}
