/**
 * W3 figures (issue 15): W2 ten times over, 1,200 transcripts of 50,000 code units (60 million),
 * three coders, 360,000 segments; 24 documents in the quick run. The W2 measuring functions with
 * W3's counts and time limits, and the W2 figures it is compared with that W2's own step does not
 * take (opening one document of the project, applying a code in it, the IndexedDB size).
 *
 * Every step has a time limit and is caught on its own: when the app fails on W3 (a storage quota,
 * a renderer out of memory, a time limit), the step is reported in a note with what was reached
 * and how much was in IndexedDB at that moment, and the next step goes on.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BENCH_PROFILES, indexedDbOnDiskMb, loadProject, newBenchProfile, type BenchFiles, type Profile } from './browser';
import { startFileServer } from './file-server';
import { measureAgreement, measureMatrix } from './measure-analysis';
import { uncodedRanges } from './measure-sync';
import { measureApply, measureOpen, type DocumentToOpen } from './measure-w1';
import { appZipLevel, measureExport, measureHeap, measureProjectOpen, measureRawBulkPut, measureRawZip, readBytes } from './measure-w2';
import { ROOT, type BenchProject, type ProbeDocument } from './projects';

export type Samples = Record<string, number[]>;

/** Repetitions: W3 is big (one import, raw bulkPut and export; three of the rest). */
export const W3_REPS = {
  full: { import: 1, raw: 1, export: 1, open: 3, openDocument: 3, apply: 20, heap: 3, matrix: 3, agreement: 3 },
  quick: { import: 1, raw: 1, export: 1, open: 1, openDocument: 1, apply: 5, heap: 1, matrix: 1, agreement: 1 },
} as const;

/**
 * Time limits (ms) of W3's waits: `wait` for one state in a page (a document list of 1,200
 * links, a matrix, a report), `import` for the app's import (several minutes on 2 cores), `raw`
 * for plain Dexie (about 150 s here), `export` for the export and plain JSZip.
 */
export const W3_TIMEOUTS = {
  full: { wait: 300_000, import: 1_500_000, raw: 900_000, export: 900_000 },
  quick: { wait: 30_000, import: 60_000, raw: 60_000, export: 60_000 },
} as const;

/** What the W3 step may add to the whole run's time limit (its worst case is the sum of its limits, far beyond). */
export const W3_BUDGET = { full: 100 * 60_000, quick: 150_000 } as const;

const MB = 1048576;

/** IndexedDB usage of the profile's origin (navigator.storage.estimate() in a page of it). */
export async function storageEstimate(page: Page): Promise<{ usage: number; indexedDB: number | null; quota: number }> {
  return page.evaluate(async () => {
    const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
    return { usage: e.usage ?? 0, indexedDB: e.usageDetails?.indexedDB ?? null, quota: e.quota ?? 0 };
  });
}

/**
 * Whether the origin's IndexedDB still takes a small write (1 KiB into a database of its own,
 * deleted after): 'ok', or the name and message of the error that refused it.
 */
export async function probeWrite(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('markeer-bench-probe', 1);
        const done = (outcome: string) => {
          const del = indexedDB.deleteDatabase('markeer-bench-probe');
          del.onsuccess = del.onerror = () => resolve(outcome);
        };
        open.onupgradeneeded = () => open.result.createObjectStore('probe');
        open.onerror = () => resolve(`open: ${open.error?.name}: ${open.error?.message}`);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('probe', 'readwrite');
          tx.objectStore('probe').put('x'.repeat(1024), 1);
          tx.oncomplete = () => {
            db.close();
            done('ok');
          };
          tx.onabort = () => {
            db.close();
            done(`${tx.error?.name}: ${tx.error?.message}`);
          };
        };
      }),
  );
}

/** Which limit an error of a step hit, in words. */
export function whichLimit(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  if (/quota/i.test(m)) return `the storage quota (${m.split('\n')[0]})`;
  if (/crash/i.test(m)) return `memory: the page crashed (${m.split('\n')[0]})`;
  if (/out of memory|allocation failed|Array buffer allocation|Invalid string length/i.test(m)) return `memory (${m.split('\n')[0]})`;
  if (/timeout|no result within|exceeded/i.test(m)) return `a time limit (${m.split('\n')[0]})`;
  return m.split('\n')[0] ?? m;
}

/** Uncoded ranges of the probe document to code with key "1" (as W1's `adds`). */
function applyRanges(probe: ProbeDocument, count: number): { id: string; start: number; end: number }[] {
  return uncodedRanges(probe.text, probe.ranges, count).map((r, i) => ({ id: `r${i + 1}`, ...r }));
}

