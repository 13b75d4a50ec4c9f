/**
 * W2 analysis figures: the code x document matrix (Analysis → Matrices), the agreement dialog with
 * all codes and three coders, and the command line's `agreement --json` on the W2 bundle.
 *
 * The page figures wait for the marks the app sets one frame and a task after a computed matrix or
 * agreement report is on screen (`markeer:matrix-ready` in MatrixTab, `markeer:agreement-ready` in
 * the agreement dialog; page-hooks.ts records them with what the page shows at that moment).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPage, settle, type Profile } from './browser';
import type { AppMark, BenchWindow } from './page-hooks';
import type { BenchProject } from './projects';

const projectHash = (p: BenchProject) => `#/p/${p.projectGuid}`;

/** The first app mark of that name after `after` that passes `ok` (evaluated in the page). */
async function waitForAppMark(page: Page, name: string, want: { after: number; view?: string; coders?: number }, timeout: number): Promise<AppMark> {
  const handle = await page.waitForFunction(
    ({ name, after, view, coders }) => {
      const b = (window as unknown as BenchWindow).__bench;
      return (
        b?.appMarks.find(
          (m) => m.name === name && m.t > after && (view === null || m.detail?.view === view) && (coders === null || m.detail?.coders === coders),
        ) ?? null
      );
    },
    { name, after: want.after, view: want.view ?? null, coders: want.coders ?? null },
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue()) as AppMark;
}

/** The page-clock moment (ms since navigation start) of the last trusted click. */
const lastClick = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__bench.extra.clickT as number | undefined);

export interface MatrixSample {
  /** Fresh page load of the Matrices tab to the matrix on screen, from navigation start. */
  readonly load: number;
  /** In an open Analysis screen (its data read): click on the Matrices tab to the matrix on screen. */
  readonly tab: number;
  /** Count cells above 0 in the DOM at the mark (the grid renders only what is in view). */
  readonly cells: number;
}

/**
 * `w2.matrix.ms`: a fresh page at `#/p/<project>/a/matrix` (its default view: codes x documents,
 * segment counts) until the first matrix-ready mark, from navigation start: reading the project,
 * the tab's chunk, computing and rendering the grid. `w2.matrix.tab.ms`: on the Analysis screen's
 * Documents tab with the project read, from the click on the Matrices tab to its mark.
 */
export async function measureMatrix(profile: Profile, project: BenchProject, reps: number, timeout: number): Promise<{ samples: MatrixSample[]; notes: string[] }> {
  const samples: MatrixSample[] = [];
  const notes: string[] = [];
  for (let i = 0; i < reps; i++) {
    const page = await openPage(profile, `${projectHash(project)}/a/matrix`, { timeout });
    const first = await waitForAppMark(page, 'markeer:matrix-ready', { after: -1, view: 'counts' }, timeout);
    if (first.cells === 0) notes.push(`w2.matrix: no count above 0 in the grid at the mark (load ${i + 1})`);
    await page.close();

    const analysis = await openPage(profile, `${projectHash(project)}/a/documents`, { timeout });
    // the Documents tab shown: the project is read (the panel leaves "loading")
    await analysis.locator('#analysis-panel').waitFor({ timeout });
    await analysis.waitForFunction(() => document.querySelector('#analysis-panel > .loading') === null && (document.querySelector('#analysis-panel')?.childElementCount ?? 0) > 0, null, { timeout, polling: 50 });
    await settle(analysis, 500);
    const before = await analysis.evaluate(() => performance.now());
    await analysis.locator('#analysis-tab-matrix').click({ timeout });
    const mark = await waitForAppMark(analysis, 'markeer:matrix-ready', { after: before, view: 'counts' }, timeout);
    const clicked = (await lastClick(analysis)) ?? before;
    if (mark.cells === 0) notes.push(`w2.matrix.tab: no count above 0 in the grid at the mark (rep ${i + 1})`);
    samples.push({ load: first.t, tab: mark.t - clicked, cells: Math.min(first.cells, mark.cells) });
    await analysis.close();
  }
  return { samples, notes };
}

