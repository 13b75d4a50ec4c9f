/**
 * Browser plumbing for the benchmark: profiles (contexts) with the e2e network guard, pages with
 * the benchmark hooks, files served to the page under /__bench/, waits with time limits, and
 * loading a project into the app (through its "Import bundle" file input when there is one).
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newAppPage, newAppPageOnDisk, type AppPage } from '../tests/e2e/harness';
import { pageHooks, type BenchMark, type BenchWindow } from './page-hooks';
import type { BenchProject } from './projects';

const requireHere = createRequire(import.meta.url);
export const DEXIE_SCRIPT = requireHere.resolve('dexie/dist/dexie.min.js');
export const JSZIP_SCRIPT = requireHere.resolve('jszip/dist/jszip.min.js');

/** Files the page may fetch from /__bench/NAME (same origin as the app, so IndexedDB is the app's). */
export type BenchFiles = Map<string, { path: string } | { body: string | Buffer; contentType: string }>;

export interface Profile {
  readonly context: BrowserContext;
  /** The Chromium this profile runs in (its own process; for tracing). */
  readonly browser: Browser;
  /** The profile's folder on disk (deleted by `close`). */
  readonly dir: string;
  /** The page the profile was opened with (at /__bench/blank.html). */
  readonly home: Page;
  readonly url: string;
  readonly errors: string[];
  readonly externalRequests: string[];
  /** Ends the profile's Chromium and deletes the profile from disk. */
  close(): Promise<void>;
}

export const BLANK = '__bench/blank.html';

/** Where the bench's profiles keep IndexedDB: on disk (default), or in memory with MARKEER_BENCH_PROFILES=memory. */
export const BENCH_PROFILES: 'disk' | 'memory' = process.env.MARKEER_BENCH_PROFILES === 'memory' ? 'memory' : 'disk';

/**
 * A fresh profile (empty IndexedDB) on disk in a new temporary folder, in its own headless
 * Chromium: a user's browser keeps IndexedDB in files, while an off-the-record context
 * (Playwright's newContext) keeps it in memory, which Chromium 150 writes about three times more
 * slowly (40,000 puts in one transaction: 17.5 s off the record, 5.2 s on disk). Viewport
 * 1280x800, network limited to the app's origin and `allowOrigins` (a team's CouchDB for the sync
 * figures); a request anywhere else is blocked and reported in `externalRequests`.
 */
export async function newBenchProfile(url: string, files: BenchFiles, opts: { allowOrigins?: readonly string[] } = {}): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'markeer-bench-profile-'));
  const removeDir = () => rm(dir, { recursive: true, force: true, maxRetries: 3 });
  const appOptions = { navigate: false, ...(opts.allowOrigins ? { allowOrigins: opts.allowOrigins } : {}) };
  let app: AppPage;
  // MARKEER_BENCH_PROFILES=memory: off the record, as the bench's profiles were until the seventh session (for comparisons)
  let offTheRecord: Browser | null = null;
  try {
    if (BENCH_PROFILES === 'memory') {
      offTheRecord = await launchBrowser();
      app = await newAppPage(offTheRecord, url, appOptions);
    } else app = await newAppPageOnDisk(dir, url, appOptions);
  } catch (e) {
    await offTheRecord?.close();
    await removeDir();
    throw e;
  }
  const browser = app.context.browser();
  if (!browser) throw new Error('the bench profile has no browser');
  let closed: Promise<void> | null = null;
  const close = () =>
    (closed ??= app.context
      .close()
      .then(() => offTheRecord?.close())
      .catch(() => undefined)
      .then(removeDir));
  await app.context.route(
    (u) => u.origin === new URL(url).origin && u.pathname.startsWith('/__bench/'),
    async (route) => {
      const name = new URL(route.request().url()).pathname.slice('/__bench/'.length);
      if (name === 'blank.html') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>bench</title>' });
      const f = files.get(name);
      if (!f) return route.fulfill({ status: 404, body: 'no such bench file' });
      return 'path' in f ? route.fulfill({ status: 200, path: f.path }) : route.fulfill({ status: 200, contentType: f.contentType, body: f.body });
    },
  );
  // tsx (esbuild with keepNames) wraps named functions inside page.evaluate callbacks in __name()
  await app.context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  app.page.setDefaultTimeout(60_000);
  await app.page.goto(url + BLANK);
  return { context: app.context, browser, dir, home: app.page, url, errors: app.errors, externalRequests: app.externalRequests, close };
}

