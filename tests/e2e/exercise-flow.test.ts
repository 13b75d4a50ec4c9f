import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import JSZip from 'jszip';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppPage, newProfile, runAxe, screenshot, startServer, type AppPage, type Server } from './harness';
import { MarkeerPage, projectAction } from './markeer-page';

const downloads = mkdtempSync(join(tmpdir(), 'markeer-exercise-'));
const DOCUMENT = 'Noorderhaven – schoolleiding';
const OTHER_DOCUMENTS = ['Noorderhaven – ouder', 'Mentorgesprek (Teams)', 'Zuiderlicht – leerlingen', 'Panelgesprek ouderbetrokkenheid'];
const NOTICED = 'We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.';
const MONITORING = 'Als een leerling om half negen niet in de les is, belt de mentor dezelfde ochtend naar huis.';
const SHAME = 'Daar zit schaamte achter, denk ik.';

async function save(page: Page, click: () => Promise<void>, file: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(downloads, file);
  await dl.saveAs(path);
  return path;
}

/** Asks for feedback on every document and waits for the feedback screen. */
async function askFeedback(page: Page) {
  await page.getByRole('region', { name: 'Oefening' }).getByRole('button', { name: 'Feedback vragen (alle documenten)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Feedback' });
  await dialog.getByRole('table', { name: 'Per code' }).waitFor();
  return dialog;
}

