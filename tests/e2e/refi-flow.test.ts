import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAppPage, ROOT, runAxe, servedApp } from './harness';
import { MarkeerPage, projectAction } from './markeer-page';

const downloads = mkdtempSync(join(tmpdir(), 'markeer-refi-'));

describe('REFI-QDA exchange in the app', () => {
  const served = servedApp();

  it('exports the demo project as .qdpx, saying what does not travel, and imports it back with its codings', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();

    await projectAction(page, 'Exporteren…');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('REFI-QDA-project (.qdpx)', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Downloaden' }).click();
    await dialog.getByRole('heading', { name: 'Wat niet meegaat' }).waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Toch downloaden' }).click()]);
    const qdpx = join(downloads, 'demo.qdpx');
    await dl.saveAs(qdpx);
    expect(dl.suggestedFilename()).toMatch(/\.qdpx$/);

    await page.getByRole('link', { name: 'Markeer' }).click();
    await page.locator('input[type=file][accept*=".qdpx"]').setInputFiles(qdpx);
    const report = page.getByRole('dialog');
    await report.getByRole('heading', { name: 'Wat niet is geïmporteerd' }).waitFor();
    expect(await runAxe(page), 'axe on the import report').toEqual([]);
    await report.getByRole('button', { name: 'Project openen' }).click();
    const m = new MarkeerPage(page);
    await m.openDocument('Noorderhaven – schoolleiding');
    expect(await m.segmentCount()).toBe(8);
    await expect.poll(() => m.paintedRanges()).toBeGreaterThanOrEqual(8);

    // The sample a real NVivo wrote imports too.
    await page.getByRole('link', { name: 'Markeer' }).click();
    await page.locator('input[type=file][accept*=".qdpx"]').setInputFiles(join(ROOT, 'src', 'io', 'refi', 'fixtures', 'nvivo-mac-15.qdpx'));
    await page.getByRole('dialog').getByRole('button', { name: 'Project openen' }).click();
    await page.locator('.pane-documents').getByRole('link').first().waitFor();
    expect(app.externalRequests).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('merges two QualCoder exports of a project back into it: the same people and passages once, annotations at their ranges', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    const qualcoder = (name: string) => join(ROOT, 'src', 'io', 'refi', 'fixtures', 'qualcoder', name);
    await page.locator('input[type=file][accept*=".markeer"]').setInputFiles(qualcoder('markeer-sample.markeer'));
    await page.getByRole('tree').waitFor();
    const m = new MarkeerPage(page);
    await m.openDocument('Interview pupil');
    const before = await m.segmentCount();
    expect(before).toBeGreaterThan(0);

    await projectAction(page, 'Codeurs samenvoegen…');
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles([qualcoder('qualcoder-export-1.qdpx'), qualcoder('qualcoder-export-2.qdpx')]);
    await dialog.getByRole('button', { name: 'Samenvoegen' }).waitFor();
    // QualCoder gave both coders new GUIDs: the plan proposes them as the same people, ticked.
    const same = dialog.getByLabel('Behandel “Anna de Vries” als dezelfde persoon als “Anna de Vries” (zelfde naam, andere GUID)');
    await expect.poll(() => same.count()).toBe(2);
    expect(await same.first().isChecked()).toBe(true);
    expect(await runAxe(page), 'axe on the merge plan with coder matches').toEqual([]);
    await dialog.getByRole('button', { name: 'Samenvoegen' }).click();
    await dialog.getByText('Als dezelfde persoon genomen', { exact: false }).first().waitFor();
    const rows = await dialog.locator('table').first().locator('tbody tr').allTextContents();
    // Coders and segments: nothing added, everything already there.
    expect(rows.find((r) => r.startsWith('Codeurs'))).toMatch(/^Codeurs0/);
    expect(rows.find((r) => r.startsWith('Segmenten'))).toMatch(/^Segmenten0/);
    await page.keyboard.press('Escape');
    await m.openDocument('Interview pupil');
    await expect.poll(() => m.segmentCount()).toBe(before);
    expect(app.externalRequests).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
