import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newAppPage, servedApp } from './harness';
import { MarkeerPage } from './markeer-page';

// The storage-full message of the Dutch UI (src/ui/i18n/app-strings.ts, failure 'storage-full').
const STORAGE_FULL =
  'De opslag van de browser is vol. Er is niets opgeslagen en niets verloren; maak ruimte vrij (bijvoorbeeld door een oud project te exporteren en te verwijderen) en probeer het opnieuw.';
const CODE = 'Benodigde materialen';
const EARLIER = 'de laptop was kapot';
const REFUSED = 'Toen belde de mentor';

/** What the page held after each change of its DOM: painted codings and error messages. */
type Moment = { painted: number; alerts: number };

/**
 * Starts recording, in the page, the painted codings (CSS.highlights) and the error messages in
 * every frame (a new coding is painted without a DOM change, in the task of its key) and after
 * every change of the DOM, and remembers how many `markeer:highlights-painted` marks there were,
 * so that `stopRecording` returns the ranges painted at each paint since.
 */
async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { e2eMoments: Moment[]; e2eStop: () => void; e2eMarks: number };
    const snapshot = (): Moment => {
      let painted = 0;
      CSS.highlights.forEach((h, name) => {
        if (name.startsWith('mk-code-')) painted += h.size;
      });
      return { painted, alerts: document.querySelectorAll('[role=alert]').length };
    };
    w.e2eMoments = [snapshot()];
    w.e2eMarks = performance.getEntriesByName('markeer:highlights-painted').length;
    const record = () => {
      const now = snapshot();
      const last = w.e2eMoments[w.e2eMoments.length - 1]!;
      if (now.painted !== last.painted || now.alerts !== last.alerts) w.e2eMoments.push(now);
    };
    const observer = new MutationObserver(record);
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    // Each frame, before it paints: what it shows.
    let frame = requestAnimationFrame(function each() {
      record();
      frame = requestAnimationFrame(each);
    });
    w.e2eStop = () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  });
}

/** Stops recording after the next frame and the task after it, when the last paint has its mark. */
async function stopRecording(page: Page): Promise<{ moments: Moment[]; paints: number[] }> {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const w = window as unknown as { e2eMoments: Moment[]; e2eStop: () => void; e2eMarks: number };
    w.e2eStop();
    const paints = performance
      .getEntriesByName('markeer:highlights-painted')
      .slice(w.e2eMarks)
      .map((e) => ((e as PerformanceMark).detail as { ranges: number }).ranges);
    return { moments: w.e2eMoments, paints };
  });
}

/**
 * Fills the origin's storage for real: DevTools overrides its quota to one byte. Chromium's
 * IndexedDB trusts the last quota answer it got for up to 30 s (a decaying allowance,
 * BucketContext::kBucketSpaceCacheTimeLimit), so small writes would still pass for a while; one
 * write larger than that allowance makes it ask the quota manager again. The test's origin runs on
 * a small disk from the start (a 5 MB quota, see below), so an 8 MB write by another database of
 * the origin does that, and is itself refused. From then on every write of the app is refused.
 * The 8 MB are random: Chromium 150 compresses IndexedDB values, and 8 MB of one letter took
 * 0.4 MB, under the allowance, so that write passed and the disk was not full.
 */
async function fillDisk(cdp: CDPSession, page: Page, origin: string): Promise<string> {
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('e2e-disk-filler');
        open.onupgradeneeded = () => open.result.createObjectStore('blobs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('blobs', 'readwrite');
          const bytes = new Uint8Array(8_000_000);
          // getRandomValues fills at most 65,536 bytes a call.
          for (let i = 0; i < bytes.length; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
          let filler = '';
          for (let i = 0; i < bytes.length; i += 8_192) filler += String.fromCharCode(...bytes.subarray(i, i + 8_192));
          tx.objectStore('blobs').put(filler, 'filler');
          tx.oncomplete = () => (db.close(), resolve('committed'));
          tx.onabort = () => (db.close(), resolve(tx.error?.name ?? 'aborted'));
        };
      }),
  );
}