/** The agreement item of the project header's Project menu (Dutch or English). */
export const AGREEMENT_UI = {
  menu: '.project-header .project-menu-button',
  open: '[role="menuitem"]:has-text("Overeenstemming"), [role="menuitem"]:has-text("Agreement")',
  coderChecks: '.agreement-choice fieldset >> nth=0 >> input[type=checkbox]',
};

export interface AgreementSample {
  /** Click on the Project menu's item to the dialog's default report (two busiest coders, all codes) on screen. */
  readonly open: number;
  /** Click that ticks the third coder to the report of all codes and three coders on screen. */
  readonly three: number;
  /** Codes in the three-coder report, and code rows in its table at the mark. */
  readonly codes: number;
  readonly rows: number;
  /** Navigation start to the project held in memory (the `markeer:project-read` mark). */
  readonly read: number;
}

/**
 * `w2.agreement.ms`: the dialog compares the two coders with the most segments by default (and
 * every code used, every document); the measured case is all codes and three coders, so: open the
 * dialog from the project header and wait for its default report (`w2.agreement.open.ms`, from the
 * click: the dialog's chunk, reading the project's segments and codings, computing two coders),
 * then tick the third coder and time from that click to the three-coder report on screen.
 */
export async function measureAgreement(profile: Profile, project: BenchProject, coders: number, reps: number, timeout: number): Promise<{ samples: AgreementSample[]; notes: string[] }> {
  const samples: AgreementSample[] = [];
  const notes: string[] = [];
  for (let i = 0; i < reps; i++) {
    const page = await openPage(profile, projectHash(project), { timeout });
    await page.waitForFunction((n) => document.querySelectorAll('.pane-documents a').length >= n, project.documentGuids.length, { timeout, polling: 50 });
    // The workspace reads the whole project into memory when idle, a moment after it opens: the
    // click comes from a coder who has had the project open that long (the read itself is
    // w2.projectRead.ms).
    const read = (await (await page.waitForFunction(() => performance.getEntriesByName('markeer:project-read')[0]?.startTime ?? null, null, { timeout, polling: 100 })).jsonValue()) as number;
    await settle(page, 500);
    await page.locator(AGREEMENT_UI.menu).click({ timeout });
    await page.locator(AGREEMENT_UI.open).first().waitFor({ timeout });
    let before = await page.evaluate(() => performance.now());
    await page.locator(AGREEMENT_UI.open).first().click({ timeout });
    const opened = await waitForAppMark(page, 'markeer:agreement-ready', { after: before }, timeout);
    const openClick = (await lastClick(page)) ?? before;
    const shownCoders = opened.detail?.coders;
    await settle(page, 500);

    const checks = page.locator(AGREEMENT_UI.coderChecks);
    const n = await checks.count();
    if (n !== coders) throw new Error(`agreement dialog lists ${n} coders, expected ${coders}`);
    let ticked = 0;
    before = await page.evaluate(() => performance.now());
    let lastTick = before;
    for (let c = 0; c < n; c++) {
      const box = checks.nth(c);
      if (await box.isChecked()) continue;
      await box.click({ timeout });
      lastTick = (await lastClick(page)) ?? lastTick;
      ticked++;
    }
    if (ticked !== coders - (typeof shownCoders === 'number' ? shownCoders : 2)) notes.push(`w2.agreement: the dialog opened with ${String(shownCoders)} coders; ticked ${ticked} more`);
    const all = await waitForAppMark(page, 'markeer:agreement-ready', { after: lastTick, coders }, timeout);
    if (all.rows === 0 || all.stale) notes.push(`w2.agreement: at the mark the table showed ${all.rows} code rows${all.stale ? ' (stale)' : ''} (rep ${i + 1})`);
    const codes = typeof all.detail?.codes === 'number' ? all.detail.codes : -1;
    samples.push({ open: opened.t - openClick, three: all.t - lastTick, codes, rows: all.rows, read });
    await page.close();
  }
  return { samples, notes };
}

