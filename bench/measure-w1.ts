/**
 * W1 figures: opening the coded transcript and the same text uncoded, applying a code by its key,
 * and scrolling from top to bottom.
 */
import type { Page } from 'playwright-core';
import type { W1Range } from './gen-w1.mjs';
import { heapMb, openPage, settle, waitForMark, within, type Profile } from './browser';
import type { BenchWindow } from './page-hooks';
import type { BenchProject } from './projects';

export interface OpenSample {
  /** Navigation start to the first highlights-painted mark with all codings in the highlights. */
  readonly ms: number;
  /** Longest long task that started before that mark (0 when none over 50 ms). */
  readonly longestTask: number;
  readonly domElements: number;
  readonly heapMb: number;
}

/** A document of a project and what opening it paints: its segments and codings (of every coder). */
export interface DocumentToOpen {
  readonly guid: string;
  readonly segments: number;
  readonly codings: number;
}

const docHash = (p: BenchProject, d: DocumentToOpen) => `#/p/${p.projectGuid}/d/${d.guid}`;

/**
 * Opens a document of the project (`opts.document`, else its first) in a fresh page, until its
 * codings are painted.
 */
export async function openDocument(profile: Profile, project: BenchProject, opts: { timeout: number; heap: boolean; document?: DocumentToOpen }): Promise<{ page: Page; sample: OpenSample }> {
  const doc = opts.document ?? project.firstDocument;
  const page = await openPage(profile, docHash(project, doc), { timeout: opts.timeout });
  // Its codings on screen (the transcript paints those in view and two screens around it).
  const mark = await waitForMark(page, { segments: doc.segments, painted: doc.codings > 0 ? 1 : 0, complete: doc.codings > 0 }, opts.timeout);
  await settle(page, 300);
  const info = await page.evaluate((t) => {
    const b = (window as unknown as BenchWindow).__bench;
    const before = b.longtasks.filter((l) => l.start < t);
    return { longestTask: Math.max(0, ...before.map((l) => l.duration)), domElements: document.getElementsByTagName('*').length };
  }, mark.t);
  const heap = opts.heap ? await heapMb(page) : Number.NaN;
  return { page, sample: { ms: mark.t, longestTask: info.longestTask, domElements: info.domElements, heapMb: heap } };
}

export async function measureOpen(profile: Profile, project: BenchProject, reps: number, timeout: number, document?: DocumentToOpen): Promise<OpenSample[]> {
  const samples: OpenSample[] = [];
  for (let i = 0; i < reps; i++) {
    const { page, sample } = await openDocument(profile, project, { timeout, heap: true, ...(document ? { document } : {}) });
    samples.push(sample);
    await page.close();
  }
  return samples;
}

export interface ScrollSample {
  readonly longestTask: number;
  /** Longest gap between two animation frames while scrolling. */
  readonly longestFrame: number;
  readonly frames: number;
  readonly ms: number;
  readonly scrollHeight: number;
}

/**
 * Scrolls `.transcript-scroll` of an open document from top to bottom, `step` pixels per
 * animation frame (a fast wheel), and reports the longest main-thread task meanwhile (the page's
 * long tasks, as page-hooks.ts records them).
 */
export function scrollThrough(page: Page, step: number, timeout: number): Promise<ScrollSample> {
  return within(
    timeout,
    'scrolling',
    page.evaluate(async (step) => {
      const sc = document.querySelector<HTMLElement>('.transcript-scroll');
      if (!sc) throw new Error('no .transcript-scroll');
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      sc.scrollTop = 0;
      await frame();
      await frame();
      const maxFrames = Math.ceil(sc.scrollHeight / step) + 120;
      const t0 = performance.now();
      let last = t0;
      let longestFrame = 0;
      let frames = 0;
      while (sc.scrollTop + sc.clientHeight < sc.scrollHeight - 1 && frames < maxFrames) {
        sc.scrollBy(0, step);
        await frame();
        const now = performance.now();
        longestFrame = Math.max(longestFrame, now - last);
        last = now;
        frames++;
      }
      await new Promise((r) => setTimeout(r, 500));
      const t1 = performance.now();
      const b = (window as unknown as BenchWindow).__bench;
      const tasks = b.longtasks.filter((l) => l.start >= t0 && l.start <= t1);
      return { longestTask: Math.max(0, ...tasks.map((l) => l.duration)), longestFrame, frames, ms: t1 - t0, scrollHeight: sc.scrollHeight };
    }, step),
  );
}

