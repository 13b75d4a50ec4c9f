import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAppPage, runAxe, screenshot, servedApp } from './harness';

const downloads = mkdtempSync(join(tmpdir(), 'markeer-query-'));

describe('code queries in the analysis screen', () => {
  const served = servedApp();

  it('finds where two codes meet in the demo project, cites it by respondent group and school, and exports CSV', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Zoekvragen' }).click();

    // The first code by keyboard: type part of its name, arrow down to it, Enter.
    const first = page.getByRole('combobox', { name: 'Code van regel 1' });
    await first.click();
    await page.keyboard.type('communic');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => first.inputValue()).toMatch(/Communicatie$/);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /resultat/ }).textContent()).toMatch(/^\d+ resultaten$/);

    await page.getByRole('button', { name: 'Code toevoegen' }).click();
    expect(await page.getByLabel('Operator van regel 2').inputValue()).toBe('and');
    const second = page.getByRole('combobox', { name: 'Code van regel 2' });
    await second.click();
    // Typing and Enter picks the first match, without arrowing to it.
    await page.keyboard.type('signalen opm');
    await page.keyboard.press('Enter');
    await expect.poll(() => second.inputValue()).toMatch(/Signalen opmerken$/);
    await expect.poll(() => page.getByText('1 resultaat').count()).toBe(1);

    const field = page.getByLabel('Bronvermelding', { exact: true });
    await field.fill('({respondentgroep}, {school})');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.query-results tbody').textContent()).toContain('(Ouder, De Noorderhaven)');
    const row = page.locator('.query-results tbody tr').first();
    expect(await row.locator('mark').textContent()).toBe('Ik kwam daar pas achter toen de mentor mij belde.');
    expect(await runAxe(page), 'axe on the queries tab').toEqual([]);
    await screenshot(page, 'query-results');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV exporteren' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/zoekvraag\.csv$/);
    const path = join(downloads, 'query.csv');
    await csv.saveAs(path);
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Document,Bronvermelding,Codes,Codeur,Begin,Einde,Tekst');
    expect(lines[1]).toContain('"(Ouder, De Noorderhaven)"');
    expect(lines[1]).toContain('Ik kwam daar pas achter toen de mentor mij belde.');

    // The row opens its passage in the document.
    await row.getByRole('button', { name: /^Openen in Noorderhaven – ouder/ }).click();
    await page.locator('.transcript').first().waitFor();
    expect(app.errors).toEqual([]);
  });

  it('exports the codebook as a report to print from the codebook panel', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('button', { name: 'Codeboek exporteren…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Codeboek exporteren' });
    await dialog.waitFor();
    expect(await runAxe(page), 'axe on the codebook export dialog').toEqual([]);
    await screenshot(page, 'codebook-export');
    const [html] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Rapport (HTML)' }).click()]);
    expect(html.suggestedFilename()).toMatch(/codeboek\.html$/);
    const path = join(downloads, 'codebook.html');
    await html.saveAs(path);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('@media print');
    expect(text).toContain('Veerkracht › Cognitief reageren › Signalen opmerken');

    // The report shows in the browser as a page of its own, one section per top-level code.
    const report = await app.page.context().newPage();
    await report.setContent(text);
    expect(await report.locator('section.top').count()).toBeGreaterThan(1);
    expect(await runAxe(report), 'axe on the codebook report').toEqual([]);
    await screenshot(report, 'codebook-report');
    expect(app.errors).toEqual([]);
  });
});
