/**
 * Runs `fn` after the next frame is painted (a frame, then a task after it), so that work a change
 * brings along (counts in the codebook and the document list, a notice) never holds back the
 * frame that shows the change itself: a new coding's highlight paints in the frame after the key.
 * Where there are no frames (tests without a layout), in the next task.
 */
export function afterPaint(fn: () => void): void {
  // Nothing when the page has gone meanwhile (a test's document torn down under a pending task).
  const run = () => {
    if (typeof document !== 'undefined') fn();
  };
  if (typeof requestAnimationFrame !== 'function' || (typeof document !== 'undefined' && document.visibilityState === 'hidden')) {
    setTimeout(run, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(run, 0));
}

/** Screens still opening (holdIdle), and who waits for them to be painted. */
let holds = 0;
let waiting: (() => void)[] = [];

/**
 * A screen that is opening (a document reading its 10,000 codings) holds back whenIdle's readers
 * until it is painted: a read over the whole project competes with it for IndexedDB, and
 * `requestIdleCallback`'s timeout fires on a slow machine before the browser is ever idle. Returns
 * the release; a hold is let go after `limit` ms in any case, so that a stuck screen stops nothing.
 */
export function holdIdle(limit = 10_000): () => void {
  holds++;
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    clearTimeout(timer);
    holds--;
    if (holds > 0) return;
    const go = waiting;
    waiting = [];
    for (const fn of go) fn();
  };
  const timer = setTimeout(release, limit);
  return release;
}

/**
 * Resolves when no screen is opening (holdIdle) and then the browser is idle (at the latest after
 * `timeout` ms): for reads that can wait until what the user opened is on screen, such as counts
 * over a whole project.
 */
export async function whenIdle(timeout = 1000): Promise<void> {
  if (holds > 0) await new Promise<void>((resolve) => waiting.push(resolve));
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 0);
  });
}
