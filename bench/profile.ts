/**
 * Where the time of one benchmark step goes: runs the step once in headless Chromium with the
 * CPU profiler on (CDP, 100 µs sampling) and prints the functions with the most self time and
 * total time, grouped by function and file. The profiles behind docs/BENCHMARKS.md's explanations
 * come from here. Writes the .cpuprofile next to the bench cache (open it in Chromium's DevTools).
 *
 *   npx tsx bench/profile.ts matrix [--no-build] [--quick] [--tab] [--w3]  W2 (or W3): workspace open, then to the Matrices tab
 *     (--tab: as w2.matrix.tab.ms, the Analysis screen's Documents tab, then a click on the Matrices tab;
 *     the clicks before the profiled one are printed, unprofiled)
 *   npx tsx bench/profile.ts agreement [--no-build] [--quick] [--w3] [--third [--trace]]  W2 (or W3, written with bulkPut): the agreement dialog from the Project menu
 *     (--third: the dialog opened, the click that ticks the third coder; the worker's own time is
 *     not in the page's profile: the figure less the page's busy time is about what it took)
 *   npx tsx bench/profile.ts apply [--no-build] [--quick]      W1: 20 of the `adds` coded with key "1"
 *   npx tsx bench/profile.ts open [--no-build] [--baseline]    W1: a fresh load of the coded document (or the uncoded baseline)
 *   npx tsx bench/profile.ts scroll [--no-build]              W1: the coded document scrolled through as w1.scroll.longestTask.ms
 *     does; with --trace, each task of 50 ms or more is printed with what it spent its time on
 *   npx tsx bench/profile.ts project [--no-build] [--w3]     W2 (or W3, written with bulkPut): a fresh load of the project until every document is a link
 *   npx tsx bench/profile.ts export [--no-build]            W2: the full bundle, from the dialog's export button to the download
 *     (the zip workers are not in the page's profile; the app's `markeer:export-*` marks are printed)
 *   --trace (apply, open, project, scroll, agreement --third): also a Chromium timeline trace, <scenario>-trace.json
 */
import { writeFileSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startServer } from '../tests/e2e/harness';
import { loadProject, newBenchProfile, openPage, settle, waitForMark, writeRecordsDirectly, type BenchFiles, type Profile } from './browser';
import { buildApp } from './build';
import { AGREEMENT_UI } from './measure-analysis';
import { EXPORT_UI } from './measure-w2';
import { openDocument, scrollThrough, type ScrollSample } from './measure-w1';
import { makeBenchProjects, makeW3Project, ROOT, W3_DOCUMENTS } from './projects';
import { startFileServer } from './file-server';
import type { BenchWindow } from './page-hooks';

