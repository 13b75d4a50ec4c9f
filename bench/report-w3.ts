/**
 * W3's figures for the report (report.ts spreads W3_FIGURES into its table): the W3 figures, the
 * W2 figures they are compared with, their growth W2 → W3 (W3 / W2, `w3.<figure>.growth`) and the
 * targets of issue 15, reported, never enforced.
 */
import { atMost, figure, median, percentile } from './stats';

type Results = Record<string, number | null>;

const v = figure;
/** At most `factor` × `base` and below `limit`. */
const timesAndBelow = (name: string, factor: number, base: string, limit: number) => (r: Results) => {
  const x = v(r, name);
  const b = v(r, base);
  return x === null || b === null ? null : x <= factor * b && x < limit;
};

/**
 * "Unchanged from W2": W3 / W2 at most this. Runs on the reference machine vary by about ±30 %,
 * so a growth within that is "unchanged".
 */
export const UNCHANGED = 1.3;

/** Pairs [W3 figure, W2 figure] whose quotient is the growth `w3.<figure>.growth`. */
export const W3_GROWTH: readonly (readonly [string, string])[] = [
  ['w3.import.ms', 'w2.import.ms'],
  ['w3.import.rawBulkPut.ms', 'w2.import.rawBulkPut.ms'],
  ['w3.open.ms', 'w2.open.ms'],
  ['w3.openDocument.ms', 'w2.openDocument.ms'],
  ['w3.apply.p50.ms', 'w2.apply.p50.ms'],
  ['w3.apply.p95.ms', 'w2.apply.p95.ms'],
  ['w3.matrix.ms', 'w2.matrix.ms'],
  ['w3.matrix.tab.ms', 'w2.matrix.tab.ms'],
  ['w3.agreement.ms', 'w2.agreement.ms'],
  ['w3.agreement.open.ms', 'w2.agreement.open.ms'],
  ['w3.export.ms', 'w2.export.ms'],
  ['w3.export.rawZip.ms', 'w2.export.rawZip.ms'],
  ['w3.heap.mb', 'w2.heap.mb'],
  ['w3.idb.mb', 'w2.idb.mb'],
];

export const growthName = (w3: string): string => `${w3.replace(/\.(ms|mb)$/, '')}.growth`;

const growth = (w3: string, what: string, target?: { text: string; met: (r: Results) => boolean | null }) => ({ name: growthName(w3), what: `  growth W2 → W3: ${what}`, ...(target ? { target } : {}) });
const unchanged = (w3: string) => ({ text: `≤ ${UNCHANGED} (unchanged)`, met: atMost(growthName(w3), UNCHANGED) });

