import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppPage, reopen, startServer, type AppPage, type Server } from './harness';
import { MarkeerPage } from './markeer-page';

// The transcript paints the codings in view and a few screens around it, not all of a long
// document's (TranscriptView.tsx, WINDOW_SCREENS): a coder must see every coding wherever they
// scroll, and a new one far down the document paints at once and is kept.

/** A long interview: 400 turns, about 90,000 characters, with a phrase to find near its start and its end. */
function longInterview(): string {
  const turns: string[] = [];
  for (let i = 0; i < 400; i++) {
    const who = i % 2 === 0 ? 'Interviewer' : 'Respondent';
    const marker = i === 3 ? ' Het begon met de ouderavond in september.' : i === 396 ? ' Aan het eind stond de mentor voor de klas.' : '';
    turns.push(`${who}: Beurt ${i + 1} gaat over school, thuis en de weg ertussen, en over wie wanneer belde.${marker} Daarna kwam het volgende onderwerp aan bod, en nog een zin om de regel te vullen.`);
  }
  return turns.join('\n\n');
}

const EARLY = 'de ouderavond in september';
const LATE = 'stond de mentor voor de klas';
const CODE = 'Benodigde materialen';

describe('a long transcript', () => {
  let server: Server;
  let browser: Browser;
  let app: AppPage;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    app = await newAppPage(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Applies the code to the selection through the code palette, by keyboard. */
  async function applyCode(m: MarkeerPage) {
    await m.page.keyboard.press('Control+k');
    await m.page.getByRole('combobox', { name: 'Zoek een code' }).fill('materialen');
    await m.page.keyboard.press('Enter');
    // the palette closed and the focus back in the text (which scrolls to the caret)
    await m.page.getByRole('combobox', { name: 'Zoek een code' }).waitFor({ state: 'detached' });
    await m.page.waitForTimeout(300);
  }

  /** The text under each painted coding. */
  const paintedTexts = (m: MarkeerPage) =>
    m.page.evaluate(() => {
      const texts: string[] = [];
      CSS.highlights.forEach((h, name) => {
        if (name.startsWith('mk-code-')) h.forEach((r) => texts.push(r.startContainer.textContent?.slice(r.startOffset, r.endOffset) ?? ''));
      });
      return texts;
    });

  const scrollTo = (m: MarkeerPage, where: 'top' | 'bottom') =>
    m.page.evaluate((w) => {
      const s = document.querySelector('.transcript-scroll') as HTMLElement;
      s.scrollTop = w === 'top' ? 0 : s.scrollHeight;
    }, where);

  it('paints the codings wherever the coder scrolls, and a new one far down at once', async () => {
    const m = new MarkeerPage(app.page);
    await m.createProject('Lange interviews', 'Anna');
    await app.page.locator('.pane-documents input[type=file]').setInputFiles({ name: 'lang-interview.txt', mimeType: 'text/plain', buffer: Buffer.from(longInterview(), 'utf8') });
    await m.openDocument('lang-interview');

    await m.selectWithMouse(EARLY);
    expect(await m.selectedText()).toBe(EARLY);
    await applyCode(m);
    await expect.poll(() => m.segmentCount()).toBe(1);
    await expect.poll(() => m.paintedRanges()).toBe(1);

    // Far down the document (tens of screens further): painted in the frame after the key.
    await m.selectWithMouse(LATE);
    expect(await m.selectedText()).toBe(LATE);
    await applyCode(m);
    await expect.poll(() => m.segmentCount()).toBe(2);
    // Only what is near the view is painted: the early coding is far above it.
    await expect.poll(() => m.paintedRanges()).toBe(1);
    expect(await paintedTexts(m)).toEqual([LATE]);

    // Back at the top, the early coding shows again.
    await scrollTo(m, 'top');
    await expect.poll(() => paintedTexts(m)).toEqual([EARLY]);
    await expect.poll(() => m.page.evaluate(() => document.querySelector('.margin-label')?.getAttribute('aria-label') ?? '')).toBe(CODE);

    // Both kept: after a reload, each shows where it is.
    app = await reopen(app.context, server.url);
    const m2 = new MarkeerPage(app.page);
    await app.page.getByRole('link', { name: /Lange interviews/ }).click();
    await m2.openDocument('lang-interview');
    expect(await m2.segmentCount()).toBe(2);
    await expect.poll(() => m2.paintedRanges()).toBe(1);
    await scrollTo(m2, 'bottom');
    // The painted window follows the scroll in a frame or two: the early coding goes, the late one comes.
    await expect.poll(() => paintedTexts(m2)).toEqual([LATE]);
    expect(app.errors).toEqual([]);
  });
});
