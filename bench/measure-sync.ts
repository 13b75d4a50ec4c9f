/**
 * Live team sync figures (issue 14): W2 on a team server (a CouchDB-protocol server in memory,
 * src/sync/test-server.ts), joined from an empty browser profile through the app's join dialog,
 * and the time from one coder's key press to the segment painted at another coder.
 *
 * - The server is seeded in Node, as the lead's app would leave it: users `lea` (the database's
 *   admin), `anna` and `bram` (members), the rules' design document `_design/markeer`, and every
 *   record of W2 as a document `{ _id: "<table>:<key>", table, owner: null, data }` (the lead's
 *   work and the work of three coders merged from files, who have no account), written with
 *   `_bulk_docs` as the server admin.
 * - firstSync: a new profile opens `#/join?db=…`, fills in the dialog and clicks "Deelnemen"; the
 *   clock runs from that (trusted) click until the app's IndexedDB (`markeer`) holds W2's segments
 *   and codings for the project, counted from the page every 250 ms. Also noted, from the same
 *   click: when the join dialog's steps changed (signing in, checking, copying, starting), when
 *   the project header appeared (the dialog is done and the project exists here) and when the
 *   document list first showed every document (records are entering Dexie); and the counts in
 *   the app's database every 5 s.
 * - latency: the two profiles that joined (anna and bram) open the same W2 document; anna
 *   selects a range no one has coded and presses "1" (W2's first leaf code); the time from her
 *   keydown (`performance.timeOrigin + keydown.t` in her page) to the first
 *   `markeer:highlights-painted` mark in bram's page with more ranges in the highlights than
 *   before (`performance.timeOrigin + mark.t` there). The two pages are in two
 *   Chromiums (a profile each) on the same machine, so their clocks are the same wall clock.
 *
 * The server failing to start or to take W2 is the benchmark failing (thrown); the app not
 * reaching a state (a join that stalls, a segment that never arrives) leaves that figure out with
 * a note.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { docId, sharedPart, type Row } from '../src/sync/docs';
import { designDocument } from '../src/sync/design';
import { startTestCouch, type TestCouch } from '../src/sync/test-server';
import type { TableName } from '../src/storage/db';
import { newBenchProfile, openPage, settle, waitForMark, type BenchFiles, type Profile } from './browser';
import { selectRange } from './measure-w1';
import type { BenchWindow } from './page-hooks';
import type { BenchProject } from './projects';

const PASSWORD = 'bench-wachtwoord-1';
const DATABASE = 'markeer-bench-w2';
const CHUNK = 2000;

export interface FirstSyncSample {
  readonly user: string;
  /** Click on "Deelnemen" to W2's segments and codings all in the app's IndexedDB. */
  readonly ms: number;
  /** Click to the project header shown (the join dialog done, the project created here). */
  readonly opened: number | null;
  /** Click to every document of the project in the document list. */
  readonly documentList: number | null;
  /** Click to the first time each step of the join dialog was seen (polled every 250 ms). */
  readonly steps: Record<string, number>;
  /** Segments and codings in the app's database at moments of the wait (every 5 s). */
  readonly trace: readonly { readonly t: number; readonly segments: number; readonly codings: number }[];
}

export interface LatencySample {
  readonly start: number;
  readonly end: number;
  /** anna's keydown to the highlight painted at bram, wall clock; NaN when it never came. */
  readonly ms: number;
  /** anna's keydown to the highlight painted in her own page. */
  readonly local: number | null;
  /**
   * anna's keydown to the server's changes feed answering a listener in Node with the new
   * documents (Node's clock against the page's: the same wall clock, to a millisecond or so).
   */
  readonly server: number | null;
  readonly error?: string;
}

export interface SyncBenchResult {
  readonly firstSync: FirstSyncSample[];
  readonly latency: LatencySample[];
  readonly notes: string[];
  readonly errors: string[];
  readonly externalRequests: string[];
  /** How long seeding the server took (ms) and how many documents it holds. */
  readonly seed: { readonly ms: number; readonly docs: number };
}

export interface SyncBenchOptions {
  /** Profiles that join and are timed (the first two also give the latency samples). */
  readonly joins: number;
  readonly latencySamples: number;
  /** Time limit of the wait for one first sync. */
  readonly syncTimeout: number;
  /** Time limit of other waits in the page. */
  readonly timeout: number;
  readonly log: (msg: string) => void;
}

