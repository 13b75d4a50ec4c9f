import { useEffect, useRef } from 'react';
import { sortDocuments } from '../../../storage/queries';
import { useProject } from '../../shell/project-context';
import { useProjectSnapshot } from '../analysis/useProjectData';
import { agreementRunner } from './agreement-runner';
import { agreementInput, comparedWork, defaultCoders, orderCoders, segmentCounts, usedCodes } from './agreement-data';

/** How long the project stays unchanged (the coder is away, say) before its agreement is computed ahead again. */
export const AHEAD_QUIET_MS = 10_000;

/**
 * Computes the agreement dialog's first report (the two busiest coders, every document, every
 * code used) in a worker once the project is in memory, and again when it has changed and then
 * not changed for a moment, so that the dialog opens with its figures. Renders nothing; mounted while the dialog is closed (a run of
 * its own would replace the dialog's).
 */
export function AgreementAhead() {
  const { codes, coders } = useProject();
  const snapshot = useProjectSnapshot();
  // The first time at once (the project was read while the coder was idle), later after a quiet moment.
  const first = useRef(true);
  useEffect(() => {
    const runner = agreementRunner();
    if (!snapshot || !runner) return;
    const delay = first.current ? 0 : AHEAD_QUIET_MS;
    first.current = false;
    const timer = setTimeout(() => {
      const work = { documents: sortDocuments(snapshot.documents), segments: snapshot.segments, codings: snapshot.codings };
      const chosen = defaultCoders(orderCoders(coders, segmentCounts(work.segments)));
      if (chosen.length < 2) return;
      const compared = comparedWork(work, chosen);
      // Failures show when the dialog computes the same report.
      runner.run(agreementInput(codes, compared, { documents: null, codes: null }, usedCodes(codes, compared))).catch(() => undefined);
    }, delay);
    return () => clearTimeout(timer);
  }, [snapshot, codes, coders]);
  return null;
}
