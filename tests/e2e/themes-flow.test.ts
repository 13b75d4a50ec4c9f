import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newAppPage, runAxe, screenshot, servedApp } from './harness';

const downloads = mkdtempSync(join(tmpdir(), 'markeer-themes-'));
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const NO_THEME = 'Codes zonder thema';

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const card = (col: Locator, code: string) => col.locator('li.theme-card', { has: col.page().locator('.theme-card-name', { hasText: new RegExp(`^${code}$`) }) });
const cardsIn = (page: Page, name: string) => column(page, name).locator('.theme-card-name').allTextContents();

async function createTheme(page: Page, name: string) {
  await page.getByRole('textbox', { name: 'Naam van het nieuwe thema' }).fill(name);
  await page.keyboard.press('Enter');
  await column(page, name).waitFor();
}

/** Space picks the card up, the arrow moves it one column to the right per press, space drops it. */
async function moveByKeyboard(page: Page, code: string, columnsRight: number) {
  await card(column(page, NO_THEME), code).locator('.theme-card-handle').focus();
  await page.keyboard.press('Space');
  // dnd-kit measures the columns in the frames after the pick-up, as a person would wait to hear it.
  await page.getByText(`Code ${code} opgepakt`).waitFor({ state: 'attached' });
  await page.waitForTimeout(200);
  for (let i = 0; i < columnsRight; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(150);
  }
  await page.keyboard.press('Space');
}

