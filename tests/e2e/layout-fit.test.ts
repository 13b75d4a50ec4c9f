import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newAppPage, runAxe, screenshot, servedApp } from './harness';
import { MarkeerPage, projectAction } from './markeer-page';

const downloads = mkdtempSync(join(tmpdir(), 'markeer-layout-'));
const CODES = [
  'Ervaren werkdruk',
  'Samenwerking met ouders',
  'Professionele ontwikkeling',
  'Ondersteuning door schoolleiding',
  'Contact met zorgteam',
  'Digitale middelen',
  'Welbevinden van leerlingen',
  'Communicatie met leerlingen',
];

/** What a person sees of each column header of the grid: is all of its text shown, on how many lines. */
async function columnHeaders(grid: Locator) {
  return grid.evaluate((table) => {
    const wrap = table.parentElement as HTMLElement;
    const headers = [...table.querySelectorAll<HTMLElement>('thead th[scope="col"]:not(.matrix-corner)')];
    return {
      count: headers.length,
      scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
      headers: headers.map((th) => {
        const label = th.querySelector<HTMLElement>('.matrix-col-label') ?? th;
        const style = getComputedStyle(label);
        const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
        const vertical = style.writingMode.startsWith('vertical');
        const box = label.getBoundingClientRect();
        const cell = th.getBoundingClientRect();
        return {
          text: label.textContent ?? '',
          cutOff: label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1,
          outside: box.left < cell.left - 1 || box.right > cell.right + 1 || box.top < cell.top - 1 || box.bottom > cell.bottom + 1,
          lines: Math.round((vertical ? box.width : box.height) / lineHeight),
          height: cell.height,
        };
      }),
    };
  });
}

/** Creates a project with an empty codebook and adds the codes one by one, as a person would. */
async function projectWithCodes(page: Page, codes: readonly string[]) {
  await page.getByLabel('Projectnaam').fill('Werkdruk en samenwerking');
  await page.getByLabel('Je naam als codeur').fill('Noor');
  await page.getByLabel('Codeboek').selectOption({ label: 'Leeg codeboek' });
  await page.getByRole('button', { name: 'Project maken' }).click();
  for (const name of codes) {
    await page.getByRole('button', { name: 'Nieuwe code' }).click();
    await page.getByLabel('Naam van de nieuwe code').fill(name);
    await page.keyboard.press('Enter');
    await page.getByRole('treeitem', { name: new RegExp(`^${name}`) }).waitFor();
  }
}