interface Records {
  readonly tables: Record<string, Row[]>;
}

/** The order in which the lead's app would have sent the project: what the rest refers to first. */
const TABLE_ORDER: readonly TableName[] = ['projects', 'coders', 'codes', 'variables', 'groups', 'documents', 'documentTexts', 'segments', 'codings', 'memos', 'themes', 'attempts'];

function keyOfRow(table: TableName, row: Row): string {
  const key = table === 'documentTexts' ? row.documentGuid : row.guid;
  if (typeof key !== 'string') throw new Error(`a ${table} record without its key`);
  return key;
}

function basicAuth(admin: TestCouch['admin']): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}` };
}

/** Users, the database with its security and rules, and every record of the project. */
async function seed(couch: TestCouch, records: Records): Promise<{ dbUrl: string; docs: number }> {
  for (const user of ['lea', 'anna', 'bram']) await couch.createUser(user, PASSWORD);
  const dbUrl = await couch.createDatabase(DATABASE, { admins: ['lea'], members: ['anna', 'bram'] });
  const auth = { ...basicAuth(couch.admin), 'Content-Type': 'application/json' };
  const design = designDocument();
  const put = await fetch(`${dbUrl}/${design._id}`, { method: 'PUT', headers: auth, body: JSON.stringify(design) });
  if (!put.ok) throw new Error(`sync bench: could not write ${design._id}: ${put.status} ${await put.text()}`);
  const known = new Set<string>(TABLE_ORDER);
  const unknown = Object.keys(records.tables).filter((t) => !known.has(t));
  if (unknown.length) throw new Error(`sync bench: the records have tables the sync does not know: ${unknown.join(', ')}`);
  const docs = TABLE_ORDER.flatMap((table) => (records.tables[table] ?? []).map((row) => ({ _id: docId(table, keyOfRow(table, row)), table, owner: null, data: sharedPart(table, row) })));
  for (let i = 0; i < docs.length; i += CHUNK) {
    const response = await fetch(`${dbUrl}/_bulk_docs`, { method: 'POST', headers: auth, body: JSON.stringify({ docs: docs.slice(i, i + CHUNK) }) });
    if (!response.ok) throw new Error(`sync bench: _bulk_docs ${i}: ${response.status} ${await response.text()}`);
    const results = (await response.json()) as { ok?: boolean; id?: string; error?: string; reason?: string }[];
    const failed = results.filter((r) => !r.ok);
    if (failed.length) throw new Error(`sync bench: the server refused ${failed.length} documents, e.g. ${failed[0]?.id}: ${failed[0]?.error} ${failed[0]?.reason ?? ''}`);
  }
  const info = (await (await fetch(dbUrl, { headers: auth })).json()) as { doc_count?: number };
  if (info.doc_count !== docs.length + 1) throw new Error(`sync bench: the database holds ${info.doc_count} documents, not ${docs.length + 1}`);
  return { dbUrl, docs: docs.length };
}

/**
 * Ranges for the latency samples: word-aligned, within one paragraph (after its speaker label),
 * at least `margin` characters away from every segment of the document, spread through it and
 * apart from each other.
 */
export function uncodedRanges(text: string, segments: readonly { start: number; end: number }[], count: number, opts: { margin?: number; min?: number; max?: number } = {}): { start: number; end: number }[] {
  const margin = opts.margin ?? 10;
  const min = opts.min ?? 30;
  const max = opts.max ?? 80;
  const covered = new Uint8Array(text.length + 1);
  for (const s of segments) covered.fill(1, Math.max(0, s.start - margin), Math.min(text.length, s.end + margin));
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  const found: { start: number; end: number }[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const label = /^[^\n:]{1,40}: /.exec(text.slice(lineStart, lineEnd));
    let p = lineStart + (label ? label[0].length : 0);
    while (p < lineEnd) {
      // a word start that is not covered
      if (covered[p] || !isWord(text[p]) || (p > lineStart && isWord(text[p - 1]))) {
        p++;
        continue;
      }
      let end = -1;
      for (let q = p + 1; q <= Math.min(lineEnd, p + max); q++) {
        if (covered[q - 1]) break;
        if (q - p >= min && isWord(text[q - 1]) && !isWord(text[q])) {
          end = q;
          break;
        }
      }
      if (end >= 0) {
        found.push({ start: p, end });
        p = end + 1;
      } else p++;
    }
    lineStart = lineEnd + 1;
  }
  // spread: every k-th free range, so that they are apart
  if (found.length <= count) return found;
  const step = found.length / count;
  return Array.from({ length: count }, (_, i) => found[Math.floor(i * step)] as { start: number; end: number });
}

/** Starts, in the page, a poll of the app's database (every 250 ms) and of what the page shows. */
async function startPoll(page: Page, want: { projectGuid: string; segments: number; codings: number }): Promise<void> {
  await page.evaluate((want) => {
    const b = (window as unknown as BenchWindow).__bench;
    const extra = b.extra as Record<string, unknown>;
    const steps: Record<string, number> = {};
    const trace: { t: number; segments: number; codings: number }[] = [];
    extra.syncSteps = steps;
    extra.syncTrace = trace;
    let db: IDBDatabase | null = null;
    let busy = false;
    let lastTrace = -Infinity;
    const open = async (): Promise<IDBDatabase | null> => {
      const names = await indexedDB.databases();
      if (!names.some((d) => d.name === 'markeer')) return null;
      return new Promise((resolve) => {
        const r = indexedDB.open('markeer');
        // never create or upgrade the app's database from here
        r.onupgradeneeded = () => r.transaction?.abort();
        r.onsuccess = () => {
          r.result.onversionchange = () => {
            r.result.close();
            db = null;
          };
          resolve(r.result);
        };
        r.onerror = () => resolve(null);
        r.onblocked = () => resolve(null);
      });
    };
    const count = (d: IDBDatabase, store: string) =>
      new Promise<number>((resolve, reject) => {
        const tx = d.transaction(store, 'readonly');
        const s = tx.objectStore(store);
        const r = s.indexNames.contains('projectGuid') ? s.index('projectGuid').count(IDBKeyRange.only(want.projectGuid)) : s.count();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const tick = async () => {
      const now = performance.now();
      const step = document.querySelector('.sync-step')?.textContent?.trim();
      if (step && steps[step] === undefined) steps[step] = now;
      if (extra.syncOpened === undefined && document.querySelector('.project-header')) extra.syncOpened = now;
      const problem = document.querySelector('.sync-problem');
      if (problem) extra.syncProblem = problem.textContent;
      if (busy || extra.syncDone !== undefined) return;
      busy = true;
      try {
        db ??= await open();
        if (!db || !db.objectStoreNames.contains('segments') || !db.objectStoreNames.contains('codings')) return;
        const segments = await count(db, 'segments');
        const codings = await count(db, 'codings');
        const at = performance.now();
        if (at - lastTrace >= 5000) {
          trace.push({ t: at, segments, codings });
          lastTrace = at;
        }
        if (segments >= want.segments && codings >= want.codings) {
          extra.syncDone = at;
          trace.push({ t: at, segments, codings });
          clearInterval(timer);
          db.close();
        }
      } catch {
        db = null;
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void tick(), 250);
  }, want);
}

/** Joins the team project in `profile` through the join link and its dialog; times it. */
async function joinAndTime(profile: Profile, project: BenchProject, dbUrl: string, user: string, opts: SyncBenchOptions): Promise<FirstSyncSample> {
  const page = await openPage(profile, `#/join?db=${encodeURIComponent(dbUrl)}`, { watchLinks: true, timeout: opts.timeout });
  try {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Gebruikersnaam').fill(user);
    await dialog.getByLabel('Wachtwoord').fill(PASSWORD);
    await dialog.getByLabel('Je naam als codeur').fill(user.charAt(0).toUpperCase() + user.slice(1));
    await startPoll(page, { projectGuid: project.projectGuid, segments: project.segments, codings: project.codings });
    await dialog.getByRole('button', { name: 'Deelnemen' }).click();
    const click = await page.evaluate(() => (window as unknown as BenchWindow).__bench.extra.clickT as number | undefined);
    if (click === undefined) throw new Error('the click on "Deelnemen" was not seen in the page');
    try {
      // done, or the dialog says why not
      await page.waitForFunction(
        () => {
          const extra = (window as unknown as BenchWindow).__bench.extra;
          return extra.syncDone !== undefined || extra.syncProblem !== undefined;
        },
        undefined,
        { timeout: opts.syncTimeout, polling: 250 },
      );
    } catch (e) {
      const state = await pageState(page, project);
      throw new Error(`${user}: the project was not all in the browser within ${opts.syncTimeout / 1000} s (${state}; ${(e as Error).message.split('\n')[0]})`);
    }
    const got = await page.evaluate(
      (n) => {
        const b = (window as unknown as BenchWindow).__bench;
        const extra = b.extra;
        return {
          done: extra.syncDone as number | undefined,
          problem: extra.syncProblem as string | undefined,
          opened: extra.syncOpened as number | undefined,
          documents: b.links[n],
          steps: extra.syncSteps as Record<string, number>,
          trace: extra.syncTrace as { t: number; segments: number; codings: number }[],
        };
      },
      project.documentGuids.length,
    );
    if (got.done === undefined) throw new Error(`${user}: the join failed: ${got.problem ?? '?'}`);
    const since = (t: number | undefined) => (t === undefined ? null : t - click);
    return {
      user,
      ms: got.done - click,
      opened: since(got.opened),
      documentList: since(got.documents),
      steps: Object.fromEntries(Object.entries(got.steps).map(([k, t]) => [k, t - click])),
      trace: got.trace.map((x) => ({ ...x, t: x.t - click })),
    };
  } finally {
    await page.close();
  }
}