async function dragWithMouse(page: Page, code: string, to: string) {
  const handle = card(column(page, NO_THEME), code).locator('.theme-card-handle');
  await handle.scrollIntoViewIfNeeded();
  const from = await handle.boundingBox();
  const target = await column(page, to).locator('ul.theme-cards').boundingBox();
  if (!from || !target) throw new Error('card or column not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(target.x + target.width / 2, target.y + 20, { steps: 12 });
  await page.waitForTimeout(100);
  await page.mouse.up();
}

describe('themes: board, map, review, definitions', () => {
  const served = servedApp();

  it('builds three themes from the demo codes, saves the map, reviews a theme and defines it, and finds it all after a reload', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    const mapLibrary: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/ThemeMap-[^/]*\.js$/.test(r.url())) mapLibrary.push(r.url());
    });
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Thema’s' }).click();
    await column(page, NO_THEME).waitFor();
    expect(await cardsIn(page, NO_THEME)).toEqual(expect.arrayContaining(['Communicatie', 'Thuisbetrokkenheid', 'Signalen opmerken', 'Benodigde materialen']));

    // Phase 3: three candidate themes, codes moved in by keyboard, by mouse and by menu.
    await createTheme(page, 'Contact met ouders');
    await createTheme(page, 'Zicht op leerlingen');
    await createTheme(page, 'Praktische steun');
    await moveByKeyboard(page, 'Communicatie', 1);
    await expect.poll(() => cardsIn(page, 'Contact met ouders')).toEqual(['Communicatie']);
    await moveByKeyboard(page, 'Thuisbetrokkenheid', 1);
    await expect.poll(() => cardsIn(page, 'Contact met ouders')).toEqual(expect.arrayContaining(['Communicatie', 'Thuisbetrokkenheid']));
    await dragWithMouse(page, 'Signalen opmerken', 'Zicht op leerlingen');
    await expect.poll(() => cardsIn(page, 'Zicht op leerlingen')).toEqual(['Signalen opmerken']);
    await dragWithMouse(page, 'Monitoren', 'Zicht op leerlingen');
    await expect.poll(async () => [...(await cardsIn(page, 'Zicht op leerlingen'))].sort()).toEqual(['Monitoren', 'Signalen opmerken']);
    // Dropped on the card already there, it takes that card's place or the one after: the board keeps what it shows.
    const zicht = await cardsIn(page, 'Zicht op leerlingen');
    await card(column(page, NO_THEME), 'Benodigde materialen').getByRole('button', { name: 'Benodigde materialen verplaatsen naar…' }).click();
    await page.getByRole('menuitem', { name: 'Praktische steun' }).click();
    await expect.poll(() => cardsIn(page, 'Praktische steun')).toEqual(['Benodigde materialen']);
    expect(await cardsIn(page, NO_THEME)).not.toContain('Communicatie');
    // The card shows its number of segments (Communicatie: three passages in the demo).
    expect(await card(column(page, 'Contact met ouders'), 'Communicatie').textContent()).toContain('3 segmenten');
    expect(await runAxe(page), 'axe on the board').toEqual([]);
    await screenshot(page, 'themes-board');

    // The thematic map: loaded only now, saved as SVG and PNG, with a text outline.
    expect(mapLibrary).toEqual([]);
    await page.getByRole('tab', { name: 'Thematische kaart' }).click();
    await page.locator('.react-flow__node').first().waitFor();
    expect(mapLibrary).toHaveLength(1);
    const outline = page.getByRole('region', { name: 'Overzicht als tekst' });
    for (const name of ['Contact met ouders', 'Communicatie', 'Zicht op leerlingen', 'Monitoren', 'Praktische steun']) await outline.getByText(name, { exact: true }).waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(8);
    expect(await runAxe(page), 'axe on the map').toEqual([]);
    await screenshot(page, 'themes-map');
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Opslaan als SVG' }).click()]);
    expect(svgDownload.suggestedFilename()).toMatch(/^Thematische kaart .*\.svg$/);
    await svgDownload.saveAs(join(downloads, 'map.svg'));
    const svg = readFileSync(join(downloads, 'map.svg'), 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const name of ['Contact met ouders', 'Zicht op leerlingen', 'Praktische steun', 'Thuisbetrokkenheid', 'Benodigde materialen']) expect(svg).toContain(`>${name}<`);
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    const height = Number(/<svg[^>]* height="(\d+)"/.exec(svg)?.[1]);
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Opslaan als PNG' }).click()]);
    expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
    await pngDownload.saveAs(join(downloads, 'map.png'));
    const png = readFileSync(join(downloads, 'map.png'));
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(width * 2);
    expect(png.readUInt32BE(20)).toBe(height * 2);

    // Phase 4: review "Contact met ouders": its segments, a quotation, a code that does not fit.
    await page.getByRole('tab', { name: 'Beoordelen' }).click();
    await page.getByLabel('Thema', { exact: true }).selectOption({ label: 'Contact met ouders' });
    const segments = page.getByRole('list', { name: 'Segmenten van Contact met ouders' });
    await segments.getByText('Daar zit schaamte achter, denk ik.').waitFor();
    await segments.getByText('Ik dacht dat hij achter zijn laptop zat, maar hij lag gewoon in bed.').waitFor();
    await page.getByRole('checkbox', { name: 'Kies als citaat: Daar zit schaamte achter, denk ik.' }).check();
    await page.getByRole('list', { name: 'Gekozen citaten' }).getByText(/Daar zit schaamte achter/).waitFor();
    // Which respondent groups contribute: the demo's variable is chosen by itself.
    await expect.poll(() => page.getByRole('combobox', { name: 'Bijdrage per waarde van' }).inputValue()).toBe('respondentgroep');
    const byGroup = page.getByRole('table', { name: 'Bijdrage per waarde van' });
    await expect.poll(() => byGroup.locator('tbody tr').allInnerTexts()).toEqual(['Leraar\t2\t1', 'Ouder\t2\t1', 'Schoolleiding\t1\t1']);
    await page.getByRole('button', { name: 'Uit thema halen: Thuisbetrokkenheid' }).click();
    await expect.poll(() => segments.getByText('Ik dacht dat hij achter zijn laptop zat, maar hij lag gewoon in bed.').count()).toBe(0);
    expect(await runAxe(page), 'axe on the review').toEqual([]);
    await screenshot(page, 'themes-review');

    // Phase 5: a definition and a scope note, saved when the field is left.
    await page.getByRole('tab', { name: 'Definiëren' }).click();
    const contact = page.getByRole('region', { name: 'Contact met ouders' });
    await contact.getByLabel('Definitie', { exact: true }).fill('Hoe school en ouders elkaar bereiken en op de hoogte houden.');
    await contact.getByLabel('Afbakening (wat hoort er niet bij)').fill('Niet: de inhoud van de lessen.');
    await page.keyboard.press('Tab');
    await page.getByText('Definitie van “Contact met ouders” opgeslagen.').waitFor();
    expect(await runAxe(page), 'axe on the definitions').toEqual([]);

    // Everything is kept.
    await page.reload();
    await page.getByRole('tab', { name: 'Thema’s' }).waitFor();
    await page.getByRole('tab', { name: 'Bord' }).waitFor();
    await column(page, 'Praktische steun').waitFor();
    expect(await cardsIn(page, 'Contact met ouders')).toEqual(['Communicatie']);
    expect(await cardsIn(page, 'Zicht op leerlingen')).toEqual(zicht);
    expect(await cardsIn(page, 'Praktische steun')).toEqual(['Benodigde materialen']);
    expect(await cardsIn(page, NO_THEME)).toContain('Thuisbetrokkenheid');
    await page.getByRole('tab', { name: 'Definiëren' }).click();
    const kept = page.getByRole('region', { name: 'Contact met ouders' });
    expect(await kept.getByLabel('Definitie', { exact: true }).inputValue()).toBe('Hoe school en ouders elkaar bereiken en op de hoogte houden.');
    expect(await kept.getByLabel('Afbakening (wat hoort er niet bij)').inputValue()).toBe('Niet: de inhoud van de lessen.');
    await page.getByRole('tab', { name: 'Beoordelen' }).click();
    await page.getByRole('list', { name: 'Gekozen citaten' }).getByText(/Daar zit schaamte achter/).waitFor();

    expect(app.externalRequests).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
