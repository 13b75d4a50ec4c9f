import { describe, expect, it } from 'vitest';
import { newAppPage, runAxe, screenshot, servedApp } from './harness';

describe('smoke: the built app in Chromium', () => {
  const served = servedApp();

  it('opens offline, titled Markeer, with a main landmark, no errors and no serious axe violations', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;

    try {
      await page.getByRole('main').waitFor({ state: 'visible', timeout: 15000 });
      await page.waitForLoadState('networkidle');
    } finally {
      await screenshot(page, 'smoke');
    }

    // Soft assertions: one run reports every problem, not just the first.
    expect.soft(await page.title()).toBe('Markeer');
    expect.soft(app.externalRequests, 'requests leaving 127.0.0.1').toEqual([]);
    expect.soft(app.errors, 'console errors / uncaught exceptions').toEqual([]);
    expect.soft(await runAxe(page), 'serious/critical axe violations').toEqual([]);

    await app.context.close();
  });
});