/** `scrollThrough` in a freshly opened document (half a second after it is painted), `reps` times. */
export async function measureScroll(profile: Profile, project: BenchProject, opts: { reps: number; step: number; timeout: number }): Promise<ScrollSample[]> {
  const samples: ScrollSample[] = [];
  for (let i = 0; i < opts.reps; i++) {
    const { page } = await openDocument(profile, project, { timeout: opts.timeout, heap: false });
    await settle(page, 500);
    samples.push(await scrollThrough(page, opts.step, opts.timeout));
    await page.close();
  }
  return samples;
}

/**
 * Selects [start, end) of the transcript with the DOM selection over the text nodes of
 * `span[data-s]` (each span's `data-s` is the offset of its text), after scrolling it into view;
 * gives the selected text (null when an end is not in a text node).
 */
export function selectRange(page: Page, start: number, end: number): Promise<string | null> {
  return page.evaluate(
    async ({ start, end }) => {
      const root = document.querySelector<HTMLElement>('.transcript');
      if (!root) throw new Error('no .transcript');
      const spans = [...root.querySelectorAll<HTMLElement>('span[data-s]')];
      const starts = spans.map((s) => Number(s.dataset.s));
      // the last span starting at or before `offset` (before, for an end)
      const locate = (offset: number, isEnd: boolean) => {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          const s = starts[mid] as number;
          if (isEnd ? s < offset : s <= offset) lo = mid;
          else hi = mid - 1;
        }
        const span = spans[lo];
        const node = span?.firstChild;
        if (!span || !(node instanceof Text)) return null;
        const o = offset - (starts[lo] as number);
        return o >= 0 && o <= node.length ? { node, offset: o } : null;
      };
      const a = locate(start, false);
      const z = locate(end, true);
      if (!a || !z) return null;
      a.node.parentElement?.scrollIntoView({ block: 'center' });
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      await frame();
      await frame();
      root.focus({ preventScroll: true });
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(z.node, z.offset);
      const sel = document.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      return sel?.toString() ?? null;
    },
    { start, end },
  );
}

export interface ApplySample {
  readonly id: string;
  /** keydown to the first mark with one more coding painted; NaN when it never came. */
  readonly ms: number;
  readonly error?: string;
}

/**
 * In a document of the project (`document` with `text`, else its first), for each range: scrolls it into view, selects it in the transcript (DOM selection over the
 * text nodes of `span[data-s]`), presses "1" (the key of the first code), and times from the
 * keydown to the next highlights-painted mark with one more coding in the highlights.
 */
export async function measureApply(
  profile: Profile,
  project: BenchProject,
  adds: readonly Pick<W1Range, 'id' | 'start' | 'end'>[],
  text: string,
  timeout: number,
  document?: DocumentToOpen,
): Promise<ApplySample[]> {
  const { page } = await openDocument(profile, project, { timeout, heap: false, ...(document ? { document } : {}) });
  await settle(page, 500);
  const samples: ApplySample[] = [];
  let alertsBefore = (await page.locator('[role=alert]').allTextContents()).filter((t) => t.trim()).length;
  for (const add of adds) {
    const expected = text.slice(add.start, add.end);
    const selected = await selectRange(page, add.start, add.end);
    if (selected !== expected) {
      samples.push({ id: add.id, ms: Number.NaN, error: `selection ${JSON.stringify(selected?.slice(0, 40))} is not the range` });
      continue;
    }
    // let selectionchange and the re-render it causes finish before the key
    await settle(page, 150);
    const before = await page.evaluate(() => {
      const b = (window as unknown as BenchWindow).__bench;
      let painted = 0;
      CSS.highlights.forEach((h, name) => {
        if (String(name).startsWith('mk-code-')) painted += h.size;
      });
      return { painted, keys: b.keydowns.length, marks: b.marks.length };
    });
    await page.keyboard.press('1');
    try {
      const handle = await page.waitForFunction(
        ({ painted, keys, marks }) => {
          const b = (window as unknown as BenchWindow).__bench;
          const key = b.keydowns[keys];
          if (!key) return null;
          const mark = b.marks.slice(marks).find((m) => m.t > key.t && m.painted > painted);
          return mark ? mark.t - key.t : null;
        },
        before,
        { timeout: 10_000, polling: 20 },
      );
      samples.push({ id: add.id, ms: (await handle.jsonValue()) as number });
    } catch (e) {
      samples.push({ id: add.id, ms: Number.NaN, error: `no new highlight painted (${(e as Error).message.split('\n')[0]})` });
    }
    await settle(page, 150);
    // A coding painted and then taken back (the write failed: the disk full, say) is not a coding stored.
    const alerts = (await page.locator('[role=alert]').allTextContents()).filter((t) => t.trim());
    const last = samples.at(-1);
    if (alerts.length > alertsBefore && last && !last.error) samples[samples.length - 1] = { ...last, error: `the app reported: ${alerts.at(-1)?.slice(0, 160)}` };
    alertsBefore = alerts.length;
  }
  await page.close();
  return samples;
}
