/**
 * The figures, their targets (issue 3; the sync figures: issue 14) and what other browser
 * components reach on W1 (../shared/bench/README.md, measured 2026-11-22 on the same kind of
 * machine); the printed table, bench/results/latest.json and the history table in
 * docs/BENCHMARKS.md (whose header names the columns of `appendHistory`'s row).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { W3_FIGURES, w3HistoryCells } from './report-w3';
import { atMost, figure, round1 } from './stats';

export type Results = Record<string, number | null>;

interface Figure {
  readonly name: string;
  readonly what: string;
  /** Target text and check; check null when a figure it needs is missing. */
  readonly target?: { readonly text: string; readonly met: (r: Results) => boolean | null };
  /** plain <p> text, Recogito text-annotator, Lexical MarkNodes, CSS Custom Highlight API. */
  readonly peers?: readonly (number | null)[];
}

const v = figure;
const atMostTimes = (name: string, factor: number, base: string, limit = Infinity) => (r: Results) => {
  const x = v(r, name);
  const b = v(r, base);
  return x === null || b === null ? null : x <= factor * b && x <= limit;
};

const below = (name: string, limit: number) => (r: Results) => {
  const x = v(r, name);
  return x === null ? null : x < limit;
};

export const PEER_NAMES = ['plain text', 'Recogito 4.1', 'Lexical 0.52 marks', 'CSS highlights'] as const;

export const FIGURES: readonly Figure[] = [
  { name: 'w1.open.ms', what: 'open W1 document to highlights painted', target: { text: '≤ 1,000 and ≤ 2 × baseline', met: atMostTimes('w1.open.ms', 2, 'w1.open.baseline.ms', 1000) }, peers: [284, 3862, 965, 336] },
  { name: 'w1.open.baseline.ms', what: 'same text, no codings', peers: [284, null, null, null] },
  // Issue 15 tightened these (issue 3: ratio ≤ 2, apply p95 ≤ 50).
  { name: 'w1.open.ratio', what: 'open / baseline', target: { text: '≤ 1.3', met: atMost('w1.open.ratio', 1.3) }, peers: [1.0, 13.6, 3.4, 1.2] },
  { name: 'w1.open.longestTask.ms', what: 'longest task while opening', target: { text: '≤ 50', met: atMost('w1.open.longestTask.ms', 50) }, peers: [0, 3251, 538, 0] },
  { name: 'w1.open.baseline.longestTask.ms', what: 'longest task opening the uncoded baseline', peers: [null, null, null, null] },
  { name: 'w1.domElements', what: 'DOM elements after open', peers: [947, 1063, 33780, 948] },
  { name: 'w1.heap.mb', what: 'JS heap after open (MiB)', peers: [3.1, 15.1, 19.8, 3.2] },
  { name: 'w1.apply.p50.ms', what: 'key on selection to painted, median', peers: [null, 26, 16, 32] },
  { name: 'w1.apply.p95.ms', what: 'key on selection to painted, p95', target: { text: '≤ 20', met: atMost('w1.apply.p95.ms', 20) }, peers: [null, 29, 23, 43] },
  { name: 'w1.apply.max.ms', what: 'key on selection to painted, slowest', target: { text: '≤ 33', met: atMost('w1.apply.max.ms', 33) } },
  { name: 'w1.scroll.longestTask.ms', what: 'longest task scrolling top to bottom', target: { text: '≤ 100', met: atMost('w1.scroll.longestTask.ms', 100) } },
  { name: 'w1.scroll.longestFrame.ms', what: 'longest frame gap scrolling' },
  { name: 'w2.open.ms', what: 'open W2 project to document list', target: { text: '≤ 500', met: atMost('w2.open.ms', 500) } },
  { name: 'w2.import.ms', what: 'import W2 bundle to project shown', target: { text: '≤ 2 × rawBulkPut', met: atMostTimes('w2.import.ms', 2, 'w2.import.rawBulkPut.ms') } },
  { name: 'w2.import.rawBulkPut.ms', what: 'same records, plain Dexie bulkPut' },
  { name: 'w2.export.ms', what: 'export click to download', target: { text: '≤ 1.5 × rawZip', met: atMostTimes('w2.export.ms', 1.5, 'w2.export.rawZip.ms') } },
  { name: 'w2.export.rawZip.ms', what: 'same bytes, plain JSZip' },
  { name: 'w2.heap.mb', what: 'JS heap, W2 + one document (MiB)', target: { text: '≤ 400', met: atMost('w2.heap.mb', 400) } },
  // No targets in issue 3 for these (added by later issues): reported, never checked.
  { name: 'w2.matrix.ms', what: 'load Matrices tab to code x document grid' },
  { name: 'w2.matrix.tab.ms', what: 'Matrices tab click to grid (project read)', target: { text: '≤ 300', met: atMost('w2.matrix.tab.ms', 300) } },
  { name: 'w2.agreement.ms', what: 'agreement, all codes: 3rd coder to figures', target: { text: '≤ 300', met: atMost('w2.agreement.ms', 300) } },
  { name: 'w2.agreement.open.ms', what: 'agreement dialog open to 2-coder figures', target: { text: '≤ 300', met: atMost('w2.agreement.open.ms', 300) } },
  { name: 'w2.projectRead.ms', what: 'page load to the whole project in memory (read ahead when idle)' },
  // Issue 15: the command line's start, reading the W2 bundle and computing, in a new Node process.
  { name: 'cli.agreement.ms', what: 'markeer agreement W2 --json, wall time', target: { text: '≤ 1,000', met: atMost('cli.agreement.ms', 1000) } },
  { name: 'cli.matrix.ms', what: 'markeer matrix W2 --json, wall time', target: { text: '≤ 1,000', met: atMost('cli.matrix.ms', 1000) } },
  // Live team sync (issue 14): W2 on a team server on loopback, joined from an empty profile.
  { name: 'sync.w2.firstSync.ms', what: 'join W2 from empty browser to all in IndexedDB', target: { text: '≤ 3 × w2.import', met: atMostTimes('sync.w2.firstSync.ms', 3, 'w2.import.ms') } },
  { name: 'sync.w2.firstSync.ratio', what: 'first sync / import of the W2 bundle', target: { text: '≤ 3', met: atMost('sync.w2.firstSync.ratio', 3) } },
  { name: 'sync.w2.firstSync.opened.ms', what: 'join click to project shown' },
  { name: 'sync.w2.firstSync.documentList.ms', what: 'join click to all documents listed' },
  { name: 'sync.latency.p50.ms', what: 'key at one coder to painted at another, median' },
  { name: 'sync.latency.p95.ms', what: 'key at one coder to painted at another, p95', target: { text: '< 1,000', met: below('sync.latency.p95.ms', 1000) } },
  // W3 = W2 ten times over (issue 15): report-w3.ts
  ...W3_FIGURES,
  { name: 'bundle.initialJs.gzipKb', what: 'first-screen JS, gzipped (KiB)', target: { text: '≤ 350', met: atMost('bundle.initialJs.gzipKb', 350) } },
];

