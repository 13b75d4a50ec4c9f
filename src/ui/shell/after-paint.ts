/**
 * Runs `fn` after the next frame is painted (a frame, then a task after it), so that work a change
 * brings along (counts in the codebook and the document list, a notice) never holds back the
 * frame that shows the change itself: a new coding's highlight paints in the frame after the key.
 * Where there are no frames (tests without a layout), in the next task.
 */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame !== 'function' || (typeof document !== 'undefined' && document.visibilityState === 'hidden')) {
    setTimeout(fn, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(fn, 0));
}

/**
 * Resolves when the browser is idle (at the latest after `timeout` ms): for reads that can wait
 * until what the user opened is on screen, such as counts over a whole project.
 */
export function whenIdle(timeout = 1000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 0);
  });
}
