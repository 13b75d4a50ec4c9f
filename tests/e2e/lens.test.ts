import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadProjectOrThrow } from '../../src/cli/load';
import { run } from '../../src/cli/main';
import { createCoder, createCoding, createSegment } from '../../src/domain/factories';
import type { Coding, Guid, Segment } from '../../src/domain/model';
import type { ProjectData } from '../../src/domain/project-data';
import { serializeBundle } from '../../src/io/bundle/serialize';
import { newAppPage, ROOT, runAxe, screenshot, servedApp } from './harness';
import { MarkeerPage, projectAction } from './markeer-page';

const SAMPLES = join(ROOT, 'src', 'io', 'import', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'markeer-lens-'));
const A = 'Signalen opmerken';
const B = 'Signalen interpreteren';
const P1 = 'We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.';
const P2 = 'De docenten gaven dat door aan de mentor';

/**
 * A coder's bundle: the hand-out's project with the coder's own segments, each with its codes,
 * as the coder's browser would export it after importing the hand-out and coding.
 */
async function coderBundle(handout: ProjectData, name: string, color: string, work: readonly [passage: string, codes: readonly string[]][]): Promise<string> {
  const coder = createCoder(handout.project.guid, name, color);
  const doc = handout.documents.find((d) => d.name === 'school-noord-leiding');
  const text = handout.texts.find((x) => x.documentGuid === doc?.guid)?.text;
  if (!doc || text === undefined) throw new Error('the hand-out lacks its document');
  const codeGuid = (n: string): Guid => handout.codes.find((c) => c.name === n)?.guid ?? '';
  const segments: Segment[] = [];
  const codings: Coding[] = [];
  for (const [passage, codes] of work) {
    const start = text.indexOf(passage);
    const segment = createSegment({ projectGuid: handout.project.guid, documentGuid: doc.guid, coderGuid: coder.guid, text, start, end: start + passage.length });
    segments.push(segment);
    for (const c of codes) codings.push(createCoding(segment, codeGuid(c)));
  }
  const data: ProjectData = { ...handout, project: { ...handout.project, ownerCoderGuid: coder.guid }, coders: [...handout.coders, coder], segments, codings };
  const file = join(dir, `${name}.markeer`);
  writeFileSync(file, await serializeBundle(data, { kind: 'full', appVersion: 'e2e', exportedBy: { guid: coder.guid, name } }));
  return file;
}

/** Chooses whose coding the views show, through the note in the side panel, by mouse; the popover closes with Escape. */
async function showCoding(page: Page, choose: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.locator('.tabpanel .lens-note, .analysis-panel .lens-note').first().click();
  const dialog = page.getByRole('dialog', { name: 'Wiens codering je ziet' });
  await choose(dialog);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}

async function count(page: Page, code: string): Promise<number> {
  return Number(await new MarkeerPage(page).codeRow(code).locator('.cb-count').getAttribute('data-value'));
}

/** The number in the code matrix's cell of `code` and the document column. */
async function matrixCell(page: Page, code: string): Promise<string> {
  const row = page.getByRole('treegrid').getByRole('row', { name: new RegExp(`^${code}`) });
  return ((await row.getByRole('gridcell').first().textContent()) ?? '').trim();
}

/** The co-occurrence of A and B (row A, column B). */
async function cooccurrence(page: Page): Promise<string> {
  const grid = page.getByRole('treegrid');
  const headers = await grid.getByRole('columnheader').allTextContents();
  const column = headers.findIndex((h) => h.startsWith(B));
  const row = grid.getByRole('row', { name: new RegExp(`^${A}`) });
  const cells = await row.locator('th, td').allTextContents();
  return (cells[column] ?? '').trim();
}

