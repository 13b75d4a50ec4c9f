import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppPage, reopen, screenshot, startServer } from './harness';
import { MarkeerPage } from './markeer-page';

describe('offline: after one visit the app works without a network', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reloads, opens the project and codes with the server gone and the network off, and is installable', async () => {
    const server = await startServer();
    const app = await newAppPage(browser, server.url);
    const { page, context } = app;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await new MarkeerPage(page).openDocument('Noorderhaven – schoolleiding');
    // The service worker has precached the whole app (every lazily loaded chunk too) and controls the page.
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    }, undefined, { timeout: 30000 });
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      return link ? ((await (await fetch(link.href)).json()) as { name: string; display: string; icons: { sizes: string }[] }) : null;
    });
    expect(manifest).toMatchObject({ name: 'Markeer', display: 'standalone' });
    expect(manifest?.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    const url = page.url();

    await server.close();
    await context.setOffline(true);
    const offline = await reopen(context, url);
    const m = new MarkeerPage(offline.page);
    try {
      await offline.page.getByRole('main').waitFor({ timeout: 15000 });
      expect(await m.segmentCount()).toBe(8);
      await m.selectWithMouse('kennismakingsgesprek');
      await offline.page.keyboard.press('Control+k');
      await offline.page.getByRole('combobox', { name: 'Zoek een code' }).fill('materialen');
      await offline.page.keyboard.press('Enter');
      await expect.poll(() => m.segmentCount()).toBe(9);
      // A screen that was never opened before comes from the cache as well.
      await offline.page.getByRole('link', { name: 'Analyse' }).click();
      await offline.page.getByRole('tab', { name: 'Documenten en variabelen' }).waitFor({ timeout: 15000 });
    } finally {
      await screenshot(offline.page, 'offline');
    }
    expect(app.externalRequests).toEqual([]);
    await context.close();
  });
});