const fmt = (x: number | null | undefined): string => {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const r = Math.abs(x) >= 100 ? Math.round(x) : round1(x);
  return r.toLocaleString('en-US');
};

export function table(results: Results, opts: { quick: boolean }): string {
  const rows: string[][] = [['figure', 'Markeer', 'target', 'met', ...PEER_NAMES]];
  for (const f of FIGURES) {
    const met = f.target?.met(results);
    rows.push([
      f.name,
      fmt(results[f.name]),
      f.target?.text ?? '',
      met === undefined ? '' : met === null ? '?' : met ? (opts.quick ? 'yes*' : 'yes') : opts.quick ? 'no*' : 'NO',
      ...PEER_NAMES.map((_, i) => fmt(f.peers?.[i])),
    ]);
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const line = (r: string[]) => r.map((cell, c) => (c === 0 || c === 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  const out = [line(rows[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  out.push('', 'Other components: ../shared/bench/README.md (bare components on a static page, W1, Chromium 156, 2 cores).');
  if (opts.quick) out.push('* quick run: small workloads, so the targets do not apply; only that the benchmark works.');
  return out.join('\n');
}

export interface Machine {
  readonly cpus: number;
  readonly memoryGb: number;
  readonly chromium: string;
  readonly node: string;
  /** Where the profiles keep IndexedDB: 'disk' since the seventh session of issue 15 (before: in memory, off the record). */
  readonly profiles?: 'disk' | 'memory';
}

export function writeResults(path: string, date: string, machine: Machine, results: Results): void {
  mkdirSync(dirname(path), { recursive: true });
  const names = [...FIGURES.map((f) => f.name).filter((n) => n in results), ...Object.keys(results).filter((n) => !FIGURES.some((f) => f.name === n))];
  const rounded = Object.fromEntries(names.map((k) => [k, results[k] == null || !Number.isFinite(results[k]) ? null : round1(results[k] as number)]));
  writeFileSync(path, `${JSON.stringify({ date, machine, results: rounded }, null, 2)}\n`);
}

export const HISTORY_END = '<!-- bench:history:end -->';

/** Appends a row to the history table of docs/BENCHMARKS.md (just before the end marker). */
export function appendHistory(path: string, row: { date: string; commit: string; machine: Machine; results: Results }): void {
  if (!existsSync(path)) throw new Error(`${path} is missing`);
  const doc = readFileSync(path, 'utf8');
  const r = row.results;
  const pair = (a: string, b: string) => `${fmt(r[a])} / ${fmt(r[b])}`;
  const cells = [
    row.date.slice(0, 10),
    `\`${row.commit}\``,
    `${row.machine.cpus} cpu, Chromium ${row.machine.chromium.split('.')[0]}${row.machine.profiles === 'disk' ? ', profiles on disk' : ''}`,
    pair('w1.open.ms', 'w1.open.baseline.ms'),
    pair('w1.apply.p50.ms', 'w1.apply.p95.ms'),
    fmt(r['w1.scroll.longestTask.ms']),
    fmt(r['w2.open.ms']),
    pair('w2.import.ms', 'w2.import.rawBulkPut.ms'),
    pair('w2.export.ms', 'w2.export.rawZip.ms'),
    fmt(r['w2.heap.mb']),
    fmt(r['bundle.initialJs.gzipKb']),
    pair('w2.matrix.ms', 'w2.matrix.tab.ms'),
    pair('w2.agreement.ms', 'w2.agreement.open.ms'),
    fmt(r['cli.agreement.ms']),
    `${fmt(r['sync.w2.firstSync.ms'])} (${fmt(r['sync.w2.firstSync.ratio'])}x)`,
    pair('sync.latency.p50.ms', 'sync.latency.p95.ms'),
    ...w3HistoryCells(r, fmt),
  ];
  const newRow = `| ${cells.join(' | ')} |`;
  const at = doc.indexOf(HISTORY_END);
  const next = at < 0 ? `${doc.trimEnd()}\n${newRow}\n` : `${doc.slice(0, at)}${newRow}\n${doc.slice(at)}`;
  writeFileSync(path, next);
}
