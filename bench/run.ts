/**
 * `npm run bench`: builds the app, generates the workloads (W1, its uncoded baseline, W2) as
 * `.markeer` bundles, serves the build on 127.0.0.1, loads the bundles through the app's import,
 * drives headless Chromium (1280x800) and measures every figure of issue 3 (with the later
 * w2.matrix, w2.agreement, cli.agreement and cli.matrix: measure-analysis.ts) and the live team sync figures
 * of issue 14 (W2's first sync into an empty browser, keypress-to-painted latency between two
 * coders: measure-sync.ts); prints a table, writes bench/results/latest.json and adds a row to the
 * history in docs/BENCHMARKS.md.
 *
 *   npm run bench                          the full benchmark (about 5 minutes on 2 cores)
 *   npm run bench -- --quick               W1 at 1/10, W2 with 6 documents, 1-2 repetitions: checks
 *                                          that the benchmark works (CI); writes
 *                                          bench/results/latest-quick.json, no history row
 *   npm run bench -- --workload w1.json    W1 from that file (e.g. ../shared/bench/gen-w1.mjs's)
 *   npm run bench -- --no-build            reuse the last benchmark build
 *   npm run bench -- --only w1|w2|w3|sync  one step only (while working on it); sync alone also
 *                                          imports the W2 bundle once, as the base of its ratio
 *
 * W3 (issue 15: W2 ten times over, 1,200 documents; 24 in the quick run) is measured by
 * measure-w3.ts, which also takes the W2 figures it is compared with (report-w3.ts).
 *
 * Thresholds are reported, never failures: the exit code is non-zero only when the benchmark
 * itself could not run (build failure, a time limit, the app not reaching a state it waits for).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, startServer } from '../tests/e2e/harness';
import { BENCH_PROFILES, loadProject, newBenchProfile, type BenchFiles, type Profile } from './browser';
import { buildApp, initialJs } from './build';
import { measureApply, measureOpen, measureScroll } from './measure-w1';
import { measureAgreement, measureCliAgreement, measureCliMatrix, measureMatrix } from './measure-analysis';
import { appZipLevel, measureExport, measureHeap, measureProjectOpen, measureRawBulkPut, measureRawZip, readBytes } from './measure-w2';
import { makeBenchProjects, makeW3Project, ROOT, W3_DOCUMENTS, type BenchProjects } from './projects';
import { measureSync } from './measure-sync';
import { benchW3, W3_BUDGET } from './measure-w3';
import { summariseW3 } from './report-w3';
import { appendHistory, table, writeResults, type Machine, type Results } from './report';
import { median, percentile, round1 } from './stats';

const args = process.argv.slice(2);
const valueOf = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = args.includes('--quick');
const ONLY = valueOf('--only');
const W1_FILE = valueOf('--workload');

if (ONLY !== undefined && !['w1', 'w2', 'w3', 'sync'].includes(ONLY)) {
  console.error(`bench: --only takes w1, w2, w3 or sync, not ${ONLY}`);
  process.exit(1);
}
const RUN = { w1: !ONLY || ONLY === 'w1', w2: !ONLY || ONLY === 'w2', w3: !ONLY || ONLY === 'w3', sync: !ONLY || ONLY === 'sync' };

const REPS = QUICK
  ? { open: 2, scroll: 1, import: 1, raw: 1, w2open: 2, heap: 1, export: 1, matrix: 1, agreement: 1, cli: 1, cliWarmup: 0, syncJoin: 1, syncLatency: 5 }
  : { open: 5, scroll: 3, import: 3, raw: 3, w2open: 5, heap: 3, export: 3, matrix: 5, agreement: 5, cli: 3, cliWarmup: 1, syncJoin: 2, syncLatency: 20 };
/**
 * Time limit of any one wait in the page. Chromium 150 (Debian's package from 2026-12-06) wrote
 * IndexedDB about ten times slower than 156 in the off-the-record profiles the bench used then:
 * W2's import took 169-179 s, and a run failed at the former 180 s. (The profiles are on disk now.)
 */
const TIMEOUT = QUICK ? 90_000 : 600_000;
/** Time limit of one first sync of W2 (a join that takes longer is reported as not measured). */
const SYNC_TIMEOUT = QUICK ? 120_000 : 900_000;
/** Time limit of the whole run. */
const TOTAL_LIMIT = (QUICK ? 240_000 : 60 * 60_000) + (RUN.w3 ? (QUICK ? W3_BUDGET.quick : W3_BUDGET.full) : 0);

const CACHE = join(ROOT, 'node_modules', '.cache', 'markeer-bench');
const DIST = join(CACHE, 'dist');

