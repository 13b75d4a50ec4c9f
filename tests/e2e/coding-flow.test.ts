import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppPage, reopen, ROOT, runAxe, screenshot, startServer, type AppPage, type Server } from './harness';
import { MarkeerPage } from './markeer-page';

const SAMPLES = join(ROOT, 'src', 'io', 'import', 'fixtures');

describe('a coder codes transcripts end to end', () => {
  let server: Server;
  let browser: Browser;
  let app: AppPage;
  let m: MarkeerPage;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    app = await newAppPage(browser, server.url);
    m = new MarkeerPage(app.page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('offers the demo project on first run, with coded passages painted', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await m.openDocument('Noorderhaven – schoolleiding');
    expect(await m.segmentCount()).toBe(8);
    await expect.poll(() => m.paintedRanges()).toBeGreaterThanOrEqual(8);
    expect(await runAxe(page), 'axe on the coding screen').toEqual([]);
    await screenshot(page, 'demo-document');
  });

  it('creates a project from the default template and imports every sample file', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Markeer' }).click();
    await page.getByLabel('Projectnaam').fill('Studie ouderbetrokkenheid');
    await page.getByLabel('Je naam als codeur').fill('Anna de Vries');
    await page.getByRole('button', { name: 'Project maken' }).click();
    await page.getByRole('tree').waitFor();
    const files = readdirSync(SAMPLES).map((f) => join(SAMPLES, f));
    expect(files.length).toBe(6);
    await page.locator('.pane-documents input[type=file]').setInputFiles(files);
    await expect.poll(() => page.locator('.pane-documents').getByRole('link').count()).toBe(6);
    expect(app.errors).toEqual([]);
  });

  it('shows the detected speakers of a document with their number of turns', async () => {
    const { page } = app;
    await m.openDocument('school-noord-leiding');
    await page.getByRole('tab', { name: 'Document' }).click();
    const panel = page.getByRole('tabpanel');
    await expect.poll(() => panel.textContent()).toMatch(/Z.*4/s);
    expect(await panel.textContent()).not.toContain('Datum');
    expect(await runAxe(page), 'axe on the document details').toEqual([]);
    await page.getByRole('tab', { name: 'Codeboek' }).click();
  });

  it('codes passages with the mouse, the palette and a key, overlapping and across paragraphs', async () => {
    const { page } = app;
    await m.openDocument('school-noord-leiding');

    // 1-2: mouse selection, then a click on a code in the tree; the same passage gets a second code.
    await m.selectWithMouse('We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.');
    await m.codeRow('Signalen opmerken').click();
    await m.codeRow('Monitoren').click();
    await expect.poll(() => m.segmentCount()).toBe(1);

    // 3: an overlapping passage by mouse.
    await m.selectWithMouse('dat er leerlingen gewoon niet online kwamen. De docenten gaven dat door aan de mentor');
    await m.codeRow('Communicatie').first().click();
    await expect.poll(() => m.segmentCount()).toBe(2);

    // 4: a passage spanning two paragraphs.
    await m.selectWithMouse('Daar hadden we vóór corona eigenlijk nooit naar gevraagd.\n\n[00:02:40] I: Wat hebben jullie toen gedaan?');
    await m.codeRow('Signalen interpreteren').click();
    await expect.poll(() => m.segmentCount()).toBe(3);

    // 5-6: the palette from the keyboard.
    await m.selectWithKeyboard('binnen een week');
    expect(await m.selectedText()).toBe('binnen een week');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Zoek een code' }).fill('materialen');
    await page.keyboard.press('Enter');
    await expect.poll(() => m.segmentCount()).toBe(4);
    await m.selectWithMouse('dongels geregeld');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Zoek een code' }).fill('acties');
    await page.keyboard.press('Enter');
    await expect.poll(() => m.segmentCount()).toBe(5);

    // 7-10: a key 1-9 assigned to a code in the codebook, then pressed on selections.
    // A click in the text drops the selection, so the click on the code selects it without applying it.
    await m.transcript().click({ position: { x: 5, y: 5 } });
    await m.codeRow('Anticiperen').click();
    await page.getByLabel('Sneltoets').selectOption('1');
    // The key works once the codebook shows it.
    await expect.poll(() => m.codeRow('Anticiperen').locator('.cb-key').getAttribute('data-value')).toBe('1');
    for (const [i, phrase] of ['Die lijst lag klaar.', 'We waren veel sneller.', 'bij de tweede lockdown wisten we precies', 'absentieprotocol'].entries()) {
      await m.selectWithKeyboard(phrase);
      expect(await m.selectedText()).toBe(phrase);
      await page.keyboard.press('1');
      await expect.poll(() => m.segmentCount(), { message: phrase }).toBe(6 + i);
    }
    // The codebook counts the codings of each code as they are made.
    await expect.poll(() => m.codeRow('Anticiperen').locator('.cb-count').getAttribute('data-value')).toBe('4');

    // 11: a code on another document.
    await m.openDocument('mentorgesprek-teams');
    await m.selectWithMouse('Vooral via de telefoon en WhatsApp.');
    await m.codeRow('Communicatie').first().click();
    await expect.poll(() => m.segmentCount()).toBe(1);
    expect(app.errors).toEqual([]);
  });

  it('shows a clicked segment with its codes and coder, and keeps a comment', async () => {
    const { page } = app;
    await m.openDocument('school-noord-leiding');
    await m.clickInPhrase('ongels');
    const panel = page.getByRole('region', { name: 'Segment' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Anna de Vries');
    expect(await panel.textContent()).toContain('Acties');
    // The comment editor (Lexical) loads on first use.
    await panel.locator('[contenteditable="true"][aria-label="Opmerking"]').waitFor();
    await panel.getByRole('textbox', { name: 'Opmerking' }).click();
    await page.keyboard.type('Goed voorbeeld van samenwerking');
    await panel.getByRole('button', { name: 'Opmerking opslaan' }).click();
    await page.getByText('Opmerking opgeslagen.').waitFor();
  });

  it('keeps every coding after a reload, and retrieval lists them with the right text', async () => {
    const { page } = app;
    await page.reload();
    await m.openDocument('school-noord-leiding');
    expect(await m.segmentCount()).toBe(9);
    await expect.poll(() => m.paintedRanges()).toBe(10);
    await page.getByRole('tab', { name: 'Ophalen' }).click();
    await page.getByLabel('Code (met subcodes)').selectOption({ label: 'Cognitief reageren' });
    const list = page.locator('.retrieval-list li');
    await expect.poll(() => list.count()).toBe(2);
    // Each item shows its quotation once its text is read.
    const texts = () => page.locator('.retrieval-list mark').allTextContents();
    await expect.poll(texts).toContain('We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.');
    await expect.poll(async () => (await texts()).some((t) => t.startsWith('Daar hadden we vóór corona') && t.endsWith('Wat hebben jullie toen gedaan?'))).toBe(true);
    await page.getByLabel('Code (met subcodes)').selectOption({ label: 'Communicatie' });
    await expect.poll(() => list.count()).toBe(2);
    // The passages selected with Shift+arrows and coded with key 1, with exactly their text.
    await page.getByLabel('Code (met subcodes)').selectOption({ label: 'Anticiperen' });
    await expect.poll(() => list.count()).toBe(4);
    expect((await page.locator('.retrieval-list mark').allTextContents()).sort()).toEqual(
      ['Die lijst lag klaar.', 'We waren veel sneller.', 'absentieprotocol', 'bij de tweede lockdown wisten we precies'].sort(),
    );
    expect(await runAxe(page), 'axe on retrieval').toEqual([]);
  });

  it('jumps from retrieval to the passage in its transcript', async () => {
    const { page } = app;
    await page.getByLabel('Code (met subcodes)').selectOption({ label: 'Communicatie' });
    await page.locator('.retrieval-list').getByRole('button', { name: /WhatsApp/ }).click();
    await expect.poll(() => m.selectedText()).toBe('Vooral via de telefoon en WhatsApp.');
    expect(page.url()).toContain('/d/');
  });

  it('undoes and redoes coding with Ctrl+Z and Ctrl+Shift+Z', async () => {
    const { page } = app;
    await m.openDocument('mentorgesprek-teams');
    await m.selectWithMouse('Mail werkt bij een groot deel van mijn ouders niet');
    await page.getByRole('tab', { name: 'Codeboek' }).click();
    await m.codeRow('Communicatie').first().click();
    await expect.poll(() => m.segmentCount()).toBe(2);
    await page.keyboard.press('Control+z');
    await expect.poll(() => m.segmentCount()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => m.segmentCount()).toBe(2);
  });

  it('codes a passage by keyboard alone', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Markeer' }).focus();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('transcript') ?? false);
    }
    expect(reached, 'Tab reaches the transcript').toBe(true);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Shift+Home');
    const selected = await m.selectedText();
    expect(selected.length).toBeGreaterThan(5);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('thuisbetrokkenheid');
    await page.keyboard.press('Enter');
    await expect.poll(() => m.segmentCount()).toBe(3);
    // The palette gives the selection back to the transcript, so the coder can go on from there.
    await expect.poll(() => m.selectedText()).toBe(selected);
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('transcript'))).toBe(true);
    // Enter on coded text shows the segment, whose buttons are reachable by Tab.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Segment' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Thuisbetrokkenheid');
    expect(await runAxe(page), 'axe with the segment panel open').toEqual([]);
  });

  it('survives a browser restart', async () => {
    app = await reopen(app.context, server.url);
    const { page } = app;
    const again = new MarkeerPage(page);
    await page.getByRole('link', { name: /Studie ouderbetrokkenheid/ }).click();
    await again.openDocument('school-noord-leiding');
    expect(await again.segmentCount()).toBe(9);
    m = again;
  });

  it('switches to English and back', async () => {
    const { page } = app;
    await page.getByLabel('Taal', { exact: true }).selectOption('en');
    await page.getByRole('tab', { name: 'Codebook' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByLabel('Language', { exact: true }).selectOption('nl');
    await page.getByRole('tab', { name: 'Codeboek' }).waitFor();
    expect(app.externalRequests).toEqual([]);
    await screenshot(page, 'coded-project');
  });
});

