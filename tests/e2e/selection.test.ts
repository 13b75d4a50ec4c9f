import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAppPage, ROOT, servedApp } from './harness';
import { MarkeerPage } from './markeer-page';

const SAMPLE = join(ROOT, 'src', 'io', 'import', 'fixtures', 'school-noord-leiding.txt');

describe('a code applies only to a selection that is there', () => {
  const served = servedApp();

  it('after the selection went away (a click on the document title), a click on a code only selects the code', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    const m = new MarkeerPage(page);
    await m.createProject('Selectie', 'Anna');
    await page.locator('.pane-documents input[type=file]').setInputFiles(SAMPLE);
    await m.openDocument('school-noord-leiding');

    // A passage is selected, then the title is clicked: the selection is gone. Three codes are
    // clicked, as when assigning shortcut keys: none may land on the passage that was selected.
    await m.selectWithMouse('We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.');
    await page.locator('.document-title').click();
    for (const code of ['Monitoren', 'Communicatie', 'Signalen interpreteren']) await m.codeRow(code).first().click();
    await page.waitForTimeout(500);
    expect(await m.segmentCount()).toBe(0);
    // The last code clicked is the selected one.
    expect(await m.codeRow('Signalen interpreteren').getAttribute('aria-selected')).toBe('true');

    // With a selection, a click codes it, once.
    await m.selectWithMouse('We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.');
    await m.codeRow('Signalen opmerken').click();
    await expect.poll(() => m.segmentCount()).toBe(1);
    await page.getByRole('tab', { name: 'Ophalen' }).click();
    await page.getByLabel('Code (met subcodes)').selectOption({ label: 'Signalen opmerken' });
    await expect.poll(() => page.locator('.retrieval-list li').count()).toBe(1);
    await page.getByLabel('Code (met subcodes)').selectOption({ label: 'Monitoren' });
    await expect.poll(() => page.locator('.retrieval-list li').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('gives a new project’s first nine codes the keys 1-9, lists them under Shortcuts, and redoes with Ctrl+Y', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    const m = new MarkeerPage(page);
    await m.createProject('Toetsen', 'Bram');
    await page.locator('.pane-documents input[type=file]').setInputFiles(SAMPLE);
    await m.openDocument('school-noord-leiding');
    expect(await m.codeRow('Signalen opmerken').locator('.cb-key').getAttribute('data-value')).toBe('1');
    await page.getByText('Sneltoetsen', { exact: true }).click();
    const keys = await page.locator('.cb-keys-codes li').allTextContents();
    expect(keys).toHaveLength(9);
    expect(keys[0]).toBe('1: Signalen opmerken');
    expect(await page.locator('.cb-keys').textContent()).toContain('Ctrl+Y');

    await m.selectWithKeyboard('We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.');
    await page.keyboard.press('1');
    await expect.poll(() => m.segmentCount()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => m.segmentCount()).toBe(0);
    await page.keyboard.press('Control+y');
    await expect.poll(() => m.segmentCount()).toBe(1);
    expect(app.errors).toEqual([]);
  });
});
