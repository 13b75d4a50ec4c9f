import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAppPage, runAxe, screenshot, servedApp } from './harness';

const downloads = mkdtempSync(join(tmpdir(), 'markeer-matrix-'));

describe('matrices in the analysis screen', () => {
  const served = servedApp();

  it('builds codes x respondent group from the demo project, opens a cell’s quotations and exports the matrices', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Matrices' }).click();
    await page.getByLabel('Kolommen').selectOption({ label: 'Variabele: respondentgroep' });
    const grid = page.getByRole('treegrid');
    await grid.waitFor();
    const headers = await grid.getByRole('columnheader').allTextContents();
    for (const group of ['Ouder', 'Leraar', 'Leerling', 'Schoolleiding']) expect(headers.join('|')).toContain(group);
    expect(await runAxe(page), 'axe on the matrices tab').toEqual([]);
    await screenshot(page, 'matrix-counts');

    // The first cell with a count, by mouse.
    const counted = grid.locator('td.has-value').first();
    await counted.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('blockquote').count()).toBeGreaterThan(0);
    expect(await runAxe(page), 'axe on the quotations dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Keyboard: the grid is one tab stop; Enter on a count opens its quotations.
    await grid.getByRole('rowheader').first().focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-colindex'))).toBe('1');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/codematrix\.csv$/);
    const csvPath = join(downloads, 'matrix.csv');
    await csv.saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Code,Pad,/);
    expect(lines.length).toBeGreaterThan(10);

    // The within-case matrix: quotations in the cells, exported as printable HTML.
    await page.getByLabel('Weergave').selectOption({ label: 'Citatenmatrix (within-case)' });
    const quotations = page.getByRole('table', { name: /Citaten per code/ });
    await quotations.waitFor();
    expect(await quotations.locator('.matrix-quote').count()).toBeGreaterThan(0);
    expect(await runAxe(page), 'axe on the quotation matrix').toEqual([]);
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'HTML om af te drukken' }).click()]);
    const htmlPath = join(downloads, 'matrix.html');
    await html.saveAs(htmlPath);
    const text = readFileSync(htmlPath, 'utf8');
    expect(text).toMatch(/^<!doctype html>/i);
    expect(text).toContain('@media print');

    // Code x code per school type.
    await page.getByLabel('Weergave').selectOption({ label: 'Code × code' });
    await page.getByLabel('Eén tabel per').selectOption({ label: 'schooltype' });
    await page.getByLabel('Tabel', { exact: true }).waitFor();
    await page.getByRole('treegrid').waitFor();
    expect(await runAxe(page), 'axe on code x code').toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