async function pageState(page: Page, project: BenchProject): Promise<string> {
  return page
    .evaluate((n) => {
      const b = (window as unknown as BenchWindow).__bench;
      const trace = (b.extra.syncTrace as { t: number; segments: number; codings: number }[] | undefined) ?? [];
      const last = trace[trace.length - 1];
      const links = document.querySelectorAll('.pane-documents a').length;
      return `step ${JSON.stringify(document.querySelector('.sync-step')?.textContent ?? '')}, problem ${JSON.stringify(b.extra.syncProblem ?? null)}, header ${document.querySelector('.project-header') ? 'shown' : 'not shown'}, ${links}/${n} documents listed, last count ${last ? `${last.segments} segments, ${last.codings} codings` : 'none'}`;
    }, project.documentGuids.length)
    .catch((e: unknown) => `page state unknown: ${String(e)}`);
}

const docHash = (p: BenchProject) => `#/p/${p.projectGuid}/d/${p.firstDocument.guid}`;

async function statusLabel(page: Page): Promise<string> {
  const button = page.locator('.project-header').getByRole('button', { name: /^Synchronisatie:/ });
  return ((await button.getAttribute('aria-label', { timeout: 2000 }).catch(() => null)) ?? (await button.textContent({ timeout: 2000 }).catch(() => null)) ?? '').trim();
}