const started = performance.now();
const log = (msg: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

function commitId(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

interface Samples {
  [name: string]: number[];
}

async function benchW1(url: string, p: BenchProjects, files: BenchFiles, s: Samples, notes: string[]): Promise<Profile> {
  const profile = await newBenchProfile(url, files);
  for (const project of [p.w1, p.w1Baseline]) {
    const loaded = await loadProject(profile, project, { timeout: TIMEOUT, schema: p.schema });
    log(`loaded ${project.name} (${project.segments} segments) via ${loaded.via}${loaded.ms === null ? '' : ` in ${Math.round(loaded.ms)} ms`}`);
    if (loaded.via === 'database') notes.push(`${project.name}: the start screen has no "Import bundle" input (${'input[type=file][accept*=".markeer"]'}); records were written straight into IndexedDB.`);
  }
  log(`w1.open: ${REPS.open} fresh page loads`);
  const open = await measureOpen(profile, p.w1, REPS.open, TIMEOUT);
  s['w1.open.ms'] = open.map((o) => o.ms);
  s['w1.open.longestTask.ms'] = open.map((o) => o.longestTask);
  s['w1.domElements'] = open.map((o) => o.domElements);
  s['w1.heap.mb'] = open.map((o) => o.heapMb);
  log(`w1.open.baseline: ${REPS.open} fresh page loads`);
  const base = await measureOpen(profile, p.w1Baseline, REPS.open, TIMEOUT);
  s['w1.open.baseline.ms'] = base.map((o) => o.ms);
  s['w1.open.baseline.domElements'] = base.map((o) => o.domElements);
  // The app's own start (module evaluation, the workspace) without any coding: what of the longest task the codings add.
  s['w1.open.baseline.longestTask.ms'] = base.map((o) => o.longestTask);
  log(`w1.scroll: ${REPS.scroll} x top to bottom`);
  const scroll = await measureScroll(profile, p.w1, { reps: REPS.scroll, step: 200, timeout: TIMEOUT });
  s['w1.scroll.longestTask.ms'] = scroll.map((x) => x.longestTask);
  s['w1.scroll.longestFrame.ms'] = scroll.map((x) => x.longestFrame);
  log(`  scrolled ${scroll[0]?.scrollHeight ?? '?'} px in ${scroll[0]?.frames ?? '?'} frames`);
  log(`w1.apply: ${p.w1Workload.adds.length} selections, key "1"`);
  const apply = await measureApply(profile, p.w1, p.w1Workload.adds, p.w1Workload.text, TIMEOUT);
  s['w1.apply.ms'] = apply.map((a) => a.ms);
  const failed = apply.filter((a) => a.error);
  if (failed.length) notes.push(`w1.apply: ${failed.length} of ${apply.length} applications failed: ${failed.slice(0, 3).map((f) => `${f.id} ${f.error}`).join('; ')}`);
  return profile;
}

async function benchW2(url: string, p: BenchProjects, files: BenchFiles, s: Samples, notes: string[]): Promise<Profile> {
  let profile: Profile | null = null;
  s['w2.import.ms'] = [];
  for (let i = 0; i < REPS.import; i++) {
    if (profile) await profile.close();
    profile = await newBenchProfile(url, files);
    const loaded = await loadProject(profile, p.w2, { timeout: TIMEOUT, schema: p.schema });
    log(`w2.import ${i + 1}/${REPS.import}: via ${loaded.via}${loaded.ms === null ? '' : `, ${Math.round(loaded.ms)} ms`}`);
    if (loaded.ms !== null) s['w2.import.ms'].push(loaded.ms);
    if (loaded.via === 'database') {
      notes.push('w2.import: the start screen has no "Import bundle" input yet; W2 was written straight into IndexedDB and w2.import.ms is missing.');
      break;
    }
  }
  if (!profile) throw new Error('no profile');
  log(`w2.import.rawBulkPut: ${REPS.raw} x`);
  s['w2.import.rawBulkPut.ms'] = await measureRawBulkPut(() => newBenchProfile(url, files), p.w2, p.schema, REPS.raw);
  log(`w2.open: ${REPS.w2open} fresh page loads`);
  s['w2.open.ms'] = await measureProjectOpen(profile, p.w2, REPS.w2open, TIMEOUT);
  log(`w2.heap: ${REPS.heap} x`);
  s['w2.heap.mb'] = await measureHeap(profile, p.w2, REPS.heap, TIMEOUT);
  log(`w2.export: ${REPS.export} x`);
  const exported = await measureExport(profile, p.w2, REPS.export, TIMEOUT);
  let zipSource = readBytes(p.w2.bundle);
  if (exported === null) {
    notes.push('w2.export: no export control in the project header yet; w2.export.ms is missing (rawZip zips the entries of the benchmark\'s own W2 bundle).');
  } else {
    s['w2.export.ms'] = exported.map((e) => e.ms);
    const first = exported[0];
    const path = first ? await first.download.path() : null;
    if (path && existsSync(path)) zipSource = readBytes(path);
    log(`  exported ${exported[0]?.download.suggestedFilename() ?? '?'} (${zipSource.length} bytes)`);
  }
  const level = appZipLevel(readFileSync(join(ROOT, 'src', 'io', 'bundle', 'serialize.ts'), 'utf8'));
  log(`w2.export.rawZip: ${REPS.export} x (DEFLATE level ${level})`);
  s['w2.export.rawZip.ms'] = await measureRawZip(profile, zipSource, files, level, REPS.export);
  log(`w2.matrix: ${REPS.matrix} x (fresh load of the Matrices tab; click on the tab)`);
  const matrix = await measureMatrix(profile, p.w2, REPS.matrix, TIMEOUT);
  s['w2.matrix.ms'] = matrix.samples.map((m) => m.load);
  s['w2.matrix.tab.ms'] = matrix.samples.map((m) => m.tab);
  notes.push(...matrix.notes);
  log(`  ${matrix.samples[0]?.cells ?? '?'} counts above 0 in view`);
  log(`w2.agreement: ${REPS.agreement} x (open the dialog; tick the third coder)`);
  const agreement = await measureAgreement(profile, p.w2, p.w2.coders, REPS.agreement, TIMEOUT);
  s['w2.agreement.open.ms'] = agreement.samples.map((a) => a.open);
  s['w2.projectRead.ms'] = agreement.samples.map((a) => a.read);
  s['w2.agreement.ms'] = agreement.samples.map((a) => a.three);
  notes.push(...agreement.notes);
  log(`  ${p.w2.coders} coders, ${agreement.samples[0]?.codes ?? '?'} codes, ${agreement.samples[0]?.rows ?? '?'} code rows shown`);
  return profile;
}

async function benchSync(url: string, p: BenchProjects, files: BenchFiles, s: Samples, notes: string[], errors: string[]): Promise<void> {
  if (!RUN.w2) {
    // the base of sync.w2.firstSync.ratio: one import of the W2 bundle, as w2.import.ms measures it
    const profile = await newBenchProfile(url, files);
    try {
      const loaded = await loadProject(profile, p.w2, { timeout: TIMEOUT, schema: p.schema });
      log(`w2.import (base of the sync ratio): via ${loaded.via}${loaded.ms === null ? '' : `, ${Math.round(loaded.ms)} ms`}`);
      if (loaded.ms !== null) s['w2.import.ms'] = [loaded.ms];
      else notes.push('w2.import: the start screen has no "Import bundle" input; sync.w2.firstSync.ratio has no base.');
    } finally {
      errors.push(...profile.errors, ...profile.externalRequests.map((u) => `request left 127.0.0.1: ${u}`));
      await profile.close();
    }
  }
  log(`sync: W2 on a team server; ${REPS.syncJoin} first sync(s) into an empty profile, ${REPS.syncLatency} codings from one coder to another`);
  const r = await measureSync(url, p.w2, files, { joins: REPS.syncJoin, latencySamples: REPS.syncLatency, syncTimeout: SYNC_TIMEOUT, timeout: TIMEOUT, log });
  s['sync.w2.firstSync.ms'] = r.firstSync.map((x) => x.ms);
  s['sync.w2.firstSync.opened.ms'] = r.firstSync.map((x) => x.opened ?? Number.NaN);
  s['sync.w2.firstSync.documentList.ms'] = r.firstSync.map((x) => x.documentList ?? Number.NaN);
  s['sync.latency.ms'] = r.latency.map((x) => x.ms);
  s['sync.latency.local.ms'] = r.latency.map((x) => x.local ?? Number.NaN);
  s['sync.latency.server.ms'] = r.latency.map((x) => x.server ?? Number.NaN);
  notes.push(...r.notes);
  errors.push(...r.errors, ...r.externalRequests.map((u) => `request left 127.0.0.1: ${u}`));
  const med = (xs: number[]) => (xs.some(Number.isFinite) ? Math.round(median(xs)) : '?');
  if (r.latency.length) log(`  latency (median ms from the keydown): painted at the coder ${med(s['sync.latency.local.ms'])}, on the server ${med(s['sync.latency.server.ms'])}, painted at the other coder ${med(s['sync.latency.ms'])}`);
  for (const x of r.firstSync) if (x.trace.length) log(`  ${x.user} in IndexedDB (ms since the click: segments/codings): ${x.trace.map((t) => `${Math.round(t.t)}: ${t.segments}/${t.codings}`).join(', ')}`);
}

function summarise(s: Samples): Results {
  const med = (name: string) => (s[name]?.length ? median(s[name]) : null);
  const r: Results = {};
  for (const name of ['w1.open.ms', 'w1.open.baseline.ms']) r[name] = med(name);
  const open = r['w1.open.ms'];
  const base = r['w1.open.baseline.ms'];
  r['w1.open.ratio'] = open != null && base != null && base > 0 ? open / base : null;
  r['w1.apply.p50.ms'] = s['w1.apply.ms']?.length ? percentile(s['w1.apply.ms'], 50) : null;
  r['w1.apply.p95.ms'] = s['w1.apply.ms']?.length ? percentile(s['w1.apply.ms'], 95) : null;
  r['w1.apply.max.ms'] = s['w1.apply.ms']?.filter(Number.isFinite).length ? Math.max(...s['w1.apply.ms'].filter(Number.isFinite)) : null;
  for (const name of [
    'w1.open.longestTask.ms',
    'w1.open.baseline.longestTask.ms',
    'w1.domElements',
    'w1.heap.mb',
    'w1.scroll.longestTask.ms',
    'w1.scroll.longestFrame.ms',
    'w2.open.ms',
    'w2.import.ms',
    'w2.import.rawBulkPut.ms',
    'w2.export.ms',
    'w2.export.rawZip.ms',
    'w2.heap.mb',
    'w2.matrix.ms',
    'w2.matrix.tab.ms',
    'w2.agreement.ms',
    'w2.agreement.open.ms',
    'w2.projectRead.ms',
    'cli.agreement.ms',
    'cli.matrix.ms',
    'sync.w2.firstSync.ms',
    'sync.w2.firstSync.opened.ms',
    'sync.w2.firstSync.documentList.ms',
  ])
    r[name] = med(name);
  const first = r['sync.w2.firstSync.ms'];
  const imported = r['w2.import.ms'];
  r['sync.w2.firstSync.ratio'] = first != null && imported != null && imported > 0 ? first / imported : null;
  r['sync.latency.p50.ms'] = s['sync.latency.ms']?.length ? percentile(s['sync.latency.ms'], 50) : null;
  r['sync.latency.p95.ms'] = s['sync.latency.ms']?.length ? percentile(s['sync.latency.ms'], 95) : null;
  for (const [k, x] of Object.entries(r)) if (x !== null && !Number.isFinite(x)) r[k] = null;
  return { ...r, ...summariseW3(s, r) };
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench: the whole run took longer than ${TOTAL_LIMIT / 1000} s; giving up.`);
    process.exit(2);
  }, TOTAL_LIMIT);
  watchdog.unref();
  const commit = commitId(); // the code that is built and measured

  if (args.includes('--no-build') && existsSync(join(DIST, 'index.html'))) log(`reusing the build in ${DIST}`);
  else {
    log('vite build');
    buildApp(ROOT, DIST);
  }
  const js = initialJs(DIST);
  log(`first screen loads ${js.files.length} JS files: ${Math.round(js.bytes / 1024)} KiB, ${round1(js.gzipKb)} KiB gzipped (${js.method})`);

  log(`generating workloads${QUICK ? ' (quick: W1 at 1/10, W2 with 6 documents)' : ''}`);
  const p = await makeBenchProjects({ dir: join(CACHE, 'projects'), quick: QUICK, ...(W1_FILE ? { w1File: resolve(W1_FILE) } : {}) });
  log(
    `  W1 ${p.w1Workload.text.length} chars, ${p.w1.segments} codings${p.w1Canonical ? ' (textSha256 153e77eb…0472, as ../shared/bench)' : ''}; ` +
      `W2 ${p.w2.documentGuids.length} documents, ${p.w2.segments} segments, ${p.w2.codings} codings, bundle ${(p.w2.bundleBytes / 1048576).toFixed(1)} MiB (${Math.round(p.ms)} ms)`,
  );
  const files: BenchFiles = new Map();
  for (const project of [p.w1, p.w1Baseline, p.w2]) files.set(project.records.split('/').pop() ?? '', { path: project.records });

  const samples: Samples = {};
  const notes: string[] = [];
  const errors: string[] = [];
  const server = await startServer({ distDir: DIST });
  // each profile runs in a Chromium of its own (browser.ts); this one only says which Chromium that is
  const browser = await launchBrowser();
  const chromiumVersion = browser.version();
  await browser.close();
  const machine: Machine = { cpus: cpus().length, memoryGb: round1(totalmem() / 1073741824), chromium: chromiumVersion, node: process.version, profiles: BENCH_PROFILES };
  log(`serving ${server.url}; Chromium ${machine.chromium}`);
  try {
    if (RUN.w1) {
      const prof = await benchW1(server.url, p, files, samples, notes);
      errors.push(...prof.errors, ...prof.externalRequests.map((u) => `request left 127.0.0.1: ${u}`));
      await prof.close();
    }
    if (RUN.w2) {
      const prof = await benchW2(server.url, p, files, samples, notes);
      errors.push(...prof.errors, ...prof.externalRequests.map((u) => `request left 127.0.0.1: ${u}`));
      await prof.close();
    }
    if (RUN.sync) await benchSync(server.url, p, files, samples, notes, errors);
    if (RUN.w3) {
      const documents = QUICK ? W3_DOCUMENTS.quick : W3_DOCUMENTS.full;
      log(`generating W3 (${documents} documents)`);
      // a directory of its own: a quick run beside a full one does not overwrite the 1,200 documents
      const w3 = await makeW3Project({ dir: join(CACHE, QUICK ? 'projects-w3-quick' : 'projects-w3'), documents });
      log(`  W3 ${w3.project.documentGuids.length} documents, ${w3.characters} chars, ${w3.project.segments} segments, ${w3.project.codings} codings, bundle ${(w3.project.bundleBytes / 1048576).toFixed(1)} MiB (${Math.round(w3.ms)} ms)`);
      await benchW3({ url: server.url, w2: p.w2, w3: w3.project, schema: p.schema, files, quick: QUICK, log }, samples, notes, errors);
    }
  } finally {
    await server.close().catch(() => undefined);
  }
  if (RUN.w2) {
    // after the browser is closed, so that it does not share the machine with it
    log(`cli.agreement: ${REPS.cli} x (after ${REPS.cliWarmup} untimed) markeer agreement ${p.w2.bundle.split('/').pop() ?? ''} --json`);
    const cli = measureCliAgreement(ROOT, p.w2.bundle, p.w2.coders, { reps: REPS.cli, warmup: REPS.cliWarmup });
    samples['cli.agreement.ms'] = cli.map((c) => c.ms);
    log(`  ${cli[0]?.coders ?? '?'} coders, ${cli[0]?.codes ?? '?'} codes, ${cli[0]?.domains ?? '?'} domains`);
    log(`cli.matrix: ${REPS.cli} x (after ${REPS.cliWarmup} untimed) markeer matrix ${p.w2.bundle.split('/').pop() ?? ''} --json`);
    const matrix = measureCliMatrix(ROOT, p.w2.bundle, p.w2.documentGuids.length, { reps: REPS.cli, warmup: REPS.cliWarmup });
    samples['cli.matrix.ms'] = matrix.map((m) => m.ms);
    log(`  ${matrix[0]?.rows ?? '?'} codes x ${matrix[0]?.columns ?? '?'} documents, ${matrix[0]?.filled ?? '?'} cells above 0`);
  }

  const results = summarise(samples);
  results['bundle.initialJs.gzipKb'] = js.gzipKb;
  const date = new Date().toISOString();
  console.log(`\n${table(results, { quick: QUICK })}\n`);
  for (const n of notes) console.log(`note: ${n}`);
  for (const e of [...new Set(errors)].slice(0, 20)) console.log(`app error: ${e}`);
  console.log(
    `samples: ${Object.entries(samples)
      .map(([k, xs]) => `${k} [${xs.map((x) => (Number.isFinite(x) ? Math.round(x) : 'x')).join(', ')}]`)
      .join('; ')}`,
  );

  const out = join(ROOT, 'bench', 'results', QUICK ? 'latest-quick.json' : 'latest.json');
  const partial = ONLY !== undefined || W1_FILE !== undefined;
  if (partial && !QUICK) log('--only/--workload: not writing latest.json or the history');
  else {
    writeResults(out, date, machine, results);
    log(`wrote ${out}`);
    if (!QUICK) {
      appendHistory(join(ROOT, 'docs', 'BENCHMARKS.md'), { date, commit, machine, results });
      log('added a row to docs/BENCHMARKS.md');
    }
  }
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'last-run.json'), JSON.stringify({ date, machine, quick: QUICK, results, samples, notes, errors, initialJs: js }, null, 2));
  clearTimeout(watchdog);
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