describe('screens fit a small window (1024 x 700)', () => {
  const served = servedApp();

  it('shows every matrix column header whole, on a few lines, with the columns sharing the width', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 700 });
    await projectWithCodes(page, CODES);
    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Matrices' }).click();
    await page.getByLabel('Weergave').selectOption({ label: 'Code × code' });
    const grid = page.getByRole('treegrid');
    await grid.waitFor();

    for (const [width, height] of [
      [1024, 700],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      // Every header laid out at the new size: all there, each with a measurable height in lines
      // (under load, one was once measured before its line height was known: "NaN lines").
      await expect
        .poll(async () => {
          const now = await columnHeaders(grid);
          return now.count === CODES.length && now.headers.every((h) => Number.isFinite(h.lines) && h.lines > 0);
        })
        .toBe(true);
      await page.waitForTimeout(200);
      const seen = await columnHeaders(grid);
      await screenshot(page, `layout-matrix-headers-${width}x${height}`);
      expect(seen.scrolls, `the eight columns share the width at ${width} x ${height}`).toBe(false);
      expect(seen.headers.map((h) => h.text)).toEqual(CODES);
      for (const h of seen.headers) {
        expect(h.cutOff, `"${h.text}" is cut off at ${width} x ${height}`).toBe(false);
        expect(h.outside, `"${h.text}" spills out of its header at ${width} x ${height}`).toBe(false);
        expect(h.lines, `"${h.text}" takes ${h.lines} lines at ${width} x ${height}`).toBeLessThanOrEqual(3);
      }
    }
    // The full name also on hover.
    expect(await grid.getByRole('columnheader', { name: /Ondersteuning door schoolleiding/ }).getAttribute('title')).toBe('Ondersteuning door schoolleiding');
    expect(await runAxe(page), 'axe on the matrix with wrapped headers').toEqual([]);
    expect(app.errors).toEqual([]);
    await app.context.close();
  });

  it('keeps the project header on one row at 1024 x 700, with the project’s actions in a menu reachable by keyboard', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await screenshot(page, 'header-1024');
    // Every visible part of the header sits on one line: their vertical middles agree.
    const middles = await page.locator('.project-header').evaluate((header) =>
      [...header.children].filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => {
        const box = c.getBoundingClientRect();
        return box.top + box.height / 2;
      }),
    );
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(4);
    // By keyboard: the menu opens with Enter and its item opens the export dialog.
    await page.locator('.project-header').getByRole('button', { name: 'Project', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Exporteren…' }).waitFor();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(['Exporteren…', 'Codeurs samenvoegen…', 'Teamserver…', 'Overeenstemming']);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Project exporteren' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Project/);
    await screenshot(page, 'header-1024');
    expect(app.errors).toEqual([]);
  });

  it('shows every header of the demo’s code × code matrix whole, rotated when the columns are many', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Matrices' }).click();
    await page.getByLabel('Weergave').selectOption({ label: 'Code × code' });
    const grid = page.getByRole('treegrid');
    await grid.waitFor();
    await page.waitForTimeout(200);
    const seen = await columnHeaders(grid);
    await screenshot(page, 'layout-matrix-many-columns-1024x700');
    expect(seen.count).toBeGreaterThan(3);
    for (const h of seen.headers) {
      expect(h.cutOff, `"${h.text}" is cut off`).toBe(false);
      expect(h.outside, `"${h.text}" spills out of its header`).toBe(false);
      expect(h.lines, `"${h.text}" takes ${h.lines} lines`).toBeLessThanOrEqual(3);
    }
    // The header row leaves most of the grid's height to the rows.
    const heights = seen.headers.map((h) => h.height);
    const gridHeight = (await grid.evaluate((table) => (table.parentElement as HTMLElement).clientHeight)) as number;
    expect(Math.max(...heights)).toBeLessThan(gridHeight / 2);
    expect(app.errors).toEqual([]);
    await app.context.close();
  });

  it('draws the student’s progress with labelled axes, inside the feedback dialog', async () => {
    // The teacher makes an exercise of one demo document.
    const teacher = await newAppPage(served.browser, served.server.url);
    let page = teacher.page;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await projectAction(page, 'Exporteren…');
    await page.getByRole('dialog', { name: 'Project exporteren' }).getByRole('button', { name: 'Oefening maken…' }).click();
    const make = page.getByRole('dialog', { name: 'Oefening maken' });
    for (const name of ['Noorderhaven – ouder', 'Mentorgesprek (Teams)', 'Zuiderlicht – leerlingen', 'Panelgesprek ouderbetrokkenheid']) await make.getByLabel(name, { exact: true }).uncheck();
    await make.getByLabel('Eén keer, aan het eind (op alle documenten)').check();
    const [download] = await Promise.all([page.waitForEvent('download'), make.getByRole('button', { name: 'Oefening downloaden' }).click()]);
    const exercise = join(downloads, 'oefening.markeer');
    await download.saveAs(exercise);
    await teacher.context.close();

    // The student codes, asks for feedback, codes more and asks again, in a small window.
    const student = await newAppPage(served.browser, served.server.url);
    page = student.page;
    await page.setViewportSize({ width: 1024, height: 700 });
    const m = new MarkeerPage(page);
    await page.locator('input[type=file][accept*=".markeer"]').setInputFiles(exercise);
    const ask = page.getByRole('dialog', { name: 'Wie maakt de oefening?' });
    await ask.getByLabel('Je naam als codeur').fill('Sanne');
    await ask.getByRole('button', { name: 'Importeren' }).click();
    await m.openDocument('Noorderhaven – schoolleiding');
    const askFeedback = async () => {
      await page.getByRole('region', { name: 'Oefening' }).getByRole('button', { name: 'Feedback vragen (alle documenten)' }).click();
      const dialog = page.getByRole('dialog', { name: 'Feedback' });
      await dialog.getByRole('table', { name: 'Per code' }).waitFor();
      return dialog;
    };
    await m.selectWithMouse('We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.');
    await m.codeRow('Signalen opmerken').click();
    await expect.poll(() => m.segmentCount()).toBe(1);
    let dialog = await askFeedback();
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    await dialog.waitFor({ state: 'detached' });
    await m.selectWithMouse('Als een leerling om half negen niet in de les is, belt de mentor dezelfde ochtend naar huis.');
    await m.codeRow('Monitoren').click();
    await expect.poll(() => m.segmentCount()).toBe(2);
    dialog = await askFeedback();

    const chart = dialog.getByRole('img', { name: /Verloop over de pogingen/ });
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'layout-progress-chart-1024x700');
    const box = await chart.boundingBox();
    const frame = await page.locator('.exercise-modal').boundingBox();
    expect(box && frame).toBeTruthy();
    if (!box || !frame) return;
    expect(box.x).toBeGreaterThanOrEqual(frame.x);
    expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
    expect(box.y).toBeGreaterThanOrEqual(frame.y);
    expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height);
    // Large enough to read, small enough to see whole with its caption.
    expect(box.width).toBeGreaterThanOrEqual(300);
    expect(box.height).toBeLessThanOrEqual(frame.height * 0.6);

    // Axes: attempt numbers along x, percentages up y, both named; tick labels of a readable size.
    const ticks = await chart.locator('text').evaluateAll((nodes) => nodes.map((n) => ({ text: n.textContent ?? '', height: n.getBoundingClientRect().height })));
    const texts = ticks.map((t) => t.text.replace(/\s/g, ''));
    expect(texts).toEqual(expect.arrayContaining(['1', '2', '0%', '50%', '100%', 'Poging']));
    expect(texts.some((t) => /%/.test(t) && /[A-Za-z]/.test(t)), 'the y axis is named').toBe(true);
    for (const t of ticks) expect(t.height, `"${t.text}" is readable`).toBeGreaterThanOrEqual(10);
    expect(await dialog.getByText('Gevonden en klopt per poging').count()).toBeGreaterThan(0);
    expect(await runAxe(page), 'axe on the feedback with the progress chart').toEqual([]);
    expect(student.errors).toEqual([]);
    await student.context.close();
  });
});