const toOpen = (p: ProbeDocument): DocumentToOpen => ({ guid: p.guid, segments: p.segments, codings: p.codings });

export interface W3Context {
  readonly url: string;
  readonly w2: BenchProject;
  readonly w3: BenchProject;
  readonly schema: { version: number; stores: Record<string, string> };
  readonly files: BenchFiles;
  readonly quick: boolean;
  readonly log: (msg: string) => void;
}

/**
 * The W3 step: W2 imported once (w2.idb.mb, w2.openDocument.ms, w2.apply.*), then W3: import
 * through the start screen, its IndexedDB size, opening the project and one document, applying a
 * code, the heap, the matrix, the agreement, the export against plain JSZip, and (in a new profile,
 * with W3's first profile closed) plain Dexie's bulkPut of the same records.
 */
export async function benchW3(c: W3Context, s: Samples, notes: string[], errors: string[]): Promise<void> {
  const reps = c.quick ? W3_REPS.quick : W3_REPS.full;
  const T = c.quick ? W3_TIMEOUTS.quick : W3_TIMEOUTS.full;
  const { w2, w3, log } = c;
  const w2Probe = w2.probe;
  const w3Probe = w3.probe;
  if (!w2Probe || !w3Probe) throw new Error('W2 and W3 need their probe document (projects.ts)');
  const server = await startFileServer(c.files);
  c.files.set(w3.records.split('/').pop() ?? '', { path: w3.records });
  const newProfile = async () => {
    const profile = await newBenchProfile(c.url, c.files, { allowOrigins: [server.url] });
    // the blank page comes from Playwright's interception (no address space: public to Chromium's
    // Local Network Access), so its fetches from the file server on loopback need the permission
    await profile.context.grantPermissions(['local-network-access'], { origin: new URL(c.url).origin });
    return profile;
  };
  const profiles: Profile[] = [];
  const close = async (p: Profile) => {
    errors.push(...p.errors, ...p.externalRequests.map((u) => `request left 127.0.0.1: ${u}`));
    p.errors.length = 0;
    await p.close();
  };
  /** Runs one step; a failure becomes a note naming the limit it hit and the IndexedDB size then. */
  const step = async <T>(name: string, profile: Profile | null, fn: () => Promise<T>): Promise<T | undefined> => {
    const t0 = performance.now();
    const before = profile?.errors.length ?? 0;
    try {
      return await fn();
    } catch (e) {
      let size = '';
      if (profile) {
        const est = await storageEstimate(profile.home).catch(() => null);
        if (est) size = `; IndexedDB then ${((est.indexedDB ?? est.usage) / MB).toFixed(1)} MiB of a ${(est.quota / MB).toFixed(0)} MiB quota`;
      }
      const crashed = profile?.errors.filter((x) => x.startsWith('crash:')) ?? [];
      const note = `${name}: not measured: after ${((performance.now() - t0) / 1000).toFixed(1)} s it hit ${whichLimit(e)}${size}${crashed.length ? `; ${crashed.join('; ')}` : ''}`;
      notes.push(note);
      log(`  ${note}`);
      return undefined;
    } finally {
      // each page error names the step it came in
      if (profile) for (let i = before; i < profile.errors.length; i++) profile.errors[i] = `${name}: ${profile.errors[i]}`;
    }
  };
  try {
    // ------------------------------------------------------------------ W2, the comparison
    const p2 = await newProfile();
    profiles.push(p2);
    const loaded2 = await loadProject(p2, w2, { timeout: T.import, schema: c.schema });
    log(`W2 imported for the comparison (${loaded2.ms === null ? loaded2.via : `${Math.round(loaded2.ms)} ms`})`);
    const est2 = await storageEstimate(p2.home);
    s['w2.idb.mb'] = [(est2.indexedDB ?? est2.usage) / MB];
    const disk2 = await indexedDbOnDiskMb(p2);
    log(`w2.openDocument: ${reps.openDocument} x document ${w2Probe.index + 1} of ${w2.documentGuids.length} (${w2Probe.segments} segments, ${w2Probe.codings} codings)`);
    const open2 = await measureOpen(p2, w2, reps.openDocument, T.wait, toOpen(w2Probe));
    s['w2.openDocument.ms'] = open2.map((o) => o.ms);
    const adds2 = applyRanges(w2Probe, reps.apply);
    log(`w2.apply: ${adds2.length} uncoded ranges of that document, key "1"`);
    const apply2 = await measureApply(p2, w2, adds2, w2Probe.text, T.wait, toOpen(w2Probe));
    s['w2.apply.ms'] = apply2.map((a) => a.ms);
    if (adds2.length < reps.apply) notes.push(`w2.apply: only ${adds2.length} uncoded ranges in document ${w2Probe.index + 1}`);
    const failed2 = apply2.filter((a) => a.error);
    if (failed2.length) notes.push(`w2.apply: ${failed2.length} of ${apply2.length} failed: ${failed2.slice(0, 3).map((f) => `${f.id} ${f.error}`).join('; ')}`);
    for (let i = 0; i < p2.errors.length; i++) p2.errors[i] = `w2 comparison: ${p2.errors[i]}`;
    await close(p2);
    profiles.pop();

    // ------------------------------------------------------------------ W3
    const p3 = await newProfile();
    profiles.push(p3);
    log(`w3.import: ${w3.name}, ${(w3.bundleBytes / MB).toFixed(1)} MiB bundle, time limit ${T.import / 1000} s`);
    const loaded3 = await step('w3.import', p3, () => loadProject(p3, w3, { timeout: T.import, schema: c.schema }));
    const imported = loaded3 !== undefined && loaded3.via === 'import' && loaded3.ms !== null;
    if (loaded3?.ms != null) s['w3.import.ms'] = [loaded3.ms];
    if (loaded3) log(`  via ${loaded3.via}${loaded3.ms === null ? '' : `, ${Math.round(loaded3.ms)} ms`}`);
    const est3 = await storageEstimate(p3.home).catch(() => null);
    if (est3) {
      s['w3.idb.mb'] = [(est3.indexedDB ?? est3.usage) / MB];
      log(`  IndexedDB ${((est3.indexedDB ?? est3.usage) / MB).toFixed(1)} MiB (W2: ${(s['w2.idb.mb'][0] ?? Number.NaN).toFixed(1)} MiB), quota ${(est3.quota / MB).toFixed(0)} MiB`);
    }
    const disk3 = await indexedDbOnDiskMb(p3);
    notes.push(
      BENCH_PROFILES === 'disk'
        ? `w2.idb.mb, w3.idb.mb: navigator.storage.estimate() (usageDetails.indexedDB) after the import. The profiles are on disk (bench/browser.ts); the files of W3's IndexedDB then took ${disk3.toFixed(1)} MiB on disk (W2's: ${disk2.toFixed(1)} MiB).`
        : 'w2.idb.mb, w3.idb.mb: navigator.storage.estimate() (usageDetails.indexedDB) after the import; the profiles are off the record (MARKEER_BENCH_PROFILES=memory), with IndexedDB in memory.',
    );
    if (loaded3 !== undefined) {
      if (!imported) notes.push('w3: the start screen has no "Import bundle" input; W3 was written straight into IndexedDB and w3.import.ms is missing.');
      log(`w3.open: ${reps.open} fresh page loads (all ${w3.documentGuids.length} document links)`);
      const open = await step('w3.open', p3, () => measureProjectOpen(p3, w3, reps.open, T.wait));
      if (open) s['w3.open.ms'] = open;
      log(`w3.openDocument: ${reps.openDocument} x document ${w3Probe.index + 1} of ${w3.documentGuids.length} (${w3Probe.segments} segments, ${w3Probe.codings} codings)`);
      const open3 = await step('w3.openDocument', p3, () => measureOpen(p3, w3, reps.openDocument, T.wait, toOpen(w3Probe)));
      if (open3) s['w3.openDocument.ms'] = open3.map((o) => o.ms);
      const adds3 = applyRanges(w3Probe, reps.apply);
      log(`w3.apply: ${adds3.length} uncoded ranges of that document, key "1"`);
      const apply3 = await step('w3.apply', p3, () => measureApply(p3, w3, adds3, w3Probe.text, T.wait, toOpen(w3Probe)));
      if (apply3) {
        s['w3.apply.ms'] = apply3.map((a) => a.ms);
        const failed = apply3.filter((a) => a.error);
        if (failed.length) notes.push(`w3.apply: ${failed.length} of ${apply3.length} failed: ${failed.slice(0, 3).map((f) => `${f.id} ${f.error}`).join('; ')}`);
      }
      if (adds3.length < reps.apply) notes.push(`w3.apply: only ${adds3.length} uncoded ranges in document ${w3Probe.index + 1}`);
      log(`w3.heap: ${reps.heap} x (first document open, after a full GC)`);
      const heap = await step('w3.heap', p3, () => measureHeap(p3, w3, reps.heap, T.wait));
      if (heap) s['w3.heap.mb'] = heap;
      log(`w3.matrix: ${reps.matrix} x (fresh load of the Matrices tab; click on the tab)`);
      const matrix = await step('w3.matrix', p3, () => measureMatrix(p3, w3, reps.matrix, T.wait));
      if (matrix) {
        s['w3.matrix.ms'] = matrix.samples.map((m) => m.load);
        s['w3.matrix.tab.ms'] = matrix.samples.map((m) => m.tab);
        notes.push(...matrix.notes.map((n) => n.replace(/^w2\./, 'w3.')));
        log(`  ${matrix.samples[0]?.cells ?? '?'} counts above 0 in view`);
      }
      log(`w3.agreement: ${reps.agreement} x (open the dialog; tick the third coder)`);
      const agreement = await step('w3.agreement', p3, () => measureAgreement(p3, w3, w3.coders, reps.agreement, T.wait));
      if (agreement) {
        s['w3.agreement.open.ms'] = agreement.samples.map((a) => a.open);
        s['w3.agreement.ms'] = agreement.samples.map((a) => a.three);
        notes.push(...agreement.notes.map((n) => n.replace(/^w2\./, 'w3.')));
        log(`  ${w3.coders} coders, ${agreement.samples[0]?.codes ?? '?'} codes, ${agreement.samples[0]?.rows ?? '?'} code rows shown`);
      }
      log(`w3.export: ${reps.export} x, time limit ${T.export / 1000} s`);
      const exported = await step('w3.export', p3, () => measureExport(p3, w3, reps.export, T.export));
      let zipSource: Buffer | null = null;
      if (exported === null) notes.push('w3.export: no export control in the project header; w3.export.ms is missing.');
      else if (exported) {
        s['w3.export.ms'] = exported.map((e) => e.ms);
        const path = exported[0] ? await exported[0].download.path().catch(() => null) : null;
        if (path && existsSync(path)) zipSource = readBytes(path);
        log(`  exported ${exported[0]?.download.suggestedFilename() ?? '?'} (${zipSource?.length ?? '?'} bytes)`);
      }
      const level = appZipLevel(readFileSync(join(ROOT, 'src', 'io', 'bundle', 'serialize.ts'), 'utf8'));
      const source = zipSource ?? readBytes(w3.bundle);
      log(`w3.export.rawZip: ${reps.export} x (DEFLATE level ${level}, ${(source.length / MB).toFixed(1)} MiB zipped${zipSource ? '' : ', the benchmark\'s own W3 bundle'})`);
      const raw = await step('w3.export.rawZip', p3, () => measureRawZip(p3, source, c.files, level, reps.export, { base: server.url, timeout: T.export }));
      if (raw) s['w3.export.rawZip.ms'] = raw;
      c.files.delete('zip-entries.bin');
      // Does the profile still take writes after all this? (The quota is a share of the disk.)
      const est = await storageEstimate(p3.home).catch(() => null);
      const probe = await probeWrite(p3.home).catch((e: unknown) => `probe failed: ${String(e)}`);
      const line = `w3: after the steps, with IndexedDB at ${est ? `${((est.indexedDB ?? est.usage) / MB).toFixed(1)} MiB of a ${(est.quota / MB).toFixed(0)} MiB quota` : 'an unknown size'}, a 1 KiB write to a new database: ${probe}`;
      notes.push(line);
      log(`  ${line}`);
    }
    await close(p3);
    profiles.pop();

    log(`w3.import.rawBulkPut: ${reps.raw} x (new profile, ${w3.records.split('/').pop() ?? ''} fetched from ${server.url})`);
    let rawProfile: Profile | null = null;
    const rawBulk = await step('w3.import.rawBulkPut', null, () =>
      measureRawBulkPut(
        async () => {
          rawProfile = await newProfile();
          return rawProfile;
        },
        w3,
        c.schema,
        reps.raw,
        { base: server.url, timeout: T.raw },
      ),
    );
    if (rawBulk) s['w3.import.rawBulkPut.ms'] = rawBulk;
    if (rawProfile) errors.push(...(rawProfile as Profile).errors.map((e) => `w3.import.rawBulkPut: ${e}`));
  } finally {
    for (const p of profiles) await close(p);
    c.files.delete('zip-entries.bin');
    await server.close();
  }
}
