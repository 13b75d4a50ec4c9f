import { describe, expect, it } from 'vitest';
import { newAppPage, reopen, runAxe, screenshot, servedApp, type AppPage } from './harness';
import { MarkeerPage } from './markeer-page';

const CODE = 'Benodigde materialen';
const STUDENTS = 'Zuiderlicht – leerlingen';

describe('search and autocode in the analysis screen', () => {
  const served = servedApp();
  let app: AppPage;
  /** Segments in the students' transcript before autocoding. */
  let studentSegments = 0;

  /** The number of codings the codebook shows for a code. */
  const codings = async (name: string) => Number(await app.page.getByRole('treeitem', { name: new RegExp(`^${name}`) }).locator('.cb-count').getAttribute('data-value'));

  it('searches the demo for "laptop" and codes the hits by sentence from the keyboard, as one undoable step', async () => {
    app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    const m = new MarkeerPage(page);
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await expect.poll(() => codings(CODE)).toBe(1);
    await m.openDocument(STUDENTS);
    studentSegments = await m.segmentCount();

    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Zoeken en autocoderen' }).click();
    const field = page.getByRole('searchbox', { name: 'Zoeken naar' });
    await field.focus();
    await page.keyboard.type('laptop');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '9 treffers in 5 document(en)' }).waitFor();
    // Hits in context, the hit marked; "leenlaptops" is found too.
    expect(await page.locator('.hit mark').allTextContents()).toEqual(['laptop', 'laptop', 'laptop', 'laptop', 'laptop', 'laptop', 'laptop', 'laptop', 'laptop']);
    expect(await page.getByRole('checkbox', { name: /leenlaptops/ }).isChecked()).toBe(true);

    // Sentence scope: the arrow key moves through the scopes; the preview shows the first hit's sentence.
    await page.getByRole('radio', { name: 'Alleen de treffer' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'De zin' }).isChecked()).toBe(true);
    await expect.poll(() => page.locator('.search-preview blockquote').textContent()).toBe('Is het de laptop?');
    await page.getByText('Dat geeft 9 segmenten', { exact: false }).waitFor();

    // The code from the combo box: type, arrow down, Enter.
    const combo = page.getByRole('combobox', { name: 'Code' }).first();
    await combo.focus();
    await page.keyboard.type('benodigde');
    await page.getByRole('option', { name: new RegExp(CODE) }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => combo.inputValue()).toBe(CODE);
    expect(await runAxe(page), 'axe on search and autocode').toEqual([]);
    await screenshot(page, 'search-laptop');

    await page.getByRole('button', { name: '9 treffers coderen' }).focus();
    await page.keyboard.press('Enter');
    // One sentence was coded so already (a demo passage); one demo segment gets the code as well.
    await page.getByText(`${CODE}: 7 nieuwe segmenten, 8 nieuwe coderingen, 1 waren al zo gecodeerd.`).waitFor();

    await page.keyboard.press('Control+z');
    await page.getByText('Ongedaan gemaakt: automatisch coderen').waitFor();
    await page.keyboard.press('Control+Shift+z');
    await page.getByText('Opnieuw gedaan: automatisch coderen').waitFor();
    expect(app.errors).toEqual([]);
    expect(app.externalRequests).toEqual([]);
  });

  it('shows the new codings on the coding screen, also after a reload', async () => {
    for (const pass of ['now', 'after reload']) {
      // The project's own address, as a bookmark would open it.
      if (pass === 'after reload') app = await reopen(app.context, app.page.url());
      const { page } = app;
      const m = new MarkeerPage(page);
      if (pass === 'now') await page.getByRole('link', { name: 'Coderen' }).click();
      await page.getByRole('tree').waitFor();
      await expect.poll(() => codings(CODE), { message: pass }).toBe(9);
      await m.openDocument(STUDENTS);
      // Both of the students' sentences with "laptop" are segments now.
      await expect.poll(() => m.segmentCount(), { message: pass }).toBe(studentSegments + 2);
      expect(await m.transcript().textContent()).toContain('Die laptop mag ik houden tot ik van school ga.');
    }
    expect(app.errors).toEqual([]);
  });
});
