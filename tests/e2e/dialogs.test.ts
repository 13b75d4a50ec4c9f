import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { newAppPage, screenshot, servedApp } from './harness';
import { MarkeerPage } from './markeer-page';

/** Whether the element lies wholly inside the window. */
async function inView(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const size = page.viewportSize();
  return box !== null && size !== null && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0 && box.x + box.width <= size.width;
}

/** A webinar transcript of about 60,000 characters, as a user would paste one. */
const LONG = Array.from({ length: 600 }, (_, i) => `${i % 2 ? 'Deelnemer' : 'Spreker'}: Dit is zin ${i} van een lang webinar over ouderbetrokkenheid en thuisonderwijs.`).join('\n');

describe('dialogs keep their title and actions in view', () => {
  const served = servedApp();

  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    it(`shows Create and Cancel after a 60,000-character paste at ${width} x ${height}`, async () => {
      const app = await newAppPage(served.browser, served.server.url);
      const { page } = app;
      await page.setViewportSize({ width, height });
      await new MarkeerPage(page).createProject('Webinar', 'Anna');
      await page.getByRole('button', { name: 'Nieuw document' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Naam', { exact: true }).fill('Webinar');
      await dialog.locator('[contenteditable="true"]').click();
      await page.keyboard.insertText(LONG);
      await expect.poll(() => dialog.locator('[contenteditable="true"]').textContent().then((t) => (t ?? '').length)).toBeGreaterThan(50000);
      const create = dialog.getByRole('button', { name: 'Aanmaken' });
      await screenshot(page, `paste-dialog-${width}x${height}`);
      expect(await inView(page, create), 'Create is in view').toBe(true);
      expect(await inView(page, dialog.getByRole('button', { name: 'Annuleren' })), 'Cancel is in view').toBe(true);
      expect(await inView(page, dialog.getByRole('heading')), 'the title is in view').toBe(true);
      await create.click();
      await page.locator('.document-title', { hasText: 'Webinar' }).waitFor();
      expect(app.errors).toEqual([]);
      await app.context.close();
    });
  }
});
