import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppPage, runAxe, screenshot, startServer, type Server } from './harness';

describe('smoke: the built app in Chromium', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens offline, titled Markeer, with a main landmark, no errors and no serious axe violations', async () => {
    const app = await newAppPage(browser!, server!.url);
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
