import { useEffect } from 'react';
import type { ProjectData } from '../../../domain/project-data';
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
 * stayed unchanged for a while, so that the dialog opens with its figures. Renders nothing;
 * mounted only while the dialog is closed (a run of its own would replace the dialog's).
 */
export function AgreementAhead() {
  const { codes, coders } = useProject();
  const snapshot = useProjectSnapshot();
  useEffect(() => {
    const runner = agreementRunner();
    // Nothing new since the last report computed ahead (the dialog was opened and closed, say).
    if (!snapshot || !runner || snapshot === aheadOf) return;
    // A project just read: at once (it was read while the coder was idle); a change: after a quiet moment.
    const delay = aheadOf?.project.guid === snapshot.project.guid ? AHEAD_QUIET_MS : 0;
    const timer = setTimeout(() => {
      aheadOf = snapshot;
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

/** The project (as held in memory) whose default report was last computed ahead. */
let aheadOf: ProjectData | null = null;