/** Rows of the printed table (same shape as report.ts's figures). */
export const W3_FIGURES = [
  { name: 'w3.import.ms', what: 'import W3 bundle (1,200 documents) to project shown' },
  { name: 'w3.import.rawBulkPut.ms', what: 'same records, plain Dexie bulkPut' },
  { name: 'w3.import.ratio', what: 'W3 import / rawBulkPut (W2: ≤ 2)', target: { text: '≤ 2 (as W2)', met: atMost('w3.import.ratio', 2) } },
  growth('w3.import.ms', 'import'),
  growth('w3.import.rawBulkPut.ms', 'plain Dexie bulkPut'),
  { name: 'w3.open.ms', what: 'open W3 project to all 1,200 documents listed' },
  growth('w3.open.ms', 'open project', unchanged('w3.open.ms')),
  { name: 'w2.openDocument.ms', what: 'open one W2 document to highlights painted' },
  { name: 'w3.openDocument.ms', what: 'open one W3 document to highlights painted' },
  growth('w3.openDocument.ms', 'open document', unchanged('w3.openDocument.ms')),
  { name: 'w2.apply.p50.ms', what: 'W2 document: key on selection to painted, median' },
  { name: 'w2.apply.p95.ms', what: 'W2 document: key on selection to painted, p95' },
  { name: 'w3.apply.p50.ms', what: 'W3 document: key on selection to painted, median' },
  { name: 'w3.apply.p95.ms', what: 'W3 document: key on selection to painted, p95' },
  growth('w3.apply.p50.ms', 'apply, median'),
  growth('w3.apply.p95.ms', 'apply, p95', unchanged('w3.apply.p95.ms')),
  { name: 'w3.matrix.ms', what: 'load Matrices tab to grid, W3', target: { text: '≤ 10 × W2 and < 3,000', met: timesAndBelow('w3.matrix.ms', 10, 'w2.matrix.ms', 3000) } },
  { name: 'w3.matrix.tab.ms', what: 'Matrices tab click to grid, W3' },
  growth('w3.matrix.ms', 'matrix'),
  growth('w3.matrix.tab.ms', 'matrix tab click'),
  { name: 'w3.agreement.ms', what: 'agreement, all codes: 3rd coder to figures, W3', target: { text: '≤ 10 × W2 and < 3,000', met: timesAndBelow('w3.agreement.ms', 10, 'w2.agreement.ms', 3000) } },
  { name: 'w3.agreement.open.ms', what: 'agreement dialog open to 2-coder figures, W3' },
  growth('w3.agreement.ms', 'agreement'),
  growth('w3.agreement.open.ms', 'agreement dialog open'),
  { name: 'w3.export.ms', what: 'export W3: click to download' },
  { name: 'w3.export.rawZip.ms', what: 'same bytes, plain JSZip' },
  { name: 'w3.export.ratio', what: 'W3 export / rawZip (W2: ≤ 1.5)', target: { text: '≤ 1.5 (as W2)', met: atMost('w3.export.ratio', 1.5) } },
  growth('w3.export.ms', 'export'),
  growth('w3.export.rawZip.ms', 'plain JSZip'),
  { name: 'w3.heap.mb', what: 'JS heap, W3 + one document (MiB)', target: { text: '≤ 400', met: atMost('w3.heap.mb', 400) } },
  growth('w3.heap.mb', 'heap'),
  { name: 'w2.idb.mb', what: 'IndexedDB after importing W2 (MiB)' },
  { name: 'w3.idb.mb', what: 'IndexedDB after importing W3 (MiB)' },
  growth('w3.idb.mb', 'IndexedDB'),
] as const;

/** W3's results from the samples, with the ratios and growths (using W2's results already in `r`). */
export function summariseW3(s: Record<string, number[]>, r: Results): Results {
  const out: Results = {};
  const med = (name: string) => (s[name]?.length ? median(s[name]) : null);
  for (const name of [
    'w3.import.ms',
    'w3.import.rawBulkPut.ms',
    'w3.open.ms',
    'w2.openDocument.ms',
    'w3.openDocument.ms',
    'w3.matrix.ms',
    'w3.matrix.tab.ms',
    'w3.agreement.ms',
    'w3.agreement.open.ms',
    'w3.export.ms',
    'w3.export.rawZip.ms',
    'w3.heap.mb',
    'w2.idb.mb',
    'w3.idb.mb',
  ])
    out[name] = med(name);
  for (const w of ['w2', 'w3']) {
    const xs = s[`${w}.apply.ms`];
    out[`${w}.apply.p50.ms`] = xs?.length ? percentile(xs, 50) : null;
    out[`${w}.apply.p95.ms`] = xs?.length ? percentile(xs, 95) : null;
  }
  const all = { ...r, ...out };
  const q = (a: string, b: string) => {
    const x = v(all, a);
    const y = v(all, b);
    return x !== null && y !== null && y > 0 ? x / y : null;
  };
  out['w3.import.ratio'] = q('w3.import.ms', 'w3.import.rawBulkPut.ms');
  out['w3.export.ratio'] = q('w3.export.ms', 'w3.export.rawZip.ms');
  for (const [w3, w2] of W3_GROWTH) out[growthName(w3)] = q(w3, w2);
  for (const [k, x] of Object.entries(out)) if (x !== null && !Number.isFinite(x)) out[k] = null;
  return out;
}

/** W3's cells of a history row (docs/BENCHMARKS.md: the last three columns). */
export function w3HistoryCells(r: Results, fmt: (x: number | null | undefined) => string): string[] {
  const f = (name: string) => fmt(r[name]);
  return [
    `${f('w3.import.ms')} / ${f('w3.import.rawBulkPut.ms')}`,
    `${f('w3.open.ms')} / ${f('w3.openDocument.ms')} / ${f('w3.apply.p95.ms')}`,
    `${f('w3.matrix.ms')} / ${f('w3.agreement.ms')} / ${f('w3.heap.mb')} / ${f('w3.idb.mb')}`,
  ];
}
