import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { run } from '../../src/cli/main';
import { launchBrowser, newAppPage, ROOT, runAxe, screenshot, startServer, type AppPage, type Server } from './harness';
import { MarkeerPage, projectAction } from './markeer-page';

const SAMPLES = join(ROOT, 'src', 'io', 'import', 'fixtures');
const downloads = mkdtempSync(join(tmpdir(), 'markeer-team-'));

async function download(page: Page, kind: 'Volledige bundel' | 'Uitdeelversie voor codeurs', file: string): Promise<string> {
  await projectAction(page, 'Exporteren…');
  const dialog = page.getByRole('dialog');
  await dialog.getByText(kind, { exact: true }).click();
  const [dl] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Downloaden' }).click()]);
  const path = join(downloads, file);
  await dl.saveAs(path);
  return path;
}

describe('a research lead hands out a project, collects two coders’ work and merges it', () => {
  let server: Server;
  let browser: Browser;
  let lead: AppPage;
  let handout: string;
  const bundles: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    lead = await newAppPage(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('prepares the project and exports a hand-out', async () => {
    const { page } = lead;
    await page.getByLabel('Projectnaam').fill('Veerkracht 2021');
    await page.getByLabel('Je naam als codeur').fill('Projectleider');
    await page.getByRole('button', { name: 'Project maken' }).click();
    await page.getByRole('tree').waitFor();
    await page.locator('.pane-documents input[type=file]').setInputFiles([join(SAMPLES, 'school-noord-leiding.txt'), join(SAMPLES, 'school-noord-ouder.txt')]);
    await expect.poll(() => page.locator('.pane-documents').getByRole('link').count()).toBe(2);
    handout = await download(page, 'Uitdeelversie voor codeurs', 'handout.markeer');
  });

  for (const [coder, phrase, code] of [
    ['Anna', 'We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.', 'Signalen opmerken'],
    ['Bram', 'dat er leerlingen gewoon niet online kwamen. De docenten gaven dat door aan de mentor', 'Signalen opmerken'],
  ] as const) {
    it(`lets ${coder}, in a browser profile of their own, import the hand-out, code and send back a bundle`, async () => {
      const own = await newAppPage(browser, server.url);
      const { page } = own;
      await page.locator('input[type=file][accept*=".markeer"]').setInputFiles(handout);
      const ask = page.getByRole('dialog');
      await ask.getByLabel('Je naam als codeur').fill(coder);
      await ask.getByRole('button', { name: 'Importeren' }).click();
      const m = new MarkeerPage(page);
      await m.openDocument('school-noord-leiding');
      await m.selectWithMouse(phrase);
      await m.codeRow(code).click();
      await expect.poll(() => m.segmentCount()).toBe(1);
      expect(await page.locator('.coder-name').textContent()).toContain(coder);
      bundles.push(await download(page, 'Volledige bundel', `${coder}.markeer`));
      expect(own.externalRequests).toEqual([]);
      await own.context.close();
    });
  }

  it('merges both bundles after showing what will happen, keeps each coder, and undoes the merge in one step', async () => {
    const { page } = lead;
    await screenshot(page, 'team-lead-header');
    await projectAction(page, 'Codeurs samenvoegen…');
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles(bundles);
    await dialog.getByRole('button', { name: 'Samenvoegen' }).waitFor();
    expect(await dialog.textContent()).toContain('Anna');
    expect(await runAxe(page), 'axe on the merge plan').toEqual([]);
    await dialog.getByRole('button', { name: 'Samenvoegen' }).click();
    await dialog.getByText('Toegevoegd').first().waitFor();
    await screenshot(page, 'merge-report');
    // The project has 2 documents; both bundles hold them: "already there" says 2, not 4.
    const total = dialog.getByRole('table', { name: 'Totaal' });
    expect(await total.getByRole('row', { name: /^Documenten/ }).textContent()).toBe('Documenten02–');
    await page.keyboard.press('Escape');
    const m = new MarkeerPage(page);
    await m.openDocument('school-noord-leiding');
    await expect.poll(() => m.segmentCount()).toBe(2);
    await page.getByRole('tab', { name: 'Ophalen' }).click();
    await page.getByLabel('Code (met subcodes)').selectOption({ label: 'Signalen opmerken' });
    await expect.poll(() => page.locator('.retrieval-list li').count()).toBe(2);
    const coders = await page.locator('.retrieval-where .muted').allTextContents();
    expect(coders.join(' ')).toMatch(/Anna/);
    expect(coders.join(' ')).toMatch(/Bram/);
    await page.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => m.segmentCount()).toBe(0);
    await page.getByRole('button', { name: 'Opnieuw' }).click();
    await expect.poll(() => m.segmentCount()).toBe(2);
    expect(lead.externalRequests).toEqual([]);
  });

  it('shows agreement with the same figures as the command line, and records a consensus decision', async () => {
    const { page } = lead;
    await projectAction(page, 'Overeenstemming');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Verschillen bekijken' }).waitFor();
    expect(await runAxe(page), 'axe on the agreement screen').toEqual([]);
    await screenshot(page, 'agreement');
    // No figure reads "-0" (a tiny negative kappa rounded), and the figures are explained.
    expect((await dialog.locator('.agreement-table').allTextContents()).join(' ')).not.toMatch(/(^|[^\d])-0(?![,.]?\d)/);
    expect(await dialog.textContent()).toContain('Kappa corrigeert daarvoor: 0 is wat toeval zou geven');
    // Per segment, as MAXQDA reports it: Anna's and Bram's passages share 44 of 113 characters
    // (39 %): no match at 90 %, a match at 30 %.
    const perSegment = dialog.getByRole('table', { name: /Per segment/ });
    const row = perSegment.getByRole('row', { name: /^Signalen opmerken/ });
    await expect.poll(() => row.textContent()).toBe('Signalen opmerken0 van 10 van 10%-1');
    await dialog.getByLabel('Segmenten komen overeen bij een overlap van minstens').fill('30');
    await expect.poll(() => row.textContent()).toBe('Signalen opmerken1 van 11 van 1100%1');
    const [dl] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tabel exporteren (CSV)' }).click()]);
    const csvPath = join(downloads, 'agreement.csv');
    await dl.saveAs(csvPath);
    const rows = Papa.parse<Record<string, string>>(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const pooled = rows.find((r) => r.code === 'Signalen opmerken' && r.document === '(all)');
    expect(pooled, 'pooled row of Signalen opmerken').toBeDefined();

    const out: string[] = [];
    const status = await run(['agreement', ...bundles, '--json'], { out: (t) => out.push(t), err: () => undefined });
    expect(status).toBe(0);
    const cli = JSON.parse(out.join('\n'));
    const code = cli.codes.find((c: { name: string }) => c.name === 'Signalen opmerken');
    expect(Number(pooled!.both)).toBe(code.pooled.both);
    expect(Number(pooled!.onlyA) + Number(pooled!.onlyB)).toBe(code.pooled.onlyA + code.pooled.onlyB);
    expect(Number(pooled!.cohenKappa)).toBeCloseTo(code.pooled.cohenKappa, 6);

    // Consensus on the first (biggest) disagreement: code it, as one of the two coders did.
    await dialog.getByRole('button', { name: 'Beide', exact: true }).first().click();
    await dialog.getByText(/Besloten: Beide/).first().waitFor();
    await page.keyboard.press('Escape');
    const m = new MarkeerPage(page);
    await expect.poll(() => m.segmentCount()).toBe(3);
    expect(lead.externalRequests).toEqual([]);
  });

  it('asks before the lead removes a code from another coder’s segment', async () => {
    const { page } = lead;
    const m = new MarkeerPage(page);
    await m.openDocument('school-noord-leiding');
    const before = await m.segmentCount();
    await m.clickInPhrase('twee dagen');
    const card = page.getByRole('region', { name: 'Segment' }).locator('.segment-card', { hasText: 'Codeur: Anna' });
    await card.getByRole('button', { name: 'Code Signalen opmerken van dit segment halen' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Code “Signalen opmerken” weghalen uit de codering van Anna?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Annuleren' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await m.segmentCount()).toBe(before);
    await card.getByRole('button', { name: 'Code Signalen opmerken van dit segment halen' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Toch weghalen' }).click();
    await expect.poll(() => m.segmentCount()).toBe(before - 1);
    expect(lead.errors).toEqual([]);
  });

  it('gives every merged coder a colour of their own, which the lead can change', async () => {
    const { page } = lead;
    await page.locator('.coder-name').click();
    const dialog = page.getByRole('dialog', { name: 'Codeurs' });
    const anna = dialog.getByLabel('Kleur van Anna');
    const bram = dialog.getByLabel('Kleur van Bram');
    // Both imported the same hand-out (where each got the same first free colour); the merge told them apart.
    expect(await anna.inputValue()).not.toBe(await bram.inputValue());
    await bram.fill('#123456');
    await dialog.getByRole('button', { name: 'Kleuren opslaan' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.coder-name').click();
    expect(await page.getByRole('dialog', { name: 'Codeurs' }).getByLabel('Kleur van Bram').inputValue()).toBe('#123456');
    await page.keyboard.press('Escape');
    expect(lead.errors).toEqual([]);
  });
});
