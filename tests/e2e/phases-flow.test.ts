import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppPage, reopen, runAxe, screenshot, startServer, type AppPage, type Server } from './harness';
import { MarkeerPage, projectAction } from './markeer-page';

const downloads = mkdtempSync(join(tmpdir(), 'markeer-phases-'));
const PROJECT = 'Demo: schools and parents during COVID-19';

/** Presses Tab until the focused element's accessible text matches, as a keyboard user would. */
async function tabTo(page: Page, text: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.closest('label')?.textContent ?? ''} ${el?.textContent ?? ''} ${el?.getAttribute('aria-label') ?? ''}`;
    });
    if (text.test(focused)) return;
  }
  throw new Error(`no focusable element matching ${text} within ${max} presses of Tab`);
}

describe('a student works through the phases of thematic analysis', () => {
  let server: Server;
  let browser: Browser;
  let app: AppPage;
  let m: MarkeerPage;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    app = await newAppPage(browser, server.url, { locale: 'en-GB' });
    m = new MarkeerPage(app.page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the phase guide from the header by keyboard, ticks an item and moves to phase 2', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the demo project' }).click();
    await page.getByRole('tree').waitFor();
    const guide = page.getByRole('button', { name: /^Phase 1 of 6: Familiarising with the data/ });
    await guide.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Phase guide' });
    await panel.waitFor();
    expect(await runAxe(page), 'axe with the phase guide open').toEqual([]);

    await tabTo(page, /Every document has been read/);
    await page.keyboard.press('Space');
    await expect.poll(() => panel.getByRole('checkbox', { name: /Every document has been read/ }).isChecked()).toBe(true);

    await tabTo(page, /^\s*2\. Generating initial codes/);
    await page.keyboard.press('Enter');
    await tabTo(page, /Make this the current phase/);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Phase 2 of 6: Generating initial codes/ }).waitFor();
    await screenshot(page, 'phase-guide');

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Phase 2 of 6/);
  });

  it('marks a document as read, shown with a tick in the document list', async () => {
    const { page } = app;
    await m.openDocument('Noorderhaven – ouder');
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByRole('button', { name: 'Read ✓' }).waitFor();
    const link = page.locator('.pane-documents').getByRole('link', { name: /Noorderhaven – ouder/ });
    await expect.poll(() => link.textContent()).toMatch(/read$/);
  });

  it('makes an in-vivo code from a selection with one keystroke, and codes the passage with it', async () => {
    const { page } = app;
    const before = await m.segmentCount();
    await m.selectWithKeyboard('Ik schrok me kapot.');
    expect(await m.selectedText()).toBe('Ik schrok me kapot.');
    await page.keyboard.press('Alt+i');
    await page.getByText('Code “Ik schrok me kapot” created and applied.').waitFor();
    await m.codeRow('Ik schrok me kapot').waitFor();
    await expect.poll(() => m.segmentCount()).toBe(before + 1);
    await expect.poll(() => m.paintedRanges()).toBeGreaterThan(before);

    // Once more on the same words: the code exists, so it is not made twice.
    await m.selectWithKeyboard('Ik schrok me kapot');
    await page.keyboard.press('Alt+i');
    await page.getByText('There is already a code “Ik schrok me kapot”: it was applied instead of a duplicate.').waitFor();
    expect(await m.codeRow('Ik schrok me kapot').count()).toBe(1);

    // Alt+N asks for a name first.
    await m.selectWithKeyboard('Dat vind ik eigenlijk nog fijner.');
    await page.keyboard.press('Alt+n');
    const prompt = page.getByRole('dialog', { name: 'New code from selection' });
    await prompt.waitFor();
    await page.keyboard.type('Positief contact');
    await page.keyboard.press('Enter');
    await prompt.waitFor({ state: 'detached' });
    await m.codeRow('Positief contact').waitFor();
    await expect.poll(() => m.segmentCount()).toBe(before + 3);

    // One undo takes the new code and its coding back together.
    await page.keyboard.press('Control+z');
    await expect.poll(() => m.codeRow('Positief contact').count()).toBe(0);
    await expect.poll(() => m.segmentCount()).toBe(before + 2);
  });

  it('produces the report as HTML and .docx from phase 6 of the guide', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Phase 2 of 6/ }).click();
    const panel = page.getByRole('dialog', { name: 'Phase guide' });
    await panel.getByRole('button', { name: /^6\. Producing the report/ }).click();
    await panel.getByRole('button', { name: 'Produce report…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Produce report' });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toMatch(/no themes yet|The project has \d+ themes?\./);
    const noThemes = /no themes yet/.test((await dialog.textContent()) ?? '');

    const [html] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'HTML (to print)' }).click()]);
    expect(html.suggestedFilename()).toMatch(/-themes\.html$/);
    const htmlPath = join(downloads, 'themes.html');
    await html.saveAs(htmlPath);
    const text = readFileSync(htmlPath, 'utf8');
    expect(text).toContain(`<title>Themes: ${PROJECT}</title>`);
    if (noThemes) expect(text).toContain('No themes yet');

    const [docx] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Word (.docx)' }).click()]);
    expect(docx.suggestedFilename()).toMatch(/-themes\.docx$/);
    const docxPath = join(downloads, 'themes.docx');
    await docx.saveAs(docxPath);
    const zip = await JSZip.loadAsync(readFileSync(docxPath));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain(`Themes: ${PROJECT}`);
    if (noThemes) expect(xml).toContain('No themes yet');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The same report from Export, where exports are looked for.
    await projectAction(page, 'Export…');
    await page.getByRole('dialog', { name: 'Export project' }).getByRole('button', { name: 'Themes report…' }).click();
    const fromExport = page.getByRole('dialog', { name: 'Produce report' });
    const [again] = await Promise.all([page.waitForEvent('download'), fromExport.getByRole('button', { name: 'HTML (to print)' }).click()]);
    expect(again.suggestedFilename()).toMatch(/-themes\.html$/);
    await page.keyboard.press('Escape');
    await fromExport.waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
    expect(app.externalRequests).toEqual([]);
  });

  it('keeps the phase, the tick and the read mark after a reload', async () => {
    const again = await reopen(app.context, app.page.url());
    const { page } = again;
    const guide = page.getByRole('button', { name: /^Phase 2 of 6: Generating initial codes/ });
    await guide.waitFor();
    const link = page.locator('.pane-documents').getByRole('link', { name: /Noorderhaven – ouder/ });
    await expect.poll(() => link.textContent()).toMatch(/read$/);
    await guide.click();
    const panel = page.getByRole('dialog', { name: 'Phase guide' });
    await panel.getByRole('button', { name: /^1\. Familiarising with the data/ }).click();
    expect(await panel.getByRole('checkbox', { name: /Every document has been read/ }).isChecked()).toBe(true);
    expect(await panel.getByRole('checkbox', { name: /transcribed in enough detail/ }).isChecked()).toBe(false);
    expect(again.errors).toEqual([]);
    expect(again.externalRequests).toEqual([]);
  });
});