describe('a coding the disk has no room for', () => {
  const served = servedApp();

  it('shows at once, is taken back with the reason when the write fails, and nothing is lost', async () => {
    // No service worker: its precache would share (and fill) the origin's small quota.
    const app = await newAppPage(served.browser, served.server.url, { navigate: false, serviceWorkers: 'block' });
    const { page } = app;
    const m = new MarkeerPage(page);
    const origin = new URL(served.server.url).origin;
    const cdp = await page.context().newCDPSession(page);
    // A small disk (5 MB, plenty for this project), set before the app opens its database.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 5_000_000 });
    await page.goto(served.server.url);

    const codeCount = () => m.codeRow(CODE).locator('.cb-count').getAttribute('data-value');
    const alerts = page.getByRole('alert');

    // Earlier work: a project, a pasted transcript, a key for a code and one coding with it.
    await m.createProject('Schijf vol', 'Anna de Vries');
    await page.getByRole('button', { name: 'Nieuw document' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Naam', { exact: true }).fill('Gesprek moeder');
    await dialog.locator('[contenteditable="true"]').click();
    await page.keyboard.insertText('Interviewer: Hoe ging het thuis?\nMoeder: Slecht, de laptop was kapot.\nInterviewer: En toen?\nMoeder: Toen belde de mentor.');
    await dialog.getByRole('button', { name: 'Aanmaken' }).click();
    await m.transcript().waitFor();
    await m.codeRow(CODE).click();
    await page.getByLabel('Sneltoets').selectOption('1');
    await expect.poll(() => m.codeRow(CODE).locator('.cb-key').getAttribute('data-value')).toBe('1');
    await m.selectWithMouse(EARLIER);
    await page.keyboard.press('1');
    await expect.poll(() => m.segmentCount()).toBe(1);
    await expect.poll(() => m.paintedRanges()).toBe(1);
    await expect.poll(() => codeCount()).toBe('1');

    // The disk is full.
    expect(await fillDisk(cdp, page, origin), 'the quota refuses a write').toBe('QuotaExceededError');

    // 1. Keyboard selection and the code's key.
    await m.selectWithKeyboard(REFUSED);
    expect(await m.selectedText()).toBe(REFUSED);
    await startRecording(page);
    await page.keyboard.press('1');
    await expect.poll(() => alerts.count()).toBe(1);
    let seen = await stopRecording(page);
    await expect(alerts.first().textContent()).resolves.toContain(STORAGE_FULL);
    // Painted at once (two codings), before the message...
    expect(seen.moments).toContainEqual({ painted: 2, alerts: 0 });
    // ...and taken back, with the message: the screen ends as it began, plus the message.
    expect(seen.moments.at(0)).toEqual({ painted: 1, alerts: 0 });
    expect(seen.moments.at(-1)).toEqual({ painted: 1, alerts: 1 });
    expect(seen.paints.indexOf(2), `ranges per paint: ${seen.paints.join(', ')}`).toBeGreaterThanOrEqual(0);
    expect(seen.paints.at(-1), `ranges per paint: ${seen.paints.join(', ')}`).toBe(1);
    expect(await m.paintedRanges()).toBe(1);
    expect(await m.segmentCount()).toBe(1);
    await expect.poll(() => codeCount()).toBe('1');

    // 2. Mouse selection and the code palette: the same.
    await m.selectWithMouse(REFUSED);
    expect(await m.selectedText()).toBe(REFUSED);
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Zoek een code' }).fill('materialen');
    await startRecording(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => alerts.count()).toBe(2);
    seen = await stopRecording(page);
    await expect(alerts.nth(1).textContent()).resolves.toContain(STORAGE_FULL);
    expect(seen.moments).toContainEqual({ painted: 2, alerts: 1 });
    expect(seen.moments.at(-1)).toEqual({ painted: 1, alerts: 2 });
    expect(seen.paints.indexOf(2), `ranges per paint: ${seen.paints.join(', ')}`).toBeGreaterThanOrEqual(0);
    expect(seen.paints.at(-1), `ranges per paint: ${seen.paints.join(', ')}`).toBe(1);
    expect(await m.paintedRanges()).toBe(1);
    expect(await m.segmentCount()).toBe(1);
    await expect.poll(() => codeCount()).toBe('1');

    /** Reloads the page and checks what a coder sees: the segments, their highlights, the code's count, no alert. */
    const reloadAndSee = async (segments: number) => {
      await page.reload();
      await m.transcript().waitFor();
      await expect.poll(() => m.paintedRanges()).toBe(segments);
      expect(await m.segmentCount()).toBe(segments);
      await expect.poll(() => codeCount()).toBe(String(segments));
      expect(await alerts.count()).toBe(0);
    };

    // 3. Opened again while the disk is still full: the work is there, and opening it (which
    // notes the project as recently used) raises no error.
    await reloadAndSee(1);
    expect(app.errors).toEqual([]);

    // Room again, and a reload: the refused coding is not stored, the earlier work is.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await reloadAndSee(1);
    expect(await m.codeRow(CODE).locator('.cb-key').getAttribute('data-value')).toBe('1');

    // The same key on the same passage now stores the coding, and it survives a reload.
    await m.selectWithKeyboard(REFUSED);
    await page.keyboard.press('1');
    await expect.poll(() => m.segmentCount()).toBe(2);
    await page.getByText(`Code “${CODE}” toegepast.`).waitFor();
    expect(await m.paintedRanges()).toBe(2);
    await expect.poll(codeCount).toBe('2');
    await reloadAndSee(2);

    expect(app.externalRequests).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
