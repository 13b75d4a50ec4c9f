import { describe, expect, it } from 'vitest';
import { newAppPage, screenshot, servedApp } from './harness';
import { MarkeerPage } from './markeer-page';

/** A UTF-8 transcript with one invalid byte (0xE9, "é" in windows-1252) on line 3, column 34. */
function transcriptWithOneBadByte(): Buffer {
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  return Buffer.concat([
    utf8('Interviewer: Hoe verloopt de coördinatie met de zorgcoördinator?\n\n'),
    utf8('Zorgcoördinator: Goed; we hebben '),
    Buffer.from([0xe9]),
    utf8('én keer per week overleg over de coördinatie.\n'),
  ]);
}

describe('importing a transcript with one bad byte', () => {
  const served = servedApp();

  it('reads the rest as UTF-8, shows the replacement and names its line and column', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    try {
      await new MarkeerPage(page).createProject('Zorg', 'Anna');
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Bestanden importeren…' }).click();
      await (await chooser).setFiles({ name: 'zorg.txt', mimeType: 'text/plain', buffer: transcriptWithOneBadByte() });

      const warning = page.locator('.notice-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('zorg.txt: Op 1 plek stonden bytes die geen geldige UTF-8 zijn; daar staat nu het teken �');
      expect(await warning.textContent()).toContain('(regel 3, kolom 34)');

      const transcript = new MarkeerPage(page).transcript();
      await transcript.getByText(/Hoe verloopt/).waitFor();
      const text = (await transcript.textContent()) ?? '';
      expect(text).toContain('Hoe verloopt de coördinatie met de zorgcoördinator?');
      expect(text).toContain('we hebben \ufffdén keer per week overleg over de coördinatie.');
      expect(text).not.toContain('Ã');
      // The warning stays until the user dismisses it; the information notice goes away by itself.
      await page.waitForTimeout(4500);
      await expect.poll(() => warning.count()).toBe(1);
      expect(app.errors, 'console errors / uncaught exceptions').toEqual([]);
    } finally {
      await screenshot(page, 'import-report');
      await app.context.close();
    }
  });
});
