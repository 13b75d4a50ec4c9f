import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Code, Coder, Coding, DocumentRecord, Project, Segment } from '../../src/domain/model';
import type { ProjectData } from '../../src/domain/project-data';
import { detectTurns } from '../../src/domain/turns';
import { serializeBundle } from '../../src/io/bundle/serialize';
import { newAppPage, ROOT, runAxe, screenshot, servedApp } from './harness';
import { MarkeerPage } from './markeer-page';

const SAMPLE = join(ROOT, 'src', 'io', 'import', 'fixtures', 'school-noord-leiding.txt');
const LONG = 'Bereik risicoleerlingen en ouders';

interface Box {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The code-name labels of the margin as a person sees them: accessible name and screen box. */
async function marginLabels(page: Page): Promise<Box[]> {
  const labels = page.getByRole('toolbar', { name: 'Codes in de marge' }).getByRole('button');
  const boxes: Box[] = [];
  for (const label of await labels.all()) {
    const box = await label.boundingBox();
    if (box) boxes.push({ name: (await label.getAttribute('aria-label')) ?? '', ...box });
  }
  return boxes;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether a label's visible name is cut short (ends in an ellipsis): its text is longer than its box. */
const truncated = (label: Locator) => label.locator('.margin-name').evaluate((el) => el.scrollHeight > el.clientHeight + 1);

describe('the margin names the codes beside the text', () => {
  const served = servedApp();

  it('shows four overlapping codings as four labelled bars in lanes, beside the text and clear of each other', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    const m = new MarkeerPage(page);
    await m.createProject('Marge', 'Anna de Vries');
    await page.locator('.pane-documents input[type=file]').setInputFiles(SAMPLE);
    await m.openDocument('school-noord-leiding');

    // Four codes on overlapping passages: all four share "dat er leerlingen gewoon niet online kwamen."
    await m.selectWithMouse('We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.');
    await m.codeRow(LONG).click();
    await m.codeRow('Signalen opmerken').click();
    await expect.poll(() => m.segmentCount()).toBe(1);
    await m.selectWithMouse('dat er leerlingen gewoon niet online kwamen. De docenten gaven dat door aan de mentor');
    await m.codeRow('Monitoren').click();
    await expect.poll(() => m.segmentCount()).toBe(2);
    await m.selectWithMouse('twee dagen dat er leerlingen gewoon niet online kwamen. De docenten gaven dat door aan de mentor, en de mentoren');
    await m.codeRow('Communicatie').first().click();
    await expect.poll(() => m.segmentCount()).toBe(3);

    await expect.poll(async () => (await marginLabels(page)).map((b) => b.name).sort()).toEqual(['Communicatie', 'Monitoren', LONG, 'Signalen opmerken'].sort());
    const boxes = await marginLabels(page);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(overlaps(a, b), `${a.name} overlaps ${b.name}`).toBe(false);
    // The names are on screen, beside the text and not over it.
    const text = await m.transcript().boundingBox();
    if (!text) throw new Error('no transcript box');
    for (const b of boxes) {
      expect(b.x + b.width, `${b.name} stays left of the text`).toBeLessThanOrEqual(text.x);
      expect(b.height, `${b.name} is long enough to read a few letters`).toBeGreaterThanOrEqual(40);
    }
    const toolbar = page.getByRole('toolbar', { name: 'Codes in de marge' });
    for (const name of ['Communicatie', 'Monitoren', 'Signalen opmerken'])
      expect(await toolbar.getByRole('button', { name, exact: true }).locator('.margin-name').textContent()).toBe(name);
    await screenshot(page, 'margin-labels');

    // The long name is cut short with an ellipsis; hovering shows it whole.
    const long = toolbar.getByRole('button', { name: LONG, exact: true });
    expect(await truncated(long)).toBe(true);
    for (const name of ['Monitoren', 'Communicatie']) expect(await truncated(toolbar.getByRole('button', { name, exact: true })), name).toBe(false);
    await long.hover();
    await expect.poll(() => page.getByRole('tooltip').textContent()).toBe(LONG);
    await page.mouse.move(600, 700);
    await expect.poll(() => page.getByRole('tooltip').count()).toBe(0);

    // By keyboard: Tab from the text reaches the margin, arrows go from label to label, focus shows
    // the full name, Enter opens the segment.
    await m.clickInPhrase('Fijn dat jullie tijd maken');
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    expect(await focused()).not.toBeNull();
    for (let i = 0; i < 4 && (await focused()) !== LONG; i++) await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 4 && (await focused()) !== LONG; i++) await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(LONG);
    await expect.poll(() => page.getByRole('tooltip').textContent()).toBe(LONG);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.segment-panel').textContent()).toContain(LONG);
    expect(await runAxe(page), 'axe with the margin labels').toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('keeps the text usable at 1024 px with four lanes', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    const m = new MarkeerPage(page);
    await m.createProject('Smal', 'Anna');
    await page.locator('.pane-documents input[type=file]').setInputFiles(SAMPLE);
    await m.openDocument('school-noord-leiding');
    for (const [phrase, code] of [
      ['Ruim zestig procent van onze leerlingen woont in een buurt', 'Leerlingenpopulatie'],
      ['zestig procent van onze leerlingen woont in een buurt met een stapeling', 'Signalen opmerken'],
      ['van onze leerlingen woont in een buurt met een stapeling van armoede', 'Monitoren'],
      ['onze leerlingen woont in een buurt met een stapeling van armoede en problemen.', 'Anticiperen'],
    ] as const) {
      await m.selectWithMouse(phrase);
      await m.codeRow(code).click();
    }
    await expect.poll(async () => (await marginLabels(page)).length).toBe(4);
    const boxes = await marginLabels(page);
    expect(new Set(boxes.map((b) => Math.round(b.x))).size, 'four lanes').toBe(4);
    const text = await m.transcript().boundingBox();
    expect(text?.width ?? 0, 'width left for the text').toBeGreaterThanOrEqual(300);
    await screenshot(page, 'margin-labels-1024');
    expect(app.errors).toEqual([]);
  });

  it('keeps each bar beside its coded text when the text wraps anew and when the coder scrolls', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    await page.setViewportSize({ width: 1400, height: 700 });
    const m = new MarkeerPage(page);
    await m.createProject('Herschikken', 'Anna');
    await page.locator('.pane-documents input[type=file]').setInputFiles(SAMPLE);
    await m.openDocument('school-noord-leiding');
    const phrase = 'Dan kun je daar in een crisis op bouwen.';
    await m.selectWithMouse(phrase);
    await m.codeRow('Monitoren').click();
    const label = page.getByRole('toolbar', { name: 'Codes in de marge' }).getByRole('button', { name: 'Monitoren', exact: true });
    // Where the phrase's first line lies in the transcript, and how far the label's top lies from it, in px (the bar starts there).
    const placed = () =>
      page.evaluate((phrase) => {
        const spans = [...document.querySelectorAll<HTMLElement>('.transcript span[data-s]')];
        const span = spans.find((s) => (s.textContent ?? '').includes(phrase));
        const node = span?.firstChild;
        const button = [...document.querySelectorAll<HTMLElement>('.margin-label')].find((b) => b.getAttribute('aria-label') === 'Monitoren');
        if (!(node instanceof Text) || !button) return null;
        const r = document.createRange();
        const at = (node.textContent ?? '').indexOf(phrase);
        r.setStart(node, at);
        r.setEnd(node, at + 1);
        const top = r.getBoundingClientRect().top;
        const transcript = document.querySelector('.transcript')?.getBoundingClientRect().top ?? 0;
        return { inText: Math.round(top - transcript), offBy: Math.round(button.getBoundingClientRect().top - top) };
      }, phrase);
    const offBy = async () => (await placed())?.offBy ?? null;
    await expect.poll(() => label.count()).toBe(1);
    await expect.poll(offBy).toBe(0);
    const wide = (await placed())?.inText ?? 0;

    // Narrower: the text wraps onto more lines, so the phrase lies lower in the transcript, and its bar with it.
    await page.setViewportSize({ width: 1000, height: 700 });
    await expect.poll(offBy).toBe(0);
    expect((await placed())?.inText, 'the phrase lies lower in the narrower transcript').toBeGreaterThan(wide);
    // Scrolled to the top and back down: measured places are reused, and still right.
    await page.locator('.transcript-scroll').evaluate((el) => el.scrollTo(0, 0));
    await page.locator('.transcript-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(offBy).toBe(0);
    // Wide again: the bar follows its text back up.
    await page.setViewportSize({ width: 1400, height: 700 });
    await expect.poll(offBy).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('marks whose coding each label is when the document shows two coders’ segments', async () => {
    const bundle = await twoCoderBundle();
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    const m = new MarkeerPage(page);
    await page.locator('input[type=file][accept*=".markeer"]').setInputFiles(bundle);
    await page.locator('.pane-documents').getByRole('link', { name: /Gesprek/ }).waitFor();
    await m.openDocument('Gesprek');
    const toolbar = page.getByRole('toolbar', { name: 'Codes in de marge' });
    await expect.poll(async () => (await marginLabels(page)).map((b) => b.name).sort()).toEqual(['Monitoren, gecodeerd door Anna de Vries', 'Monitoren, gecodeerd door Bram Jansen']);
    const anna = toolbar.getByRole('button', { name: 'Monitoren, gecodeerd door Anna de Vries' });
    const bram = toolbar.getByRole('button', { name: 'Monitoren, gecodeerd door Bram Jansen' });
    // Each label shows the coder's initials (and colour) before the code's name.
    expect(await anna.locator('.margin-name').textContent()).toBe('AV Monitoren');
    expect(await bram.locator('.margin-name').textContent()).toBe('BJ Monitoren');
    expect(await anna.locator('.margin-coder').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(214, 40, 40)');
    await bram.hover();
    await expect.poll(() => page.getByRole('tooltip').textContent()).toBe('Monitoren, gecodeerd door Bram Jansen');
    expect(app.errors).toEqual([]);
  });
});

/** A project bundle with one document that two coders each coded once, with the same code. */
async function twoCoderBundle(): Promise<string> {
  const at = '2026-01-05T09:00:00.000Z';
  const projectGuid = randomUUID();
  const anna: Coder = { guid: randomUUID(), projectGuid, name: 'Anna de Vries', color: '#d62828' };
  const bram: Coder = { guid: randomUUID(), projectGuid, name: 'Bram Jansen', color: '#1d4e89' };
  const project: Project = { guid: projectGuid, name: 'Twee codeurs', createdAt: at, updatedAt: at, ownerCoderGuid: anna.guid, template: null };
  const text = 'I: Hoe ging het thuis?\n\nO: We merkten al snel dat de kinderen niet online kwamen. De school belde elke ochtend.';
  const doc: DocumentRecord = {
    guid: randomUUID(),
    projectGuid,
    name: 'Gesprek',
    length: text.length,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    createdAt: at,
    updatedAt: at,
    variables: {},
    speakerMap: {},
    order: 0,
  };
  const code: Code = { guid: randomUUID(), projectGuid, parentGuid: null, name: 'Monitoren', color: '#2a9d8f', definition: '', order: 0, shortcut: 1 };
  const segments: Segment[] = [];
  const codings: Coding[] = [];
  for (const [coder, phrase] of [
    [anna, 'We merkten al snel dat de kinderen niet online kwamen.'],
    [bram, 'de kinderen niet online kwamen. De school belde elke ochtend.'],
  ] as const) {
    const start = text.indexOf(phrase);
    const segment: Segment = { guid: randomUUID(), projectGuid, documentGuid: doc.guid, coderGuid: coder.guid, start, end: start + phrase.length, text: phrase, comment: '', createdAt: at };
    segments.push(segment);
    codings.push({ guid: randomUUID(), projectGuid, segmentGuid: segment.guid, documentGuid: doc.guid, codeGuid: code.guid, coderGuid: coder.guid, createdAt: at });
  }
  const data: ProjectData = {
    project,
    coders: [anna, bram],
    documents: [doc],
    texts: [{ documentGuid: doc.guid, projectGuid, text, turns: detectTurns(text) }],
    codes: [code],
    segments,
    codings,
    variables: [],
    groups: [],
    memos: [],
    themes: [],
    attempts: [],
  };
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const bytes = await serializeBundle(data, { kind: 'full', appVersion: version, exportedBy: { guid: anna.guid, name: anna.name }, exportedAt: at });
  const path = join(mkdtempSync(join(tmpdir(), 'markeer-margin-')), 'twee-codeurs.markeer');
  writeFileSync(path, bytes);
  return path;
}
