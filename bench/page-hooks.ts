/**
 * What the benchmark installs in a page before the app's own scripts run (page.addInitScript), and
 * the shape it leaves in `window.__bench`. Kept as source text: it runs in the browser, not here.
 *
 * - Every `markeer:highlights-painted` mark (TranscriptView emits it one frame and a task after
 *   the highlights are painted) is recorded with its `detail.segments` and with how many ranges the
 *   code highlights (`CSS.highlights` named mk-code-*) hold at that moment, so that "painted" can
 *   mean "this many codings are in the highlights", not only "a paint happened".
 * - Every `markeer:matrix-ready` and `markeer:agreement-ready` mark (MatrixTab and the agreement
 *   dialog emit them one frame and a task after a computed matrix or report is on screen), with
 *   its detail and what the page shows at that moment: count cells with a number above 0 in
 *   `.matrix-grid`, code rows in `.agreement-table`, whether the table is still marked stale.
 * - Long tasks (PerformanceObserver 'longtask', buffered, so from navigation start on).
 * - Key presses (capturing keydown on window: before the app sees them), the moment a file is
 *   chosen in any file input (capturing change), the wall-clock time of the last trusted click.
 * - Optionally (`watchLinks`) the first moment `.pane-documents a` reaches each count, from a
 *   MutationObserver, so that "the document list is rendered" is timed to the DOM change.
 */
export interface BenchMark {
  /** startTime of the mark (ms since navigation start). */
  readonly t: number;
  readonly segments: number | null;
  /** Ranges in the mk-code-* highlights when the mark was made. */
  readonly painted: number;
  /**
   * The ranges the app says it painted (its detail): those of the codings in the transcript's
   * painted window (the view and two screens above and below it), not the whole document's.
   */
  readonly ranges: number | null;
}

/** A matrix-ready or agreement-ready mark, with what the page showed at that moment. */
export interface AppMark {
  readonly name: string;
  /** startTime of the mark (ms since navigation start). */
  readonly t: number;
  readonly detail: Record<string, unknown> | null;
  /** `.matrix-grid td.has-value` cells (numbers above 0) in the DOM. */
  readonly cells: number;
  /** `.agreement-table` code rows (pooled figures) in the DOM. */
  readonly rows: number;
  /** Whether `.agreement-stale` (figures of an earlier choice) is in the DOM. */
  readonly stale: boolean;
}

export interface BenchState {
  readonly marks: BenchMark[];
  readonly appMarks: AppMark[];
  readonly longtasks: { readonly start: number; readonly duration: number }[];
  readonly keydowns: { readonly key: string; readonly t: number }[];
  readonly fileChosen: number[];
  /** count -> first time `.pane-documents a` had at least that many links (watchLinks only). */
  readonly links: Record<number, number>;
  /** Anything the benchmark stores while it runs. */
  readonly extra: Record<string, unknown>;
}

export type BenchWindow = Window & { __bench: BenchState };

/** Source of the init script; `watchLinks` adds the document-list observer. */
export function pageHooks(opts: { watchLinks?: boolean } = {}): string {
  return `(() => {
  if (window.__bench) return;
  const state = { marks: [], appMarks: [], longtasks: [], keydowns: [], fileChosen: [], links: {}, extra: {} };
  Object.defineProperty(window, '__bench', { value: state, enumerable: false });
  const painted = () => {
    let n = 0;
    try {
      CSS.highlights.forEach((h, name) => { if (String(name).startsWith('mk-code-')) n += h.size; });
    } catch (e) { /* no highlights API */ }
    return n;
  };
  const mark = Performance.prototype.mark;
  Performance.prototype.mark = function (name, options) {
    const entry = mark.call(this, name, options);
    if (name === 'markeer:highlights-painted') {
      const d = options && options.detail;
      state.marks.push({ t: entry.startTime, segments: d && typeof d.segments === 'number' ? d.segments : null, painted: painted(), ranges: d && typeof d.ranges === 'number' ? d.ranges : null });
    } else if (name === 'markeer:matrix-ready' || name === 'markeer:agreement-ready') {
      const d = options && options.detail;
      state.appMarks.push({
        name,
        t: entry.startTime,
        detail: d && typeof d === 'object' ? d : null,
        cells: document.querySelectorAll('.matrix-grid td.has-value').length,
        rows: document.querySelectorAll('.agreement-table tr.agreement-code-row').length,
        stale: document.querySelector('.agreement-stale') !== null,
      });
    }
    return entry;
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* no longtask support */ }
  addEventListener('keydown', (e) => { state.keydowns.push({ key: e.key, t: performance.now() }); }, true);
  // wall-clock time (ms since the epoch) of the last click by the user (not the app's own
  // link.click() for a download), to compare with Node's clock
  // (clickT: the same moment in the page's own clock, ms since navigation start)
  addEventListener('click', (e) => {
    if (!e.isTrusted) return;
    const now = performance.now();
    state.extra.clickAt = performance.timeOrigin + now;
    state.extra.clickT = now;
  }, true);
  addEventListener('change', (e) => {
    const t = e.target;
    if (t && t.tagName === 'INPUT' && t.type === 'file') state.fileChosen.push(performance.now());
  }, true);
  ${
    opts.watchLinks
      ? `let best = 0;
  new MutationObserver(() => {
    const n = document.querySelectorAll('.pane-documents a').length;
    if (n > best) {
      const now = performance.now();
      for (let i = best + 1; i <= n; i++) state.links[i] = now;
      best = n;
    }
  }).observe(document, { childList: true, subtree: true });`
      : ''
  }
})();`;
}