const args = process.argv.slice(2);
const scenario = args[0] ?? 'matrix';
const quick = args.includes('--quick');
const CACHE = join(ROOT, 'node_modules', '.cache', 'markeer-bench');
// Not minified, so that the profile names the functions as the source does.
const DIST = join(CACHE, 'dist-profile');

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
  hitCount?: number;
}
interface CpuProfile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function summarise(p: CpuProfile, top = Number(process.env.TOP ?? 25)): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000));
  const key = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id);
    if (!n) continue;
    selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at) as Node);
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + ms);
    }
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${k}`)
      .join('\n');
  return `self time:\n${rows(selfBy)}\ntotal time:\n${rows(totalBy)}`;
}

async function profiled<T>(page: Page, what: () => Promise<T>): Promise<{ value: T; profile: CpuProfile }> {
  // --no-profile: the step's time without the profiler's cost
  if (args.includes('--no-profile')) return { value: await what(), profile: { nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 } };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const value = await what();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.detach();
  return { value, profile };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { functionName?: string; url?: string; type?: string } };
}

/**
 * The renderer main thread's tasks of 50 ms or more in a Chromium trace, each with the events
 * inside it that took the most time (by name; a function call with its function).
 */
function longTasks(trace: { traceEvents: TraceEvent[] }): string {
  const events = trace.traceEvents;
  // the page's renderer: of the renderer main threads (one per renderer), the one with the most events
  const threads = events.filter((e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain');
  const count = (t: TraceEvent) => events.filter((e) => e.pid === t.pid && e.tid === t.tid).length;
  const main = threads.map((t) => ({ t, n: count(t) })).sort((a, b) => b.n - a.n)[0]?.t;
  if (!main) return 'no renderer main thread in the trace';
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = mine.filter((e) => e.name === 'RunTask' && (e.dur as number) >= 50_000);
  return tasks
    .map((task) => {
      const end = task.ts + (task.dur as number);
      const inside = new Map<string, number>();
      for (const e of mine) {
        if (e === task || e.ts < task.ts || e.ts >= end) continue;
        const d = e.args?.data;
        const name = d?.functionName || d?.type ? `${e.name} ${d.functionName ?? d.type ?? ''} ${(d.url ?? '').split('/').pop() ?? ''}` : e.name;
        inside.set(name, (inside.get(name) ?? 0) + (e.dur as number) / 1000);
      }
      const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 12);
      return `task of ${((task.dur as number) / 1000).toFixed(1)} ms:\n${top.map(([n, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${n}`).join('\n')}`;
    })
    .join('\n') || 'no task of 50 ms or more';
}

async function appMark(page: Page, name: string, after: number, timeout = 120_000): Promise<number> {
  const h = await page.waitForFunction(
    ({ name, after }) => performance.getEntriesByName(name).find((e) => e.startTime > after)?.startTime ?? null,
    { name, after },
    { timeout, polling: 20 },
  );
  return (await h.jsonValue()) as number;
}

async function main(): Promise<void> {
  if (!(args.includes('--no-build') && existsSync(join(DIST, 'index.html')))) buildApp(ROOT, DIST, ['--minify', 'false']);
  const p = await makeBenchProjects({ dir: join(CACHE, 'projects'), quick });
  const files: BenchFiles = new Map();
  for (const project of [p.w1, p.w1Baseline, p.w2]) files.set(project.records.split('/').pop() ?? '', { path: project.records });
  const server = await startServer({ distDir: DIST });
  let profile: Profile | null = null;
  try {
    const w3 = (scenario === 'project' || scenario === 'agreement' || scenario === 'matrix') && args.includes('--w3') ? (await makeW3Project({ dir: join(CACHE, 'projects-w3'), documents: W3_DOCUMENTS.full })).project : null;
    // W3's 377 MB of records come from a file server on loopback (as in measure-w3.ts)
    if (w3) files.set(w3.records.split('/').pop() ?? '', { path: w3.records });
    const fileServer = w3 ? await startFileServer(files) : null;
    profile = await newBenchProfile(server.url, files, fileServer ? { allowOrigins: [fileServer.url] } : {});
    const w = scenario === 'apply' || scenario === 'open' || scenario === 'scroll' ? p.w1 : (w3 ?? p.w2);
    if (w3 && fileServer) {
      await profile.context.grantPermissions(['local-network-access'], { origin: new URL(server.url).origin });
      try {
        const ms = await writeRecordsDirectly(profile.home, w3, p.schema, 'markeer', { base: fileServer.url, timeout: 900_000 });
        console.log(`W3 written with bulkPut in ${Math.round(ms)} ms`);
      } finally {
        await fileServer.close();
      }
    } else await loadProject(profile, w, { timeout: 600_000, schema: p.schema });
    const hash = `#/p/${w.projectGuid}`;
    let result: { value: number; profile: CpuProfile };
    if (scenario === 'project') {
      // a first load warms the caches as the bench's first of several loads does
      await (await openPage(profile, hash, { timeout: 300_000 })).close();
      const page = await profile.context.newPage();
      if (args.includes('--trace')) await profile.browser.startTracing(page, { path: join(CACHE, 'project-trace.json'), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
      result = await profiled(page, async () => {
        await page.goto(`${server.url}${hash}`);
        const h = await page.waitForFunction(
          (n) => (document.querySelectorAll('.pane-documents a').length >= n ? performance.now() : null),
          w.documentGuids.length,
          { timeout: 300_000, polling: 20 },
        );
        return (await h.jsonValue()) as number;
      });
      if (args.includes('--trace')) await profile.browser.stopTracing();
      // --linger: what the page does in the seconds after (counts, read-ahead), for its errors
      if (args.includes('--linger')) await settle(page, 20_000);
      // --heap-loads: then three loads as the bench's heap step makes them (a document open, the
      // whole project read, then the page closed), for their errors
      if (args.includes('--heap-loads')) {
        const first = w.documentGuids[0] ?? '';
        for (let i = 0; i < 3; i++) {
          const before = profile.errors.length;
          const load = await openPage(profile, hash, { timeout: 300_000 });
          await load.locator(`.pane-documents a[href$="${first}"]`).click({ timeout: 300_000 });
          await load.waitForFunction(() => performance.getEntriesByName('markeer:project-read').length > 0, null, { timeout: 300_000, polling: 100 });
          await settle(load, 500);
          await load.close();
          await settle(page, 1000);
          console.log(`heap-like load ${i + 1}: ${profile.errors.length - before} errors`);
        }
      }
    } else if (scenario === 'matrix' && args.includes('--tab')) {
      // as w2.matrix.tab.ms: the Analysis screen on its Documents tab, the project read, then a click on the Matrices tab
      const tab = async (profiled_: boolean) => {
        const page = await openPage(profile as Profile, `${hash}/a/documents`, { timeout: 120_000 });
        await page.waitForFunction(() => document.querySelector('#analysis-panel > .loading') === null && (document.querySelector('#analysis-panel')?.childElementCount ?? 0) > 0, null, { timeout: 120_000, polling: 50 });
        await settle(page, 500);
        const click = async () => {
          const before = await page.evaluate(() => performance.now());
          await page.locator('#analysis-tab-matrix').click();
          return (await appMark(page, 'markeer:matrix-ready', before)) - before;
        };
        const r = profiled_ ? await profiled(page, click) : { value: await click(), profile: { nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 } };
        console.log(`tab click to matrix: ${r.value.toFixed(0)} ms`);
        await page.close();
        return r;
      };
      for (let i = 0; i < Number(process.env.REPS ?? 4); i++) await tab(false);
      result = await tab(true);
    } else if (scenario === 'matrix') {
      const page = await openPage(profile, hash, { timeout: 120_000 });
      await page.waitForFunction((n) => document.querySelectorAll('.pane-documents a').length >= n, w.documentGuids.length, { timeout: 120_000 });
      await settle(page, 8000);
      result = await profiled(page, async () => {
        const before = await page.evaluate(() => {
          const t = performance.now();
          location.hash = location.hash.replace(/\/?$/, '/a/matrix');
          return t;
        });
        return (await appMark(page, 'markeer:matrix-ready', before)) - before;
      });
    } else if (scenario === 'agreement') {
      const page = await openPage(profile, hash, { timeout: 120_000 });
      await page.waitForFunction((n) => document.querySelectorAll('.pane-documents a').length >= n, w.documentGuids.length, { timeout: 300_000 });
      // As the bench: the click comes after the workspace has read the whole project (W3: many seconds)
      await page.waitForFunction(() => performance.getEntriesByName('markeer:project-read')[0]?.startTime ?? null, null, { timeout: 300_000, polling: 100 });
      await settle(page, 8000);
      await page.locator(AGREEMENT_UI.menu).click();
      await page.locator(AGREEMENT_UI.open).first().waitFor();
      const openDialog = async () => {
        const before = await page.evaluate(() => performance.now());
        await page.locator(AGREEMENT_UI.open).first().click();
        return (await appMark(page, 'markeer:agreement-ready', before)) - before;
      };
      if (args.includes('--third')) {
        console.log(`dialog open: ${(await openDialog()).toFixed(0)} ms`);
        await settle(page, 1000);
        const checks = page.locator(AGREEMENT_UI.coderChecks);
        let third = -1;
        for (let c = 0; c < (await checks.count()); c++) if (!(await checks.nth(c).isChecked())) third = c;
        if (third < 0) throw new Error('every coder is ticked already');
        const tracePath = join(CACHE, 'agreement-trace.json');
        if (args.includes('--trace')) await profile.browser.startTracing(page, { path: tracePath, categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
        result = await profiled(page, async () => {
          const before = await page.evaluate(() => performance.now());
          await checks.nth(third).click();
          return (await appMark(page, 'markeer:agreement-ready', before)) - before;
        });
        if (args.includes('--trace')) {
          await profile.browser.stopTracing();
          console.log(longTasks(JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] }));
        }
      } else result = await profiled(page, openDialog);
    } else if (scenario === 'export') {
      // an untimed export first, as the bench's first of three is one after the project opened
      const exportOnce = async (profiled_: boolean) => {
        const page = await openPage(profile as Profile, hash, { timeout: 120_000 });
        await page.locator('.pane-documents a').first().waitFor({ timeout: 120_000 });
        await page.locator(EXPORT_UI.menu).click();
        await page.locator(EXPORT_UI.open).first().click();
        const confirm = page.locator(EXPORT_UI.confirm).first();
        await confirm.waitFor();
        await settle(page, 200);
        const run = async () => {
          const downloaded = page.waitForEvent('download', { timeout: 300_000 });
          const before = await page.evaluate(() => performance.now());
          await confirm.click();
          await downloaded;
          const after = await page.evaluate(() => performance.now());
          const marks = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('markeer:export')).map((m) => [m.name, m.startTime] as const));
          console.log(`export ${(after - before).toFixed(0)} ms; marks from the click: ${marks.map(([n, t]) => `${n.replace('markeer:export-', '')} ${(t - before).toFixed(0)}`).join(', ')}`);
          return after - before;
        };
        const r = profiled_ ? await profiled(page, run) : { value: await run(), profile: { nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 } };
        await settle(page, 300);
        await page.close();
        return r;
      };
      await exportOnce(false);
      for (let i = 0; i < Number(process.env.REPS ?? 2); i++) await exportOnce(false);
      result = await exportOnce(true);
    } else if (scenario === 'scroll') {
      const { page } = await openDocument(profile, w, { timeout: 120_000, heap: false });
      await settle(page, 500);
      const tracePath = join(CACHE, 'scroll-trace.json');
      if (args.includes('--trace')) await profile.browser.startTracing(page, { path: tracePath, categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
      let sample: ScrollSample | null = null;
      result = await profiled(page, async () => {
        sample = await scrollThrough(page, 200, 120_000);
        return sample.longestTask;
      });
      if (args.includes('--trace')) {
        await profile.browser.stopTracing();
        console.log(longTasks(JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] }));
      }
      console.log(`scroll: ${JSON.stringify(sample)}`);
    } else if (scenario === 'open') {
      // --baseline: the same text uncoded (w1.open.baseline.ms)
      const open = args.includes('--baseline') ? p.w1Baseline : w;
      if (open !== w) await loadProject(profile, open, { timeout: 600_000, schema: p.schema });
      const page = await profile.context.newPage();
      if (args.includes('--trace')) await profile.browser.startTracing(page, { path: join(CACHE, 'open-trace.json'), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
      result = await profiled(page, async () => {
        await page.goto(`${server.url}#/p/${open.projectGuid}/d/${open.documentGuids[0]}`);
        return appMark(page, 'markeer:highlights-painted', -1);
      });
      if (args.includes('--trace')) await profile.browser.stopTracing();
    } else {
      const page = await openPage(profile, `${hash}/d/${w.documentGuids[0]}`, { timeout: 120_000 });
      await waitForMark(page, { segments: w.segments, painted: 1, complete: true }, 120_000);
      await settle(page, 1000);
      const times: number[] = [];
      const keysOnly = args.includes('--keys');
      const keyProfiles: CpuProfile[] = [];
      const keysCdp = keysOnly ? await page.context().newCDPSession(page) : null;
      if (keysCdp) {
        await keysCdp.send('Profiler.enable');
        await keysCdp.send('Profiler.setSamplingInterval', { interval: 50 });
      }
      if (args.includes('--trace')) await profile.browser.startTracing(page, { path: join(CACHE, 'apply-trace.json'), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
      result = await profiled(page, async () => {
        for (const add of p.w1Workload.adds.slice(0, 20)) {
          await page.evaluate(({ start, end }) => {
            const spans = [...document.querySelectorAll<HTMLElement>('span[data-s]')];
            const at = (o: number) => {
              let lo = 0;
              for (const s of spans) if (Number(s.dataset.s) <= o) lo = spans.indexOf(s);
              const s = spans[lo] as HTMLElement;
              return { node: s.firstChild as Text, offset: o - Number(s.dataset.s) };
            };
            const a = at(start);
            const b = at(end);
            a.node.parentElement?.scrollIntoView({ block: 'center' });
            const r = document.createRange();
            r.setStart(a.node, a.offset);
            r.setEnd(b.node, b.offset);
            const sel = document.getSelection();
            sel?.removeAllRanges();
            sel?.addRange(r);
          }, add);
          await settle(page, 150);
          // What the highlights hold now: the painted window follows the scrolling, so the last mark's count is stale.
          const before = await page.evaluate(() => {
            let n = 0;
            CSS.highlights.forEach((h, name) => {
              if (String(name).startsWith('mk-code-')) n += h.size;
            });
            return n;
          });
          const t0 = await page.evaluate(() => performance.now());
          // --keys: the profile holds only the moments from the key to the paint
          if (keysOnly) await keysCdp?.send('Profiler.start');
          await page.keyboard.press('1');
          const h = await page.waitForFunction(
            ({ before, t0 }) => {
              const b = (window as unknown as BenchWindow).__bench;
              const m = b?.marks.find((x) => x.t > t0 && x.painted > before);
              const k = b?.keydowns.find((x) => x.t > t0)?.t;
              return m && k ? m.t - k : null;
            },
            { before, t0 },
            { polling: 20, timeout: 20_000 },
          ).catch(async (e: unknown) => {
            console.log(JSON.stringify(await page.evaluate(() => { const b = (window as unknown as BenchWindow).__bench; return { marks: b?.marks.slice(-3), keys: b?.keydowns.slice(-3), sel: document.getSelection()?.toString().slice(0, 40), active: document.activeElement?.className }; })));
            throw e;
          });
          times.push((await h.jsonValue()) as number);
          if (keysOnly && keysCdp) keyProfiles.push(((await keysCdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile);
        }
        return times.reduce((a, b) => a + b, 0) / times.length;
      });
      if (args.includes('--trace')) await profile.browser.stopTracing();
      console.log(`apply samples: ${times.map((t) => t.toFixed(1)).join(', ')}`);
      if (keysOnly) for (const kp of keyProfiles.slice(0, 3)) console.log(`--- one key:\n${summarise(kp, 25)}`);
    }
    console.log(`${scenario}: ${result.value.toFixed(1)} ms`);
    console.log(summarise(result.profile));
    mkdirSync(CACHE, { recursive: true });
    const out = join(CACHE, `${scenario}.cpuprofile`);
    writeFileSync(out, JSON.stringify(result.profile));
    console.log(`wrote ${out}`);
    if (profile.errors.length) console.log(`app errors:\n${profile.errors.join('\n')}`);
  } finally {
    await profile?.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
