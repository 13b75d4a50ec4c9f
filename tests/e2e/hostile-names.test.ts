import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newAppPage, servedApp } from './harness';
import { projectAction } from './markeer-page';

const downloads = mkdtempSync(join(tmpdir(), 'markeer-hostile-'));

/** What reading an Object.prototype member as a value shows. */
const NOT_A_VALUE = /function Object|function toString|\[native code\]|\[object Object\]/;

const DOCUMENT = 'Noorderhaven – ouder';
const TABS = ['Documenten en variabelen', 'Matrices', 'Grafieken', 'Zoekvragen', 'Zoeken en autocoderen', 'Memo’s', 'Thema’s'];

async function addTextVariable(page: Page, name: string) {
  await page.getByRole('button', { name: 'Variabele toevoegen…' }).click();
  const add = page.getByRole('dialog', { name: 'Nieuwe variabele' });
  await add.getByLabel('Naam').fill(name);
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await add.waitFor({ state: 'detached' });
}

async function typeValue(page: Page, variable: string, value: string) {
  const cell = page.getByRole('grid').getByRole('gridcell', { name: `${variable} van ${DOCUMENT}` });
  await cell.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

/** The values of a variable's column, one per document. */
async function column(page: Page, variable: string): Promise<string[]> {
  const grid = page.getByRole('grid');
  const headers = (await grid.getByRole('columnheader').allTextContents()).map((t) => t.trim());
  const at = headers.findIndex((h) => h === variable || h.startsWith(`${variable} `));
  expect(at, `a column ${variable} among ${headers.join(' | ')}`).toBeGreaterThan(0);
  const rows = grid.getByRole('row').filter({ has: page.getByRole('rowheader') });
  const values: string[] = [];
  for (const row of await rows.all()) values.push(((await row.getByRole('gridcell').nth(at - 1).textContent()) ?? '').trim());
  expect(values.length).toBeGreaterThan(1);
  return values;
}

/** Every Analysis tab opens and shows no value that is no value. */
async function visitEveryTab(page: Page) {
  for (const tab of TABS) {
    await page.getByRole('tab', { name: tab }).click();
    // The tab's own panel (the Themes tab has tabs and panels of its own inside it).
    const panel = page.getByRole('tabpanel', { name: tab, exact: true });
    await panel.waitFor();
    expect(await panel.textContent(), tab).not.toMatch(NOT_A_VALUE);
  }
}

describe('variables named like Object.prototype members', () => {
  const served = servedApp();

  it('work like any variable: a value typed, every Analysis tab, a matrix by value, and a bundle exported and imported back', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Documenten en variabelen' }).click();
    await page.getByRole('grid').waitFor();

    await addTextVariable(page, 'constructor');
    await addTextVariable(page, '__proto__');
    await typeValue(page, 'constructor', 'Ja');
    await typeValue(page, '__proto__', 'Nee');
    const row = page.getByRole('grid').getByRole('row').filter({ has: page.getByRole('rowheader', { name: DOCUMENT }) });
    await expect.poll(() => row.getByRole('gridcell').allTextContents()).toEqual(expect.arrayContaining(['Ja', 'Nee']));
    // Only that document has a value; the others show none.
    expect((await column(page, 'constructor')).filter((v) => v !== '')).toEqual(['Ja']);
    expect((await column(page, '__proto__')).filter((v) => v !== '')).toEqual(['Nee']);

    await visitEveryTab(page);
    await page.getByRole('tab', { name: 'Matrices' }).click();
    await page.getByLabel('Kolommen').selectOption({ label: 'Variabele: constructor' });
    const grid = page.getByRole('treegrid');
    await grid.waitFor();
    // The matrix is computed again for the new columns a moment after the choice.
    await expect.poll(async () => (await grid.getByRole('columnheader').allTextContents()).join('|')).toContain('Ja');
    const headers = (await grid.getByRole('columnheader').allTextContents()).join('|');
    expect(headers).toContain('(geen waarde)');
    expect(headers).not.toMatch(NOT_A_VALUE);

    await projectAction(page, 'Exporteren…');
    const exportDialog = page.getByRole('dialog');
    await exportDialog.getByText('Volledige bundel', { exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Downloaden' }).click()]);
    const bundle = join(downloads, 'hostile.markeer');
    await download.saveAs(bundle);
    expect(app.errors).toEqual([]);

    // Another browser profile imports the backup: accepted, with the values as they were.
    const other = await newAppPage(served.browser, served.server.url);
    await other.page.locator('input[type=file][accept*=".markeer"]').setInputFiles(bundle);
    await other.page.getByRole('tree').waitFor();
    await other.page.getByRole('link', { name: 'Analyse' }).click();
    await other.page.getByRole('tab', { name: 'Documenten en variabelen' }).click();
    await other.page.getByRole('grid').waitFor();
    expect((await column(other.page, 'constructor')).filter((v) => v !== '')).toEqual(['Ja']);
    expect((await column(other.page, '__proto__')).filter((v) => v !== '')).toEqual(['Nee']);
    await visitEveryTab(other.page);
    expect(other.errors).toEqual([]);
    expect(app.externalRequests).toEqual([]);
    expect(other.externalRequests).toEqual([]);
  });
});
