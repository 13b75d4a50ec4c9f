// Helpers for end-to-end tests: serve the built app (dist/), drive it in Chromium via
// playwright-core, guard against network traffic leaving the machine, run axe.
//
// Typical use:
//   const server = await startServer();            // serves dist/ (run `vite build` first)
//   const browser = await launchBrowser();
//   const app = await newAppPage(browser, server.url);   // one "profile" (context)
//   ... app.page ...; expect(app.externalRequests).toEqual([]); expect(app.errors).toEqual([]);
//   const again = await reopen(app.context, server.url);  // fresh tab, same IndexedDB
//   const other = await newProfile(browser, server.url);  // independent second coder
//   await browser.close(); await server.close();
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview } from 'vite';
import { afterAll, beforeAll } from 'vitest';

/** Project root (the directory holding package.json and dist/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where screenshot() writes (git-ignored). */
export const ARTIFACTS_DIR = join(ROOT, 'tests', 'artifacts');

export interface Server {
  /** Base URL with trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built app with Vite's preview server on 127.0.0.1 and a free port.
 * Serves `dist/` unless `distDir` (or env MARKEER_E2E_DIST) names another built directory.
 */
export async function startServer(opts: { distDir?: string } = {}): Promise<Server> {
  const distDir = resolve(ROOT, opts.distDir ?? process.env.MARKEER_E2E_DIST ?? 'dist');
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`No built app at ${distDir}/index.html; run \`vite build\` first (npm run test:e2e does).`);
  }
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: distDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address || typeof address !== 'object') {
    await server.close();
    throw new Error('Vite preview server is not listening');
  }
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-extensions',
];

/** Headless Chromium ($CHROMIUM_PATH, else /usr/bin/chromium) with CHROMIUM_ARGS: how every launch here starts it. */
function launchOptions() {
  return { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS };
}

/** Launches headless Chromium ($CHROMIUM_PATH, else /usr/bin/chromium). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions());
}

export interface AppPage {
  page: Page;
  /** The browser context = one user profile (its own IndexedDB, localStorage, ...). */
  context: BrowserContext;
  /** URLs (requests and WebSockets) that tried to leave http://127.0.0.1:PORT; all were aborted. Shared by every page of the context. */
  externalRequests: string[];
  /** Console errors ("console.error: ...") and uncaught exceptions ("pageerror: ...") of every page of the context. */
  errors: string[];
}

export interface AppPageOptions {
  /** Browser locale, default 'nl-NL'. */
  locale?: string;
  /** Navigate to `url` before returning (default true). */
  navigate?: boolean;
  /** 'block' keeps the service worker out, so that `page.route` sees every request (default 'allow'). */
  serviceWorkers?: 'allow' | 'block';
  /** Other origins the page may reach (a team's CouchDB for live sync); requests to them are let through, not recorded. */
  allowOrigins?: readonly string[];
}

interface Profile {
  origin: string;
  allowed: readonly string[];
  externalRequests: string[];
  errors: string[];
}

const profiles = new WeakMap<BrowserContext, Profile>();

function isInternal(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'ws:') return `http://${parsed.host}` === origin;
    return parsed.origin === origin;
  } catch {
    return false;
  }
}

function watchPage(page: Page, profile: Profile): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    profile.errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => {
    profile.errors.push(`pageerror: ${error.stack || error.message || String(error)}`);
  });
  page.on('crash', () => {
    profile.errors.push('crash: the page crashed');
  });
}

/**
 * Opens a new, independent browser context (profile) with one page and, by default,
 * navigates it to `url`. Installs a network guard: every request or WebSocket not aimed at
 * the origin of `url` (data:/blob: excepted) is recorded in `externalRequests` and aborted.
 */
export async function newAppPage(browser: Browser, url: string, opts: AppPageOptions = {}): Promise<AppPage> {
  const context = await browser.newContext(contextOptions(opts));
  return guardAppContext(context, url, opts);
}

function contextOptions(opts: AppPageOptions) {
  return { viewport: { width: 1280, height: 800 }, locale: opts.locale ?? 'nl-NL', serviceWorkers: opts.serviceWorkers ?? 'allow' } as const;
}