/** A new page of the profile with the benchmark hooks, navigated to the app at `hash`. */
export async function openPage(profile: Profile, hash: string, opts: { watchLinks?: boolean; timeout?: number } = {}): Promise<Page> {
  const page = await profile.context.newPage();
  page.setDefaultTimeout(opts.timeout ?? 60_000);
  page.on('pageerror', (e) => profile.errors.push(`pageerror: ${e.stack || e.message || String(e)}`));
  // Chromium's own record of an uncaught exception names the script, line and column even when
  // the value thrown or rejected is not an Error (Playwright's pageerror then has no stack)
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) => {
    const where = `${d.url ?? d.scriptId ?? '?'}:${d.lineNumber + 1}:${d.columnNumber + 1}`;
    const frames = (d.stackTrace?.callFrames ?? []).map((f) => `${f.functionName || '(anonymous)'} ${f.url}:${f.lineNumber + 1}:${f.columnNumber + 1}`);
    const value = d.exception ? `${d.exception.className ?? d.exception.type}: ${d.exception.description ?? String(d.exception.value)}` : '';
    const at = profile.errors.push(`exception: ${d.text} ${value} at ${where}${frames.length ? ` via ${frames.join(' < ')}` : ''}`) - 1;
    // A value that is not an Error (a minified library's error class) shows only its class name: ask it for its name and message.
    const objectId = d.exception?.objectId;
    if (objectId && d.exception?.subtype !== 'error')
      void cdp
        .send('Runtime.callFunctionOn', { objectId, functionDeclaration: 'function () { return `${this && this.name}: ${this && this.message}`; }', returnByValue: true })
        .then((r) => (profile.errors[at] += ` (${String(r.result.value)})`))
        .catch(() => undefined);
  });
  await cdp.send('Runtime.enable');
  page.on('crash', () => profile.errors.push(`crash: the page at ${hash} crashed`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // with where it came from: a failed request names its URL only there
    const { url } = m.location();
    profile.errors.push(`console.error: ${m.text()}${url ? ` (${url})` : ''}`);
  });
  await page.addInitScript({ content: pageHooks(opts.watchLinks ? { watchLinks: true } : {}) });
  await page.goto(profile.url + hash, { timeout: opts.timeout ?? 60_000 });
  return page;
}

/**
 * Waits for the first highlights-painted mark after `after` with that segment count and at least
 * `painted` ranges; with `complete`, also with every range the app painted (its window's) in the
 * highlights, and at least one.
 */
export async function waitForMark(page: Page, want: { segments: number | null; painted: number; after?: number; complete?: boolean }, timeout = 60_000): Promise<BenchMark> {
  const handle = await page.waitForFunction(
    ({ segments, painted, after, complete }) => {
      const b = (window as unknown as BenchWindow).__bench;
      return (
        b?.marks.find(
          (m) => m.t > after && (segments === null || m.segments === segments) && m.painted >= painted && (!complete || (m.ranges !== null && m.ranges > 0 && m.painted >= m.ranges)),
        ) ?? null
      );
    },
    { segments: want.segments, painted: want.painted, after: want.after ?? -1, complete: want.complete ?? false },
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue()) as BenchMark;
}

/** Milliseconds of idle time for trailing work (timers, effects) to finish. */
export const settle = (page: Page, ms: number) => page.waitForTimeout(ms);

/** Rejects after `ms` with a message: for page.evaluate calls, which have no time limit of their own. */
export async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** JavaScript heap in use after a full garbage collection (CDP), in MiB. */
export async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.usedSize / 1048576;
  } finally {
    await cdp.detach();
  }
}

/** Loads a script file into the page (plain Dexie or JSZip for the raw comparisons). */
export async function injectScript(page: Page, path: string, global: 'Dexie' | 'JSZip'): Promise<void> {
  const present = () => page.evaluate((g) => typeof (window as unknown as Record<string, unknown>)[g] === 'function', global);
  if (!(await present())) await page.addScriptTag({ path });
  if (!(await present())) throw new Error(`${global} did not load into the page`);
}

/** Where the start screen's "Import bundle" file input is (it accepts .markeer). */
export const IMPORT_INPUT = 'input[type=file][accept*=".markeer"]';

export interface LoadResult {
  readonly via: 'import' | 'database';
  /** From choosing the file to the app showing the project (import only). */
  readonly ms: number | null;
}

/**
 * Loads a project the way a user would: the start screen's "Import bundle" file input, then waits
 * until the app shows the imported project: its workspace with the whole document list (the
 * import opens the project when it is done); timed in the page from the file input's change event,
 * polled every animation frame.
 * Without that input (the app has no bundle import yet) the same records are written straight into
 * the app's database instead, so that the other figures can still be measured; `via` says which.
 */
