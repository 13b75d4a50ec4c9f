import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newAppPage, ROOT, runAxe, servedApp } from './harness';
import { MarkeerPage } from './markeer-page';

/** The app built with one database version more (VITE_MARKEER_NEXT_SCHEMA=1): "a newer Markeer". */
const NEXT = mkdtempSync(join(tmpdir(), 'markeer-next-'));

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png' };

/**
 * Serves the newer build to this page only, at the same origin as the older one (so both share
 * one IndexedDB), as if the user opened Markeer again after it was updated.
 */
async function asNewerMarkeer(page: Page): Promise<void> {
  await page.route(
    () => true,
    async (route) => {
      const url = new URL(route.request().url());
      const path = normalize(url.pathname === '/' ? '/index.html' : url.pathname);
      const file = join(NEXT, path);
      if (!file.startsWith(NEXT) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
      await route.fulfill({ status: 200, body: readFileSync(file), headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' } });
    },
  );
}

describe('a tab from the past: another tab opens a newer Markeer', () => {
  const served = servedApp();
  beforeAll(() => {
    const vite = join(ROOT, 'node_modules', '.bin', 'vite');
    const built = spawnSync(vite, ['build', '--outDir', NEXT, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, env: { ...process.env, VITE_MARKEER_NEXT_SCHEMA: '1' }, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`building the newer Markeer failed: ${built.stderr}`);
  }, 180_000);

  it('stops the old tab writing and asks it to reload, and the old build then refuses the newer data', async () => {
    const app = await newAppPage(served.browser, served.server.url, { serviceWorkers: 'block' });
    const old = app.page;
    const m = new MarkeerPage(old);
    await m.createProject('Verleden', 'Noor');
    await old.getByRole('tree').waitFor();

    // The user opens the updated Markeer in a second tab of the same browser.
    const newer = await app.context.newPage();
    await asNewerMarkeer(newer);
    await newer.goto(served.server.url);
    await newer.getByRole('link', { name: /Verleden/ }).waitFor();

    // The old tab has let go of the database and says so; nothing behind the dialog can be used.
    const alert = old.getByRole('alertdialog', { name: 'Markeer is in een ander tabblad bijgewerkt' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Dit tabblad slaat niets meer op');
    expect(await runAxe(old), 'axe on the reload dialog').toEqual([]);
    await old.getByRole('button', { name: 'Nieuwe code' }).click({ timeout: 1000 }).then(
      () => expect.fail('the codebook behind the dialog took a click'),
      () => undefined,
    );

    // Reloading the old build finds data of a newer Markeer and opens nothing.
    await alert.getByRole('button', { name: 'Tabblad herladen' }).click();
    await old.getByRole('heading', { name: 'Deze gegevens zijn van een nieuwere Markeer' }).waitFor();
    // The newer tab works on: its project is there, unchanged.
    await newer.getByRole('link', { name: /Verleden/ }).click();
    await newer.getByRole('tree').waitFor();
    expect(app.errors.filter((e) => !e.includes('DatabaseClosedError'))).toEqual([]);
  });

  it('makes the newer tab wait, and say so, while a tab of an older Markeer holds the database', async () => {
    const app = await newAppPage(served.browser, served.server.url, { serviceWorkers: 'block' });
    const old = app.page;
    await old.getByRole('button', { name: 'Voorbeeldproject openen' }).waitFor();
    // A tab of a Markeer from before this fix: a connection that ignores "versionchange".
    await old.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('markeer');
          request.onsuccess = () => {
            (window as unknown as { held: IDBDatabase }).held = request.result;
            resolve();
          };
          request.onerror = () => reject(request.error);
        }),
    );
    const newer = await app.context.newPage();
    await asNewerMarkeer(newer);
    await newer.goto(served.server.url);
    const waiting = newer.getByRole('status').filter({ hasText: 'Markeer wacht tot andere tabbladen' });
    await waiting.waitFor();
    // The older tab goes away: the newer one opens.
    await old.evaluate(() => (window as unknown as { held: IDBDatabase }).held.close());
    await waiting.waitFor({ state: 'detached' });
    await newer.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await newer.getByRole('tree').waitFor();
  });
});
