/**
 * W2 figures: importing the bundle against plain Dexie bulkPut, opening the project's document
 * list, the heap with one document open, exporting against plain JSZip.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import {
  deleteDatabase,
  heapMb,
  injectScript,
  JSZIP_SCRIPT,
  openPage,
  settle,
  waitForMark,
  within,
  writeRecordsDirectly,
  type BenchFiles,
  type Profile,
} from './browser';
import type { DocumentToOpen } from './measure-w1';
import type { BenchWindow } from './page-hooks';
import type { BenchProject } from './projects';

const projectHash = (p: BenchProject) => `#/p/${p.projectGuid}`;

/**
 * Raw bulkPut of the project's records, each repetition in a new, empty profile (as each import
 * repetition is), into a database of its own.
 */
export async function measureRawBulkPut(
  newProfile: () => Promise<Profile>,
  project: BenchProject,
  schema: { version: number; stores: Record<string, string> },
  reps: number,
  opts: { base?: string; timeout?: number } = {},
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const profile = await newProfile();
    try {
      samples.push(await writeRecordsDirectly(profile.home, project, schema, 'markeer-bench-raw', opts));
      await deleteDatabase(profile.home, 'markeer-bench-raw');
    } finally {
      await profile.close();
    }
  }
  return samples;
}

/** Fresh page at the project until all its documents are links in `.pane-documents` (the list is not virtualised: every document is a link). */
export async function measureProjectOpen(profile: Profile, project: BenchProject, reps: number, timeout: number): Promise<number[]> {
  const n = project.documentGuids.length;
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const page = await openPage(profile, projectHash(project), { watchLinks: true, timeout });
    const handle = await page.waitForFunction((n) => (window as unknown as BenchWindow).__bench.links[n] ?? null, n, { timeout, polling: 50 });
    samples.push((await handle.jsonValue()) as number);
    await page.close();
  }
  return samples;
}

/** Opens the project, clicks its first document (or `document`), waits for its codings painted, then the heap after GC. */
export async function measureHeap(profile: Profile, project: BenchProject, reps: number, timeout: number, document: DocumentToOpen = project.firstDocument): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const page = await openPage(profile, projectHash(project), { timeout });
    await page.locator(`.pane-documents a[href$="${document.guid}"]`).click({ timeout });
    await waitForMark(page, { segments: document.segments, painted: 1, complete: true }, timeout);
    // With the whole project in memory, as it is a few seconds after opening (storage/project-snapshot.ts).
    await page.waitForFunction(() => performance.getEntriesByName('markeer:project-read').length > 0, null, { timeout, polling: 100 });
    await settle(page, 500);
    samples.push(await heapMb(page));
    await page.close();
  }
  return samples;
}

/** How the export is started: the project header's Project menu, its export item, the dialog, its confirm button. */
export const EXPORT_UI = {
  menu: '.project-header .project-menu-button',
  open: '[role="menuitem"]:has-text("Export"), [role="menuitem"]:has-text("Exporteren")',
  dialog: '[role="dialog"]',
  confirm: '[role="dialog"] button[type="submit"], [role="dialog"] button.primary',
};

export interface ExportSample {
  readonly ms: number;
  readonly download: Download;
}

/**
 * From the click that starts the export (the dialog's export button) to Playwright's `download`
 * event. The dialog is opened first, outside the clock. Returns null when the app has no export.
 */
export async function measureExport(profile: Profile, project: BenchProject, reps: number, timeout: number): Promise<ExportSample[] | null> {
  const samples: ExportSample[] = [];
  for (let i = 0; i < reps; i++) {
    const page = await openPage(profile, projectHash(project), { timeout });
    await page.locator('.pane-documents a').first().waitFor({ timeout });
    const menu = page.locator(EXPORT_UI.menu);
    if (!(await menu.isVisible().catch(() => false))) {
      await page.close();
      return null;
    }
    await menu.click();
    await page.locator(EXPORT_UI.open).first().click({ timeout });
    const confirm = page.locator(EXPORT_UI.confirm).first();
    await confirm.waitFor({ timeout: Math.min(timeout, 60_000) });
    await settle(page, 200);
    const downloaded = page.waitForEvent('download', { timeout });
    const t0 = performance.timeOrigin + performance.now();
    await confirm.click();
    const download = await downloaded;
    const t1 = performance.timeOrigin + performance.now();
    // the click's own moment in the page, so that Playwright's actionability checks do not count
    const clicked = await page.evaluate(() => (window as unknown as BenchWindow).__bench.extra.clickAt as number | undefined);
    samples.push({ ms: t1 - (clicked ?? t0), download });
    await settle(page, 300);
    await page.close();
  }
  return samples;
}

/**
 * The same entries as a bundle, zipped by plain JSZip in the page with the options the app's
 * serializeBundle uses (DEFLATE, the level read from src/io/bundle/serialize.ts, default 6). The
 * page fetches the entries from `opts.base` (default /__bench; W3's from bench/file-server.ts).
 */
export async function measureRawZip(profile: Profile, bundleBytes: Buffer, files: BenchFiles, level: number, reps: number, opts: { base?: string; timeout?: number } = {}): Promise<number[]> {
  const zip = await JSZip.loadAsync(bundleBytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
  const parts: Buffer[] = [];
  const index: { name: string; offset: number; length: number }[] = [];
  let offset = 0;
  for (const name of names) {
    const bytes = Buffer.from(await (zip.files[name] as JSZip.JSZipObject).async('uint8array'));
    index.push({ name, offset, length: bytes.length });
    parts.push(bytes);
    offset += bytes.length;
  }
  files.set('zip-entries.json', { body: JSON.stringify(index), contentType: 'application/json' });
  files.set('zip-entries.bin', { body: Buffer.concat(parts), contentType: 'application/octet-stream' });
  const page: Page = profile.home;
  await injectScript(page, JSZIP_SCRIPT, 'JSZip');
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    samples.push(
      await within(
        opts.timeout ?? 300_000,
        'raw JSZip',
        page.evaluate(async ({ level, base }) => {
          type Zip = { file(name: string, data: Uint8Array, o: object): void; generateAsync(o: object): Promise<Uint8Array> };
          const JSZipCtor = (window as unknown as { JSZip: { new (): Zip } }).JSZip;
          const index = (await (await fetch(`${base}/zip-entries.json`)).json()) as { name: string; offset: number; length: number }[];
          const all = new Uint8Array(await (await fetch(`${base}/zip-entries.bin`)).arrayBuffer());
          const entries = index.map((e) => ({ name: e.name, bytes: all.slice(e.offset, e.offset + e.length) }));
          const t0 = performance.now();
          const z = new JSZipCtor();
          const date = new Date();
          for (const e of entries) z.file(e.name, e.bytes, { date, createFolders: false });
          const out = await z.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level } });
          const ms = performance.now() - t0;
          if (out.length === 0) throw new Error('empty zip');
          return ms;
        }, { level, base: opts.base ?? '/__bench' }),
      ),
    );
  }
  return samples;
}

/** The DEFLATE level the app's serializeBundle asks JSZip for (6 when it cannot be read). */
export function appZipLevel(serializeSource: string): number {
  const m = /compressionOptions:\s*\{\s*level:\s*(\d)/.exec(serializeSource);
  return m ? Number(m[1]) : 6;
}

export const readBytes = (path: string): Buffer => readFileSync(path);