export async function loadProject(profile: Profile, project: BenchProject, opts: { timeout: number; schema: { version: number; stores: Record<string, string> } }): Promise<LoadResult> {
  const page = await openPage(profile, '#/', { timeout: opts.timeout });
  try {
    await page.locator('.start').waitFor({ timeout: 30_000 });
    const input = page.locator(IMPORT_INPUT).first();
    const hasImport = await input
      .waitFor({ state: 'attached', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (!hasImport) {
      await writeRecordsDirectly(page, project, opts.schema, 'markeer');
      return { via: 'database', ms: null };
    }
    const chosenBefore = await page.evaluate(() => (window as unknown as BenchWindow).__bench.fileChosen.length);
    await input.setInputFiles(project.bundle);
    const handle = await page.waitForFunction(
      ({ guid, before, documents }) => {
        const b = (window as unknown as BenchWindow).__bench;
        const chosen = b.fileChosen[before];
        if (chosen === undefined) return null;
        // the project's workspace with its whole document list
        const shown = location.hash.startsWith(`#/p/${guid}`) && document.querySelectorAll('.workspace .pane-documents a').length >= documents;
        if (shown) return { ms: performance.now() - chosen, error: null };
        const failed = document.querySelector('.notice-error');
        if (failed) return { ms: null, error: failed.textContent };
        return null;
      },
      { guid: project.projectGuid, before: chosenBefore, documents: project.documentGuids.length },
      { timeout: opts.timeout, polling: 'raf' },
    );
    const r = (await handle.jsonValue()) as { ms: number | null; error: string | null };
    if (r.error !== null) throw new Error(`importing ${project.name} failed: ${r.error}`);
    return { via: 'import', ms: r.ms };
  } finally {
    await page.close();
  }
}

/**
 * Writes a project's records with plain Dexie bulkPut (one read-write transaction over all
 * tables) into database `dbName`, with the app's schema; returns the milliseconds of the write
 * alone (fetching and parsing the records come before the clock starts). The records are fetched
 * from `opts.base` (default /__bench; W3's from bench/file-server.ts), within `opts.timeout`.
 */
export async function writeRecordsDirectly(
  page: Page,
  project: BenchProject,
  schema: { version: number; stores: Record<string, string> },
  dbName: string,
  opts: { base?: string; timeout?: number } = {},
): Promise<number> {
  await injectScript(page, DEXIE_SCRIPT, 'Dexie');
  const file = project.records.split('/').pop() ?? '';
  return within(
    opts.timeout ?? 300_000,
    `writing ${project.name} with bulkPut`,
    page.evaluate(
      async ({ url, schema, dbName }) => {
        type Table = { bulkPut(rows: unknown[]): Promise<unknown> };
        type Db = { version(n: number): { stores(s: Record<string, string>): unknown }; open(): Promise<unknown>; close(): void; table(name: string): Table; tables: unknown[]; transaction(mode: string, tables: unknown[], fn: () => Promise<void>): Promise<void> };
        const Dexie = (window as unknown as { Dexie: { new (name: string): Db } }).Dexie;
        const { tables } = (await (await fetch(url)).json()) as { tables: Record<string, unknown[]> };
        const db = new Dexie(dbName);
        db.version(schema.version).stores(schema.stores);
        await db.open();
        const t0 = performance.now();
        await db.transaction('rw', db.tables, async () => {
          for (const [name, rows] of Object.entries(tables)) await db.table(name).bulkPut(rows);
        });
        const ms = performance.now() - t0;
        db.close();
        return ms;
      },
      { url: `${opts.base ?? '/__bench'}/${file}`, schema, dbName },
    ),
  );
}

/** Bytes of the profile's IndexedDB files on disk (every origin's), in MiB. */
export async function indexedDbOnDiskMb(profile: Profile): Promise<number> {
  const root = join(profile.dir, 'Default', 'IndexedDB');
  let bytes = 0;
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return bytes / 1048576;
}

/** Deletes an IndexedDB database of the page's origin. */
export async function deleteDatabase(page: Page, name: string): Promise<void> {
  await within(
    60_000,
    `deleting database ${name}`,
    page.evaluate(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.deleteDatabase(name);
          r.onsuccess = () => resolve();
          r.onerror = () => reject(r.error);
          r.onblocked = () => resolve();
        }),
      name,
    ),
  );
}
