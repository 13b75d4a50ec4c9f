import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppPage, reopen, runAxe, screenshot, startServer, type AppPage, type Server } from './harness';

describe('a research lead writes memos and finds them again', () => {
  let server: Server;
  let browser: Browser;
  let app: AppPage;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    app = await newAppPage(browser, server.url, { locale: 'en-GB' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('writes a project memo with bold text in the Memos tab, saved with Ctrl+Enter', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the demo project' }).click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('link', { name: 'Analysis' }).click();
    await page.getByRole('tab', { name: 'Memos' }).click();
    await page.getByRole('button', { name: 'New project memo' }).click();

    await page.getByRole('textbox', { name: 'Title' }).fill('First impressions');
    const text = page.locator('.memo-editor-text');
    await text.waitFor();
    await text.click();
    await page.keyboard.type('Parents want ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('laptops');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' at home.');
    await expect.poll(() => page.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Saved.', { exact: true }).waitFor();
    await expect.poll(() => page.locator('.memos-list').textContent()).toContain('First impressions');
    expect(await runAxe(page), 'axe on the Memos tab with a memo open').toEqual([]);
  });

  it('writes a memo on a code from the codebook, saved when its dialog closes', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Coding' }).click();
    await page.getByRole('treeitem', { name: /^Resilience\b/ }).click();
    await page.getByRole('button', { name: 'Memo about this code' }).click();
    const dialog = page.getByRole('dialog', { name: /New memo about code Resilience/ });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('What counts as resilience');
    await dialog.locator('.memo-editor-text').click();
    await page.keyboard.type('Schools that lent laptops recovered faster.');
    // The first save of a new memo: saved, and not taken for a memo deleted meanwhile.
    await page.keyboard.press('Control+Enter');
    await page.getByText('Saved.', { exact: true }).first().waitFor();
    await page.waitForTimeout(500);
    expect(await dialog.textContent()).not.toContain('deleted meanwhile');
    await page.keyboard.type(' Others did not.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Memos (1)' }).waitFor();
    expect(await runAxe(page), 'axe on the code details with its memos').toEqual([]);
  });

  it('finds both memos after a reload by searching a word, with the bold text kept', async () => {
    const again = await reopen(app.context, app.page.url());
    const { page } = again;
    await page.getByRole('link', { name: 'Analysis' }).click();
    await page.getByRole('tab', { name: 'Memos' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('LAPTOPS');
    const list = page.locator('.memos-list');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    expect(await list.textContent()).toContain('Code: Resilience');
    // Saved once, then again on closing: one memo, with both sentences.
    await page.getByRole('searchbox', { name: 'Search' }).fill('others did not');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search' }).fill('LAPTOPS');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    await page.getByRole('button', { name: 'First impressions' }).click();
    const bold = page.locator('.memo-editor-text .memo-bold');
    await bold.waitFor();
    expect(await bold.textContent()).toBe('laptops');
    expect(await page.locator('.memo-editor-text').textContent()).toBe('Parents want laptops at home.');
    await screenshot(page, 'memos-tab');
    expect(again.errors).toEqual([]);
    expect(again.externalRequests).toEqual([]);
  });
});
