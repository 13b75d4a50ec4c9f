import { useEffect } from 'react';
import { NO_FILTER } from '../../../domain/analysis/filter';
import type { ProjectData } from '../../../domain/project-data';
import { whenIdle } from '../../shell/after-paint';

/** How long the project must stay as it is before its matrices are prepared (changes streaming in start it again). */
const SETTLE_MS = 150;
/** Where there is no `requestIdleCallback` (tests): the time a slice may take. */
const SLICE_MS = 8;

/** Calls `fn` in the browser's next idle period, with whether there is time left in it. */
function idleSlice(fn: (more: () => boolean) => void): void {
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback((deadline) => fn(() => deadline.timeRemaining() > 1));
    return;
  }
  setTimeout(() => {
    const end = performance.now() + SLICE_MS;
    fn(() => performance.now() < end);
  }, 0);
}

/**
 * Prepares the Matrices tab's first matrix (every document, no filter) while the analysis screen is
 * open and the browser idle, a slice of each idle period at a time: a click on the tab then only
 * counts and renders. On W2 the preparation (the passing segments with their codes, sorted by
 * document and range) was two-thirds of the click's computing. The preparation belongs to `data`
 * (domain/analysis/matrix.ts keeps it per snapshot), so a change to the project starts it again.
 */
export function useMatrixAhead(data: ProjectData | undefined): void {
  useEffect(() => {
    if (!data) return;
    let live = true;
    const timer = setTimeout(() => {
      void whenIdle()
        .then(() => import('../../../domain/analysis/matrix'))
        .then(({ prepareMatrixAhead }) => {
          if (!live) return;
          const job = prepareMatrixAhead(data, NO_FILTER);
          const next = () =>
            idleSlice((more) => {
              try {
                if (live && !job.step(more)) next();
              } catch {
                // Not prepared ahead: the tab prepares it when opened, and says what was wrong.
              }
            });
          next();
        })
        .catch(() => undefined);
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [data]);
}