describe('two tabs on the same project', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a coding made in one tab in the other, and a pasted document in both', async () => {
    const first = await newAppPage(browser, server.url);
    await first.page.getByLabel('Projectnaam').fill('Twee tabbladen');
    await first.page.getByLabel('Je naam als codeur').fill('Bram');
    await first.page.getByRole('button', { name: 'Project maken' }).click();
    await first.page.getByRole('tree').waitFor();

    // A transcript pasted into the Lexical editor of the "New document" dialog.
    await first.page.getByRole('button', { name: 'Nieuw document' }).click();
    const dialog = first.page.getByRole('dialog');
    await dialog.getByLabel('Naam', { exact: true }).fill('Geplakt interview');
    await dialog.locator('[contenteditable="true"]').click();
    await first.page.keyboard.insertText('Interviewer: Hoe ging het thuis?\nMoeder: Slecht, de laptop was kapot.\nInterviewer: En toen?\nMoeder: Toen belde de mentor.');
    await dialog.getByRole('button', { name: 'Aanmaken' }).click();
    const m1 = new MarkeerPage(first.page);
    await m1.transcript().waitFor();

    const second = await reopen(first.context, first.page.url(), { keepOtherPages: true });
    const m2 = new MarkeerPage(second.page);
    await m2.transcript().waitFor();
    expect(await m2.segmentCount()).toBe(0);

    await first.page.bringToFront();
    await m1.selectWithMouse('de laptop was kapot');
    await m1.codeRow('Benodigde materialen').click();
    await expect.poll(() => m1.segmentCount()).toBe(1);
    await expect.poll(() => m2.segmentCount(), { timeout: 10000 }).toBe(1);
    await expect.poll(() => m2.paintedRanges()).toBe(1);
    expect(first.externalRequests).toEqual([]);
    expect(first.errors).toEqual([]);
  });
});