describe('the coder lens: one choice of whose coding every view shows', () => {
  const served = servedApp();

  it('after merging two coders’ bundles, shows mine, one other coder’s and everyone’s coding in counts, Retrieve, the transcript, a matrix cell and a co-occurrence cell, and remembers the choice', async () => {
    // A hand-out, and Anna's and Bram's coding of it.
    const handout = join(dir, 'handout.markeer');
    expect(await run(['new', handout, '--name', 'Lens', '--coder', 'Lead', join(SAMPLES, 'school-noord-leiding.txt')], { out: () => undefined, err: () => undefined })).toBe(0);
    const base = await loadProjectOrThrow(handout);
    const anna = await coderBundle(base, 'Anna', '#2a9d8f', [
      [P1, [A, B]],
      [P2, [A]],
    ]);
    const bram = await coderBundle(base, 'Bram', '#e76f51', [
      [P1, [A]],
      [P2, [B]],
    ]);

    // The lead imports the hand-out, codes one passage, and merges both bundles.
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.locator('input[type=file][accept*=".markeer"]').setInputFiles(handout);
    const ask = page.getByRole('dialog');
    await ask.getByLabel('Je naam als codeur').fill('Lead');
    await ask.getByRole('button', { name: 'Importeren' }).click();
    const m = new MarkeerPage(page);
    await m.openDocument('school-noord-leiding');
    // One coder: nothing to choose between yet.
    expect(await page.locator('.lens-note').count()).toBe(0);
    await m.selectWithMouse(P1);
    await m.codeRow(A).click();
    await expect.poll(() => m.segmentCount()).toBe(1);
    await projectAction(page, 'Codeurs samenvoegen…');
    const merge = page.getByRole('dialog');
    await merge.locator('input[type=file]').setInputFiles([anna, bram]);
    await merge.getByRole('button', { name: 'Samenvoegen' }).click();
    await merge.getByText('Toegevoegd').first().waitFor();
    await page.keyboard.press('Escape');

    // Everyone (the default): Lead 1 + Anna 2 + Bram 2 segments; A coded 4 times, B twice.
    // Where the user looks, a note says whose coding this is: the transcript's head, the codebook.
    expect(await page.locator('.document-head .lens-note').textContent()).toBe('Je ziet iedereens codering');
    expect(await page.locator('.tabpanel .lens-note').textContent()).toBe('Je ziet iedereens codering');
    await expect.poll(() => m.segmentCount()).toBe(5);
    await expect.poll(() => count(page, A)).toBe(4);
    expect(await count(page, B)).toBe(2);
    await page.getByRole('tab', { name: 'Ophalen' }).click();
    await page.getByLabel('Code (met subcodes)').selectOption({ label: A });
    await expect.poll(() => page.locator('.retrieval-list li').count()).toBe(4);
    // The note where the user looks says whose coding this is.
    expect(await page.locator('.retrieval .lens-note').textContent()).toBe('Je ziet iedereens codering');

    // Mine: only the lead's one segment.
    await showCoding(page, (d) => d.getByLabel('Mijn codering (Lead)').check());
    expect(await page.locator('.document-head .lens-note').textContent()).toBe('Je ziet je eigen codering (Lead)');
    await expect.poll(() => m.segmentCount()).toBe(1);
    await expect.poll(() => page.locator('.retrieval-list li').count()).toBe(1);
    expect(await page.locator('.retrieval-where .muted').allTextContents()).toEqual([' · Lead']);
    await page.getByRole('tab', { name: 'Codeboek' }).click();
    await expect.poll(() => count(page, A)).toBe(1);
    expect(await count(page, B)).toBe(0);

    // One other coder, Anna: her two segments, A twice and B once.
    await showCoding(page, (d) => d.getByRole('checkbox', { name: 'Anna' }).check());
    expect(await page.locator('.document-head .lens-note').textContent()).toBe('Je ziet de codering van Anna');
    await expect.poll(() => m.segmentCount()).toBe(2);
    await expect.poll(() => page.locator('.pane-documents').getByRole('link', { name: /school-noord-leiding/ }).textContent()).toContain('2 segmenten');
    await expect.poll(() => count(page, A)).toBe(2);
    expect(await count(page, B)).toBe(1);
    await page.getByRole('tab', { name: 'Ophalen' }).click();
    await expect.poll(() => page.locator('.retrieval-list li').count()).toBe(2);
    expect(await page.locator('.retrieval-where .muted').allTextContents()).toEqual([' · Anna', ' · Anna']);
    // Retrieve's passages fit the pane: none runs past its right edge.
    const pane = await page.locator('.pane-side').boundingBox();
    for (const box of await page.locator('.retrieval-item').evaluateAll((items) => items.map((i) => i.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual((pane?.x ?? 0) + (pane?.width ?? 0));
    await screenshot(page, 'lens-anna');

    // The choice holds after a reload.
    await page.reload();
    await m.codeRow(A).waitFor();
    expect(await page.locator('.tabpanel .lens-note').textContent()).toBe('Je ziet de codering van Anna');
    await expect.poll(() => count(page, A)).toBe(2);

    // Analysis under Anna's lens: the matrix cell and the co-occurrence cell.
    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Matrices' }).click();
    expect(await page.locator('.analysis-panel > .lens-note').textContent()).toBe('Je ziet de codering van Anna');
    await page.getByRole('treegrid').waitFor();
    await expect.poll(() => matrixCell(page, A)).toBe('2');
    await page.getByLabel('Weergave').selectOption({ label: 'Code × code' });
    // Anna coded P1 with A and B: one overlap within her coding.
    await expect.poll(() => cooccurrence(page)).toBe('1');
    expect(await runAxe(page), 'axe on the matrix under a lens').toEqual([]);

    // Mine: the lead coded A only; no co-occurrence, one in the cell.
    await showCoding(page, (d) => d.getByLabel('Mijn codering (Lead)').check());
    await expect.poll(() => cooccurrence(page)).toBe('·');
    await page.getByLabel('Weergave').selectOption({ label: 'Codematrix' });
    await expect.poll(() => matrixCell(page, A)).toBe('1');

    // Everyone: 4 segments with A; the co-occurrence counts within each coder (Anna's P1 only; Bram
    // coded P1 with A and P2 with B, which do not overlap; the lead coded no B).
    await showCoding(page, (d) => d.getByLabel('Iedereen').check());
    await expect.poll(() => matrixCell(page, A)).toBe('4');
    await page.getByLabel('Weergave').selectOption({ label: 'Code × code' });
    await expect.poll(() => cooccurrence(page)).toBe('1');

    // The consensus: none yet, so the choice is offered with the reason.
    await page.locator('.analysis-panel .lens-note').click();
    const lens = page.getByRole('dialog', { name: 'Wiens codering je ziet' });
    expect(await lens.getByLabel('Consensus').isDisabled()).toBe(true);
    expect(await lens.textContent()).toContain('Er is nog geen consensus.');
    expect(await runAxe(page), 'axe on the lens choice').toEqual([]);
    await page.keyboard.press('Escape');
    expect(app.errors).toEqual([]);
    expect(app.externalRequests).toEqual([]);
  });
});