describe('a teacher makes an exercise, a student practises against the reference, the teacher collects the attempts', () => {
  let server: Server;
  let browser: Browser;
  let teacher: AppPage;
  let exercise: string;
  let studentBundle: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    teacher = await newAppPage(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the teacher make an exercise of one demo document with the demo coding as reference', async () => {
    const { page } = teacher;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await projectAction(page, 'Exporteren…');
    await page.getByRole('dialog', { name: 'Project exporteren' }).getByRole('button', { name: 'Oefening maken…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Oefening maken' });
    for (const name of OTHER_DOCUMENTS) await dialog.getByLabel(name, { exact: true }).uncheck();
    await dialog.getByText('1 gecodeerde passage', { exact: false }).or(dialog.getByText('8 gecodeerde passages')).waitFor();
    await dialog.locator('.memo-editor-text').click();
    await page.keyboard.type('Codeer de signalen en wat de school ermee doet.');
    await dialog.getByLabel('Eén keer, aan het eind (op alle documenten)').check();
    expect(await dialog.textContent()).toContain('verborgen, niet geheim');
    expect(await runAxe(page), 'axe on the exercise dialog').toEqual([]);
    const names: string[] = [];
    const count = (d: Download) => names.push(d.suggestedFilename());
    page.on('download', count);
    exercise = await save(page, () => dialog.getByRole('button', { name: 'Oefening downloaden' }).click(), 'oefening.markeer');
    // One file, the exercise, and the message names it (the whole project used to download too).
    await page.getByText(`${names[0]}`, { exact: false }).first().waitFor();
    await page.waitForTimeout(1500);
    page.off('download', count);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/oefening.*\.markeer$/);
    const zip = await JSZip.loadAsync(readFileSync(exercise));
    const json = JSON.parse((await zip.file('project.json')?.async('string')) ?? '{}') as {
      project: { exercise?: { referenceCoderGuid: string } };
      coders: { guid: string }[];
      documents: { name: string }[];
      segments: { coderGuid: string }[];
      memos: unknown[];
    };
    expect(json.coders.map((c) => c.guid)).toEqual([json.project.exercise?.referenceCoderGuid]);
    expect(json.documents.map((d) => d.name)).toEqual([DOCUMENT]);
    expect(new Set(json.segments.map((s) => s.coderGuid))).toEqual(new Set([json.project.exercise?.referenceCoderGuid]));
    expect(json.memos).toEqual([]);
    expect(teacher.externalRequests).toEqual([]);
  });

  it('lets a student import it, code without seeing the reference, ask for feedback, improve and ask again', async () => {
    const student = await newProfile(browser, server.url);
    const { page } = student;
    const m = new MarkeerPage(page);
    await page.locator('input[type=file][accept*=".markeer"]').setInputFiles(exercise);
    const ask = page.getByRole('dialog', { name: 'Wie maakt de oefening?' });
    await ask.getByLabel('Je naam als codeur').fill('Sanne');
    await ask.getByRole('button', { name: 'Importeren' }).click();
    const banner = page.getByRole('region', { name: 'Oefening' });
    await banner.getByText('Codeer de signalen en wat de school ermee doet.').waitFor();
    expect(await banner.textContent()).toContain('verborgen, niet geheim');
    expect(await page.locator('.coder-name').textContent()).toContain('Sanne');
    await page.locator('.project-header').getByRole('button', { name: 'Project', exact: true }).click();
    expect(await page.getByRole('menuitem', { name: 'Overeenstemming' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    // The reference's eight passages are in the file but nowhere on screen.
    await m.openDocument(DOCUMENT);
    expect(await m.segmentCount()).toBe(0);
    expect(await m.paintedRanges()).toBe(0);
    // The document list's count, once it is read, leaves them out too.
    const listed = () => page.locator('.doc-link-count').first().textContent();
    await expect.poll(listed).toMatch(/\d/);
    expect(await listed()).toMatch(/^\D*0/);
    expect(await runAxe(page), 'axe on the student’s coding screen').toEqual([]);

    // One passage found, one confused (the reference calls it Monitoren), six missed.
    await m.selectWithMouse(NOTICED);
    await m.codeRow('Signalen opmerken').click();
    await expect.poll(() => m.segmentCount()).toBe(1);
    await m.selectWithMouse(MONITORING);
    await m.codeRow('Signalen opmerken').click();
    await expect.poll(() => m.segmentCount()).toBe(2);

    let dialog = await askFeedback(page);
    expect(await dialog.textContent()).toContain('Je vond 1 van de 9 passages van de referentie.');
    // Per passage as MAXQDA counts: the found passage matches; the confused one has another code.
    expect(await dialog.locator('.fb-segments').textContent()).toMatch(/^Per passage, zoals MAXQDA telt .*: 1 van de 9 passages van de referentie en 1 van je 2 passages/);
    await dialog.getByRole('button', { name: 'Monitoren' }).click();
    await dialog.getByText('1 passage die de referentie “Monitoren” noemt, heb jij als “Signalen opmerken” gecodeerd.', { exact: false }).waitFor();
    expect(await dialog.locator('.fb-definitions dt').allTextContents()).toEqual(['Monitoren', 'Signalen opmerken']);
    expect(await dialog.locator('.fb-pair').first().textContent()).toContain('Referentie');
    expect(await runAxe(page), 'axe on the feedback screen').toEqual([]);
    await screenshot(page, 'exercise-feedback');
    // A missed passage opens in its document.
    await dialog.getByRole('button', { name: 'Naar de passage' }).first().click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.document-title', { hasText: DOCUMENT }).waitFor();

    // Improve: the confused passage also as Monitoren, and one more passage.
    await m.selectWithMouse(MONITORING);
    await m.codeRow('Monitoren').click();
    await m.selectWithMouse(SHAME);
    await m.codeRow('Communicatie').first().click();
    await expect.poll(() => m.segmentCount()).toBe(3);

    dialog = await askFeedback(page);
    expect(await dialog.textContent()).toContain('Je vond 3 van de 9 passages van de referentie.');
    const attempts = dialog.getByRole('table', { name: 'Je pogingen, de oudste eerst' });
    expect(await attempts.locator('tbody tr').count()).toBe(2);
    expect(await dialog.getByRole('img', { name: /Verloop over de pogingen/ }).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Sluiten' }).click();

    await projectAction(page, 'Exporteren…');
    const exportDialog = page.getByRole('dialog');
    await exportDialog.getByText('Volledige bundel', { exact: true }).click();
    studentBundle = await save(page, () => exportDialog.getByRole('button', { name: 'Downloaden' }).click(), 'sanne.markeer');
    expect(student.externalRequests).toEqual([]);
    expect(student.errors).toEqual([]);
    await student.context.close();
  });

  it('lets the teacher merge the student’s bundle and see both attempts in the results table, with CSV', async () => {
    const { page } = teacher;
    await projectAction(page, 'Codeurs samenvoegen…');
    const merge = page.getByRole('dialog');
    await merge.locator('input[type=file]').setInputFiles([studentBundle]);
    await merge.getByRole('button', { name: 'Samenvoegen' }).click();
    await merge.getByText('Toegevoegd').first().waitFor();
    await page.keyboard.press('Escape');

    await projectAction(page, 'Resultaten oefening');
    const results = page.getByRole('dialog', { name: 'Resultaten van de oefening' });
    const row = results.getByRole('row', { name: /Sanne/ });
    await row.waitFor();
    expect(await row.getByRole('cell').first().textContent()).toBe('2');
    expect(await row.textContent()).toContain('3 van 9');
    await row.getByRole('button', { name: /Sanne/ }).click();
    const history = results.getByRole('table', { name: 'Pogingen van Sanne' });
    expect(await history.locator('tbody tr').count()).toBe(2);
    expect(await runAxe(page), 'axe on the results table').toEqual([]);
    await screenshot(page, 'exercise-results');
    const csv = await save(page, () => results.getByRole('button', { name: 'Tabel exporteren (CSV)' }).click(), 'resultaten.csv');
    const rows = Papa.parse<Record<string, string>>(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.filter((r) => r.student === 'Sanne').map((r) => [r.attempt, r.found, r.reference, r.latest])).toEqual([
      ['1', '1', '9', 'no'],
      ['2', '3', '9', 'yes'],
    ]);
    expect(teacher.externalRequests).toEqual([]);
    expect(teacher.errors).toEqual([]);
  });
});