export interface CliSample {
  readonly ms: number;
  readonly coders: number;
  readonly codes: number;
  readonly domains: number;
}

/**
 * Wall time of `node bin/markeer.mjs ARGS` (a new Node process each time: the command line's
 * bundle, built by the first run, or tsx), after `warmup` untimed runs; each run must exit with 0
 * and print JSON, which `check` turns into the sample (throwing when it is not what is expected).
 */
function timeCli<T>(root: string, args: readonly string[], opts: { reps: number; warmup: number }, check: (json: unknown) => Omit<T, 'ms'>): (T & { ms: number })[] {
  const name = `markeer ${args[0] ?? ''}`;
  const samples: (T & { ms: number })[] = [];
  for (let i = 0; i < opts.warmup + opts.reps; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'bin', 'markeer.mjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1048576, timeout: 300_000 });
    const ms = performance.now() - t0;
    if (r.error) throw new Error(`${name}: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`${name} exited with ${String(r.status)}: ${r.stderr.trim().slice(0, 500)}`);
    let json: unknown;
    try {
      json = JSON.parse(r.stdout);
    } catch (e) {
      throw new Error(`${name} --json printed no valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const sample = check(json);
    if (i >= opts.warmup) samples.push({ ...sample, ms } as T & { ms: number });
  }
  return samples;
}

/**
 * `cli.agreement.ms`: wall time of `node bin/markeer.mjs agreement BUNDLE --json`; each run's
 * output must be a JSON report of `coders` coders.
 */
export function measureCliAgreement(root: string, bundle: string, coders: number, opts: { reps: number; warmup: number }): CliSample[] {
  return timeCli<CliSample>(root, ['agreement', bundle, '--json'], opts, (json) => {
    const report = json as { coders?: unknown[]; codes?: unknown[]; domains?: unknown[] };
    const found = Array.isArray(report.coders) ? report.coders.length : -1;
    if (found !== coders) throw new Error(`markeer agreement --json reports ${found} coders, expected ${coders}`);
    if (!Array.isArray(report.codes) || report.codes.length === 0) throw new Error('markeer agreement --json reports no codes');
    return { coders: found, codes: report.codes.length, domains: Array.isArray(report.domains) ? report.domains.length : -1 };
  });
}

export interface CliMatrixSample {
  readonly ms: number;
  /** Document columns and code rows of the matrix printed. */
  readonly columns: number;
  readonly rows: number;
  /** Cells above 0. */
  readonly filled: number;
}

/**
 * `cli.matrix.ms`: wall time of `node bin/markeer.mjs matrix BUNDLE --json` (its default: codes x
 * documents, segment counts, every coder); each run's output must be a matrix with one column per
 * document (`documents`), code rows, and counts above 0.
 */
export function measureCliMatrix(root: string, bundle: string, documents: number, opts: { reps: number; warmup: number }): CliMatrixSample[] {
  return timeCli<CliMatrixSample>(root, ['matrix', bundle, '--json'], opts, (json) => {
    const m = json as { columns?: unknown[]; rows?: { cells?: Record<string, unknown> }[] };
    const columns = Array.isArray(m.columns) ? m.columns.length : -1;
    if (columns !== documents) throw new Error(`markeer matrix --json has ${columns} columns, expected ${documents} (one per document)`);
    if (!Array.isArray(m.rows) || m.rows.length === 0) throw new Error('markeer matrix --json has no code rows');
    const filled = m.rows.reduce((n, r) => n + Object.values(r.cells ?? {}).filter((v) => typeof v === 'number' && v > 0).length, 0);
    if (filled === 0) throw new Error('markeer matrix --json counts nothing above 0');
    return { columns, rows: m.rows.length, filled };
  });
}
