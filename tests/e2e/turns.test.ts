import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAppPage, ROOT, servedApp } from './harness';
import { MarkeerPage } from './markeer-page';

const PANEL = join(ROOT, 'src', 'io', 'import', 'fixtures', 'panelgesprek-ouderbetrokkenheid.txt');

describe('lines that are not speech', () => {
  const served = servedApp();

  it('are not coded when a speaker’s turns are autocoded: a stage direction on its own line stays out', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await new MarkeerPage(page).createProject('Panel', 'Anna');
    await page.locator('.pane-documents input[type=file]').setInputFiles(PANEL);
    await page.locator('.pane-documents').getByRole('link').first().waitFor();

    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Zoeken en autocoderen' }).click();
    const region = page.getByRole('region', { name: 'Spreekbeurten van een spreker autocoderen' });
    await region.getByRole('combobox', { name: 'Spreker' }).selectOption('RUTGER');
    const combo = region.getByRole('combobox', { name: 'Code' });
    await combo.focus();
    await page.keyboard.type('Communicatie');
    await page.getByRole('option', { name: /^Communicatie/ }).first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await region.getByRole('button', { name: /spreekbeurten coderen/ }).click();
    await page.getByText(/nieuwe segmenten/).first().waitFor();

    await page.getByRole('link', { name: 'Coderen', exact: true }).click();
    await page.getByRole('tab', { name: 'Ophalen' }).click();
    await page.getByLabel('Code (met subcodes)').selectOption({ label: 'Communicatie' });
    const list = page.locator('.retrieval-list li');
    await expect.poll(() => list.count()).toBeGreaterThan(1);
    // The coded passages themselves, without the context shown around them.
    const passages = (await page.locator('.retrieval-text > :not(.muted)').allTextContents()).join('\n');
    expect(passages).toContain('Klopt. Ik ben twaalf jaar docent');
    expect(passages).not.toContain('Tekst in beeld');
    expect(passages).not.toContain('Gelach aan tafel');
    expect(app.errors).toEqual([]);
  });
});
