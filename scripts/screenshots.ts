/**
 * Screenshots of the main screens at 1280 x 800 and 1024 x 700, taken from the built app in
 * Chromium as a person would reach them: the workspace of a project with two coders' work merged,
 * the coder lens, Retrieve, agreement, matrices, the paste dialog with a long transcript, and a student's feedback.
 *
 *   npm run build && npx tsx scripts/screenshots.ts        (or: npm run screenshots)
 *
 * Writes docs/screenshots/<screen>-<width>x<height>.png, and docs/screenshot.png (the README's) from
 * the workspace at 1280 x 800. Look at them after a change of the interface.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newAppPage, ROOT, startServer } from '../tests/e2e/harness';
import { MarkeerPage, projectAction } from '../tests/e2e/markeer-page';

const OUT = join(ROOT, 'docs', 'screenshots');
const SIZES = [
  [1280, 800],
  [1024, 700],
] as const;
const SAMPLE = join(ROOT, 'src', 'io', 'refi', 'fixtures', 'qualcoder', 'markeer-sample.markeer');
const QUALCODER = ['qualcoder-export-1.qdpx', 'qualcoder-export-2.qdpx'].map((f) => join(ROOT, 'src', 'io', 'refi', 'fixtures', 'qualcoder', f));
const LONG = Array.from({ length: 600 }, (_, i) => `${i % 2 ? 'Deelnemer' : 'Spreker'}: Dit is zin ${i} van een lang webinar over ouderbetrokkenheid en thuisonderwijs.`).join('\n');
const downloads = mkdtempSync(join(tmpdir(), 'markeer-screenshots-'));

async function shot(page: Page, name: string, width: number, height: number): Promise<string> {
  const path = join(OUT, `${name}-${width}x${height}.png`);
  await page.waitForTimeout(300);
  await page.screenshot({ path });
  console.log(path);
  return path;
}

/**
 * A page of a new profile at the size. tsx compiles the helpers' page functions with esbuild's
 * `__name` wrapper, which the page must know (vitest, running the same helpers, does not add it).
 */
async function open(browser: Browser, url: string, width: number, height: number) {
  const app = await newAppPage(browser, url, { navigate: false });
  await app.context.addInitScript({ content: 'window.__name = (f) => f;' });
  await app.page.setViewportSize({ width, height });
  await app.page.goto(url);
  return app;
}

async function screens(browser: Browser, url: string, width: number, height: number): Promise<void> {
  const app = await open(browser, url, width, height);
  const { page } = app;
  const m = new MarkeerPage(page);

  // A project with two coders (the sample), and two exports of it from QualCoder merged in.
  await page.locator('input[type=file][accept*=".markeer"]').setInputFiles(SAMPLE);
  await page.getByRole('tree').waitFor();
  await projectAction(page, 'Codeurs samenvoegen…');
  const merge = page.getByRole('dialog');
  await merge.locator('input[type=file]').setInputFiles(QUALCODER);
  await merge.getByRole('button', { name: 'Samenvoegen' }).click();
  await merge.getByText('Toegevoegd').first().waitFor();
  await merge.getByRole('button', { name: 'Sluiten' }).first().click();
  await merge.waitFor({ state: 'detached' });
  await m.openDocument('Interview pupil');
  await m.transcript().waitFor();
  const workspace = await shot(page, 'workspace', width, height);
  if (width === 1280) copyFileSync(workspace, join(ROOT, 'docs', 'screenshot.png'));

  // Whose coding the views show: the choice, then one coder's coding only.
  await page.locator('.document-head .lens-note').click();
  const lens = page.getByRole('dialog', { name: 'Wiens codering je ziet' });
  await shot(page, 'lens-choice', width, height);
  await lens.locator('.lens-coders input').first().check();
  await page.keyboard.press('Escape');
  await lens.waitFor({ state: 'detached' });
  await shot(page, 'lens-one-coder', width, height);
  await page.locator('.document-head .lens-note').click();
  await lens.getByLabel('Iedereen').check();
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: 'Ophalen' }).click();
  await page.getByLabel('Code (met subcodes)').selectOption({ label: 'Context' });
  await page.locator('.retrieval-list li').first().waitFor();
  await shot(page, 'retrieve', width, height);
  await page.getByRole('tab', { name: 'Codeboek' }).click();

  await projectAction(page, 'Overeenstemming');
  await page.getByRole('dialog').getByRole('table', { name: /Per segment/ }).waitFor();
  await shot(page, 'agreement', width, height);
  await page.getByRole('dialog').getByRole('table', { name: /Per segment/ }).scrollIntoViewIfNeeded();
  await shot(page, 'agreement-figures', width, height);
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Analyse' }).click();
  await page.getByRole('tab', { name: 'Matrices' }).click();
  await page.locator('.matrix-grid, table').first().waitFor();
  await shot(page, 'matrices', width, height);
  await page.getByRole('link', { name: 'Coderen', exact: true }).click();

  await page.getByRole('button', { name: 'Nieuw document' }).click();
  const paste = page.getByRole('dialog');
  await paste.getByLabel('Naam', { exact: true }).fill('Webinar');
  await paste.locator('[contenteditable="true"]').click();
  await page.keyboard.insertText(LONG);
  await shot(page, 'paste-dialog', width, height);
  await paste.getByRole('button', { name: 'Annuleren' }).click();

  // An exercise of the first document with Anna's coding as the reference; a student codes one
  // passage and asks for feedback.
  await projectAction(page, 'Exporteren…');
  await page.getByRole('dialog', { name: 'Project exporteren' }).getByRole('button', { name: 'Oefening maken…' }).click();
  const make = page.getByRole('dialog', { name: 'Oefening maken' });
  await make.getByLabel('Interview teacher', { exact: true }).uncheck();
  const [dl] = await Promise.all([page.waitForEvent('download'), make.getByRole('button', { name: 'Oefening downloaden' }).click()]);
  const exercise = join(downloads, `exercise-${width}.markeer`);
  await dl.saveAs(exercise);
  await app.context.close();

  const student = await open(browser, url, width, height);
  const sp = student.page;
  await sp.locator('input[type=file][accept*=".markeer"]').setInputFiles(exercise);
  const ask = sp.getByRole('dialog', { name: 'Wie maakt de oefening?' });
  await ask.getByLabel('Je naam als codeur').fill('Sanne');
  await ask.getByRole('button', { name: 'Importeren' }).click();
  const sm = new MarkeerPage(sp);
  await sm.openDocument('Interview pupil');
  await sm.selectWithMouse('I felt lost on Monday.');
  await sm.codeRow('Emotion').click();
  await sm.transcript().waitFor();
  await sp.getByRole('region', { name: 'Oefening' }).getByRole('button', { name: /feedback/i }).click();
  await sp.getByRole('dialog', { name: 'Feedback' }).getByRole('table', { name: 'Per code' }).waitFor();
  await shot(sp, 'feedback', width, height);
  await student.context.close();
}

mkdirSync(OUT, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
try {
  for (const [width, height] of SIZES) await screens(browser, server.url, width, height);
} finally {
  await browser.close();
  await server.close();
}