/**
 * Launches headless Chromium on a profile kept on disk in `dir` (its IndexedDB in files, as in
 * a user's browser; `newAppPage`'s contexts are off the record and keep it in memory) and opens
 * it like `newAppPage`: one page, the same network guard. Closing the context ends that Chromium.
 */
export async function newAppPageOnDisk(dir: string, url: string, opts: AppPageOptions = {}): Promise<AppPage> {
  const context = await chromium.launchPersistentContext(dir, { ...launchOptions(), ...contextOptions(opts) });
  const blank = context.pages();
  const app = await guardAppContext(context, url, opts);
  // the blank page Chromium opens with, left out of the profile's pages
  for (const page of blank) await page.close();
  return app;
}

async function guardAppContext(context: BrowserContext, url: string, opts: AppPageOptions): Promise<AppPage> {
  const profile: Profile = { origin: new URL(url).origin, allowed: (opts.allowOrigins ?? []).map((o) => new URL(o).origin), externalRequests: [], errors: [] };
  profiles.set(context, profile);

  await context.route(
    () => true,
    async (route) => {
      const requestUrl = route.request().url();
      if (isInternal(requestUrl, profile.origin) || profile.allowed.some((o) => isInternal(requestUrl, o))) {
        await route.fallback();
      } else {
        profile.externalRequests.push(requestUrl);
        await route.abort('blockedbyclient');
      }
    },
  );
  await context.routeWebSocket(
    () => true,
    (ws) => {
      if (isInternal(ws.url(), profile.origin)) {
        ws.connectToServer();
      } else {
        profile.externalRequests.push(ws.url());
        void ws.close({ code: 1008, reason: 'blocked by e2e network guard' });
      }
    },
  );

  const page = await context.newPage();
  watchPage(page, profile);
  if (opts.navigate ?? true) await page.goto(url);
  return { page, context, externalRequests: profile.externalRequests, errors: profile.errors };
}

/** A second (third, ...) independent profile, e.g. another coder on the same machine. Same as newAppPage. */
export const newProfile = newAppPage;

/**
 * Opens `url` in a fresh page of an existing context (same origin storage, so IndexedDB
 * data survives), like restarting the browser with the same profile. By default the
 * context's other pages are closed first; pass { keepOtherPages: true } for a second tab.
 */
export async function reopen(
  context: BrowserContext,
  url: string,
  opts: { keepOtherPages?: boolean } = {},
): Promise<AppPage> {
  const profile = profiles.get(context);
  if (!profile) throw new Error('reopen(): context was not created by newAppPage()');
  if (!opts.keepOtherPages) {
    for (const old of context.pages()) await old.close({ runBeforeUnload: false });
  }
  const page = await context.newPage();
  watchPage(page, profile);
  await page.goto(url);
  return { page, context, externalRequests: profile.externalRequests, errors: profile.errors };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  description: string;
  /** CSS selectors of the offending nodes. */
  nodes: string[];
}

const requireFromHere = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

/** Runs axe-core on the page; returns only 'serious' and 'critical' violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(requireFromHere.resolve('axe-core/axe.min.js'), 'utf8');
  const hasAxe = () => typeof (window as unknown as { axe?: unknown }).axe === 'object';
  if (!(await page.evaluate(hasAxe))) {
    // Evaluated by the test driver (DevTools), not as a <script>: the app's policy refuses inline
    // script, as it should.
    await page.evaluate(await axeSource);
    if (!(await page.evaluate(hasAxe))) throw new Error('runAxe(): axe-core did not load');
  }
  return page.evaluate(async () => {
    type Result = {
      id: string;
      impact?: string | null;
      description: string;
      nodes: { target: unknown[] }[];
    };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Result[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        description: v.description,
        nodes: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ')),
      }));
  });
}

/** Saves a full-page screenshot to tests/artifacts/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The built app served and a Chromium launched for the tests of one `describe`, closed after
 * them: `const app = servedApp();` then `app.server.url`, `app.browser`.
 */
export function servedApp(): { server: Server; browser: Browser } {
  const fixture = {} as { server: Server; browser: Browser };
  beforeAll(async () => {
    fixture.server = await startServer();
    fixture.browser = await launchBrowser();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.close();
  });
  return fixture;
}
