import { describe, expect, it } from 'vitest';
import { newAppPage, runAxe, screenshot, servedApp } from './harness';

describe('documents, variables and groups in the analysis screen', () => {
  const served = servedApp();

  it('sets a value by keyboard, adds a typed variable and makes a group from a filter, all kept after a reload', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Documenten en variabelen' }).click();
    const grid = page.getByRole('grid');
    await grid.waitFor();
    // The demo's variables come typed, with a school type to compare.
    const headers = (await grid.getByRole('columnheader').allTextContents()).join('|');
    for (const h of ['schooltype', 'respondentgroep', 'interviewdatum datum', 'aantal respondenten getal', 'Schoolpersoneel']) expect(headers).toContain(h);
    expect(await runAxe(page), 'axe on the documents tab').toEqual([]);

    // By keyboard: from the panel's name, right to its school type, type a value, Enter saves.
    await grid.getByRole('rowheader', { name: 'Panelgesprek ouderbetrokkenheid' }).focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('schooltype van Panelgesprek ouderbetrokkenheid');
    await page.keyboard.type('vmbo');
    await page.keyboard.press('Enter');
    const panelRow = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Panelgesprek ouderbetrokkenheid' }) });
    await expect.poll(() => panelRow.getByRole('gridcell').allTextContents()).toContain('vmbo');
    // A number that does not fit is refused, with the reason.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('drie');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: '“drie” past niet bij aantal respondenten (getal).' }).waitFor();
    await page.keyboard.press('Escape');

    // A new yes/no variable, and a value for it.
    await page.getByRole('button', { name: 'Variabele toevoegen…' }).click();
    const add = page.getByRole('dialog', { name: 'Nieuwe variabele' });
    await add.getByLabel('Naam').fill('ouders aanwezig');
    await add.getByLabel('Type').selectOption({ label: 'ja/nee' });
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    const cell = grid.getByRole('gridcell', { name: 'ouders aanwezig van Noorderhaven – ouder' });
    await cell.waitFor();
    await cell.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'ouders aanwezig van Noorderhaven – ouder' }).selectOption({ label: 'ja' });
    await page.keyboard.press('Enter');
    const parentRow = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Noorderhaven – ouder' }) });
    await expect.poll(() => parentRow.getByRole('gridcell').allTextContents()).toContain('ja');

    // A group of the documents the filter shows: school type vmbo.
    await page.locator('.filter-choice summary').filter({ hasText: 'schooltype' }).click();
    await page.getByRole('group', { name: 'schooltype' }).getByRole('checkbox', { name: 'vmbo' }).check();
    await page.getByRole('button', { name: 'Groep maken van deze 2 documenten…' }).click();
    const group = page.getByRole('dialog');
    await group.getByLabel('Naam').fill('Vmbo-scholen');
    await group.getByLabel('Naam').press('Enter');
    await page.getByRole('region', { name: 'Groepen' }).getByText('Vmbo-scholen').waitFor();
    expect(await runAxe(page), 'axe with a filter and a new group').toEqual([]);
    await screenshot(page, 'variables-tab');

    await page.reload();
    await page.getByRole('grid').waitFor();
    const again = page.getByRole('grid');
    const panel = again.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Panelgesprek ouderbetrokkenheid' }) });
    expect(await panel.getByRole('gridcell').allTextContents()).toContain('vmbo');
    expect((await again.getByRole('columnheader').allTextContents()).join('|')).toContain('ouders aanwezig ja/nee');
    const parent = again.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Noorderhaven – ouder' }) });
    expect(await parent.getByRole('gridcell').allTextContents()).toContain('ja');
    expect(await page.getByRole('region', { name: 'Groepen' }).textContent()).toContain('Vmbo-scholen (2 documenten)');
    expect(await again.getByRole('checkbox', { name: 'Panelgesprek ouderbetrokkenheid in groep Vmbo-scholen' }).isChecked()).toBe(true);
    expect(await again.getByRole('checkbox', { name: 'Zuiderlicht – leerlingen in groep Vmbo-scholen' }).isChecked()).toBe(true);
    expect(app.externalRequests).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