/** Waits (up to `ms`) until the page's sync status says everything is synced; gives the last status. */
async function waitSynced(page: Page, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  let label = '';
  while (Date.now() < deadline) {
    label = await statusLabel(page);
    if (/gesynchroniseerd/i.test(label) && !/niet/i.test(label)) return label;
    await page.waitForTimeout(250);
  }
  return label;
}

const paintedNow = (page: Page) =>
  page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    let painted = 0;
    CSS.highlights.forEach((h, name) => {
      if (String(name).startsWith('mk-code-')) painted += h.size;
    });
    return { painted, keys: b.keydowns.length, marks: b.marks.length };
  });

/**
 * Listens to the database's changes feed from its current position (longpoll, as the server
 * admin); resolves with the wall-clock time of the first change after that, or null.
 */
async function serverChange(dbUrl: string, admin: TestCouch['admin'], timeout: number): Promise<{ arrived: Promise<number | null>; cancel(): void }> {
  const headers = basicAuth(admin);
  const info = (await (await fetch(dbUrl, { headers })).json()) as { update_seq: number | string };
  const abort = new AbortController();
  const arrived = fetch(`${dbUrl}/_changes?feed=longpoll&since=${encodeURIComponent(String(info.update_seq))}&timeout=${timeout}`, { headers, signal: abort.signal })
    .then(async (r) => {
      // the headers come at once; the body when there is a change
      const body = (await r.json()) as { results?: unknown[] };
      return body.results?.length ? Date.now() : null;
    })
    .catch(() => null);
  return { arrived, cancel: () => abort.abort() };
}

