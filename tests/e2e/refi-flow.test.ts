import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAppPage, ROOT, runAxe, servedApp } from './harness';
import { MarkeerPage } from './markeer-page';

const downloads = mkdtempSync(join(tmpdir(), 'markeer-refi-'));

describe('REFI-QDA exchange in the app', () => {
  const served = servedApp();

  it('exports the demo project as .qdpx, saying what does not travel, and imports it back with its codings', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();

    await page.getByRole('button', { name: 'Exporteren…', exact: true }).click();
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
});