/** anna codes, bram sees: the latency samples. */
async function measureLatency(a: Profile, b: Profile, project: BenchProject, records: Records, server: { dbUrl: string; admin: TestCouch['admin'] }, opts: SyncBenchOptions, notes: string[]): Promise<LatencySample[]> {
  const text = (records.tables.documentTexts ?? []).find((t) => t.documentGuid === project.firstDocument.guid)?.text;
  if (typeof text !== 'string') throw new Error('the first W2 document has no text in the records');
  const segments = (records.tables.segments ?? []).filter((s) => s.documentGuid === project.firstDocument.guid) as unknown as { start: number; end: number }[];
  // more than needed: a range whose selection is not exactly its text is passed over
  const candidates = uncodedRanges(text, segments, opts.latencySamples * 2);
  if (candidates.length < opts.latencySamples) notes.push(`sync.latency: only ${candidates.length} uncoded ranges found in the first W2 document`);
  const pageA = await openPage(a, docHash(project), { timeout: opts.timeout });
  const pageB = await openPage(b, docHash(project), { timeout: opts.timeout });
  try {
    for (const page of [pageA, pageB]) await waitForMark(page, { segments: null, painted: 1, complete: true }, opts.timeout);
    const [statusA, statusB] = await Promise.all([waitSynced(pageA, opts.timeout), waitSynced(pageB, opts.timeout)]);
    if (!/gesynchroniseerd/i.test(statusA) || !/gesynchroniseerd/i.test(statusB)) notes.push(`sync.latency: the coders' status before the samples: anna "${statusA}", bram "${statusB}"`);
    await settle(pageA, 1000);
    const samples: LatencySample[] = [];
    const skipped: string[] = [];
    for (const r of candidates) {
      if (samples.length >= opts.latencySamples) break;
      const expected = text.slice(r.start, r.end);
      const selected = await selectRange(pageA, r.start, r.end);
      if (selected !== expected) {
        skipped.push(`${r.start}-${r.end}: selection ${JSON.stringify(selected?.slice(0, 30))}`);
        await pageA.evaluate(() => document.getSelection()?.removeAllRanges());
        continue;
      }
      // The other coder looks at the same passage: the transcript paints the codings in view.
      await pageB.evaluate((at) => {
        let span: HTMLElement | undefined;
        for (const x of document.querySelectorAll<HTMLElement>('span[data-s]')) if (Number(x.dataset.s) <= at) span = x;
        span?.scrollIntoView({ block: 'center' });
      }, r.start);
      const listener = await serverChange(server.dbUrl, server.admin, 20_000);
      // let selectionchange and the re-render it causes finish before the key (and the listener
      // reach the server), and the other coder's view settle where it scrolled
      await settle(pageA, 250);
      const beforeA = await paintedNow(pageA);
      const beforeB = await paintedNow(pageB);
      await pageA.keyboard.press('1');
      try {
        const key = (await (
          await pageA.waitForFunction(
            ({ keys }) => {
              const k = (window as unknown as BenchWindow).__bench.keydowns[keys];
              return k ? { t: k.t, wall: performance.timeOrigin + k.t } : null;
            },
            beforeA,
            { timeout: 5000, polling: 20 },
          )
        ).jsonValue()) as { t: number; wall: number };
        const seen = (await (
          await pageB.waitForFunction(
            ({ painted, marks }) => {
              const m = (window as unknown as BenchWindow).__bench.marks.slice(marks).find((x) => x.painted > painted);
              return m ? performance.timeOrigin + m.t : null;
            },
            beforeB,
            { timeout: Math.min(opts.timeout, 30_000), polling: 20 },
          )
        ).jsonValue()) as number;
        const local = (await pageA.evaluate(
          ({ painted, marks, t }) => (window as unknown as BenchWindow).__bench.marks.slice(marks).find((x) => x.t > t && x.painted > painted)?.t ?? null,
          { ...beforeA, t: key.t },
        )) as number | null;
        const atServer = await Promise.race([listener.arrived, new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
        samples.push({ start: r.start, end: r.end, ms: seen - key.wall, local: local === null ? null : local - key.t, server: atServer === null ? null : atServer - key.wall });
      } catch (e) {
        samples.push({ start: r.start, end: r.end, ms: Number.NaN, local: null, server: null, error: `no new highlight at bram (${(e as Error).message.split('\n')[0]})` });
      } finally {
        listener.cancel();
      }
      // both quiet again before the next one
      await settle(pageA, 300);
    }
    if (skipped.length) notes.push(`sync.latency: ${skipped.length} candidate ranges passed over (selection not the range): ${skipped.slice(0, 3).join('; ')}`);
    return samples;
  } finally {
    await pageA.close();
    await pageB.close();
  }
}

/**
 * The whole sync step: a server with W2, `opts.joins` coders joining from empty profiles (timed),
 * then the latency between the first two. The server is stopped and the profiles closed at the end.
 */
export async function measureSync(url: string, project: BenchProject, files: BenchFiles, opts: SyncBenchOptions): Promise<SyncBenchResult> {
  const notes: string[] = [];
  const errors: string[] = [];
  const externalRequests: string[] = [];
  const firstSync: FirstSyncSample[] = [];
  let latency: LatencySample[] = [];
  const records = JSON.parse(readFileSync(project.records, 'utf8')) as Records;
  const t0 = performance.now();
  const couch = await startTestCouch();
  const profiles: Profile[] = [];
  try {
    const { dbUrl, docs } = await seed(couch, records);
    const seedMs = performance.now() - t0;
    opts.log(`  team server ${couch.url}: ${docs} documents of ${project.name} in ${Math.round(seedMs)} ms`);
    const users = ['anna', 'bram', 'lea'];
    const joined: Profile[] = [];
    // the first two joins are the two coders of the latency samples, also when only one is timed
    const joins = Math.max(opts.joins, 2);
    for (let i = 0; i < joins; i++) {
      const user = users[i % users.length] as string;
      const profile = await newBenchProfile(url, files, { allowOrigins: [couch.url] });
      profiles.push(profile);
      try {
        const s = await joinAndTime(profile, project, dbUrl, user, opts);
        const timed = i < opts.joins;
        if (timed) firstSync.push(s);
        const steps = Object.entries(s.steps)
          .map(([k, t]) => `"${k}" ${Math.round(t)}`)
          .join(', ');
        opts.log(
          `  ${user} joined${timed ? '' : ' (not timed: quick)'}: all in IndexedDB after ${Math.round(s.ms)} ms; project shown ${fmtMs(s.opened)}, ${project.documentGuids.length} documents listed ${fmtMs(s.documentList)}; steps: ${steps}`,
        );
        joined.push(profile);
      } catch (e) {
        notes.push(`sync.w2.firstSync: ${(e as Error).message}`);
        opts.log(`  ${user}: ${(e as Error).message}`);
      }
    }
    const [a, b] = joined;
    if (a && b && joined.length >= 2) {
      opts.log(`  latency: ${opts.latencySamples} codings by anna, painted at bram`);
      try {
        latency = await measureLatency(a, b, project, records, { dbUrl, admin: couch.admin }, opts, notes);
        const failed = latency.filter((l) => l.error);
        if (failed.length) notes.push(`sync.latency: ${failed.length} of ${latency.length} samples never arrived: ${failed.slice(0, 3).map((f) => `${f.start}-${f.end} ${f.error}`).join('; ')}`);
        if (latency.length < opts.latencySamples) notes.push(`sync.latency: ${latency.length} samples of ${opts.latencySamples}`);
      } catch (e) {
        notes.push(`sync.latency: not measured: ${(e as Error).message.split('\n')[0]}`);
      }
    } else notes.push('sync.latency: not measured: two coders did not both join');
    return { firstSync, latency, notes, errors, externalRequests, seed: { ms: seedMs, docs } };
  } finally {
    for (const p of profiles) {
      // a 404 for a replication checkpoint or for the rules not there yet is how a CouchDB client
      // finds out; the browser notes each failed request in the console
      errors.push(...p.errors.filter((e) => !(e.startsWith('console.error: Failed to load resource') && e.includes(couch.url))));
      externalRequests.push(...p.externalRequests);
      await p.close();
    }
    await couch.stop();
  }
}

const fmtMs = (x: number | null) => (x === null ? '(not seen)' : `after ${Math.round(x)} ms`);
