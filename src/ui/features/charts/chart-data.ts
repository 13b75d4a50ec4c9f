/**
 * What the charts draw, shaped from the matrices of domain/analysis/matrix.ts: the counting is
 * done there, never here. Plain functions over plain data, so that they are tested without a
 * browser.
 */
import { CODE_PALETTE, flattenTree, isValidColor } from '../../../domain/codebook';
import type { Code, Guid } from '../../../domain/model';
import { ownValue, recordOf } from '../../../domain/records';
import type { CooccurrenceMatrix, Matrix, MatrixColumn } from '../../../domain/analysis/matrix';

/** A code drawn as a series of bars, or as a row and column of the heat map. */
export interface ChartSeries {
  readonly key: Guid;
  readonly label: string;
  /** CSS hex colour. */
  readonly color: string;
}

/** A group, a variable's value or a document: a cluster (or stacked bar) of the bar chart. */
export interface ChartCategory {
  readonly key: string;
  readonly label: string;
}

export interface BarChartData {
  readonly categories: readonly ChartCategory[];
  readonly series: readonly ChartSeries[];
  /** values[seriesKey][categoryKey]; every pair present. */
  readonly values: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface HeatmapData {
  /** The codes, in code-tree order: both the rows and the columns. */
  readonly codes: readonly ChartSeries[];
  /** values[a][b], symmetric; every pair present. values[a][a] is the number of segments coded a. */
  readonly values: Readonly<Record<Guid, Readonly<Record<Guid, number>>>>;
}

/** Which codes a chart shows. */
export type CodeChoice =
  | { readonly kind: 'top' }
  | { readonly kind: 'children'; readonly parentGuid: Guid }
  | { readonly kind: 'pick'; readonly codeGuids: readonly Guid[] };

/** The chosen codes in code-tree order; codes that no longer exist are left out. */
export function chosenCodes(codes: readonly Code[], choice: CodeChoice): Code[] {
  const tree = flattenTree(codes);
  switch (choice.kind) {
    case 'top':
      return tree.filter((r) => r.depth === 0).map((r) => r.code);
    case 'children':
      return tree.filter((r) => r.code.parentGuid === choice.parentGuid && r.code.guid !== choice.parentGuid).map((r) => r.code);
    case 'pick': {
      const picked = new Set(choice.codeGuids);
      return tree.filter((r) => picked.has(r.code.guid)).map((r) => r.code);
    }
  }
}

/** The codes that have codes below them, in code-tree order with their depth: the "sub-codes of" choices. */
export function parentCodes(codes: readonly Code[]): { code: Code; depth: number }[] {
  const parents = new Set(codes.map((c) => c.parentGuid));
  return flattenTree(codes).filter((r) => parents.has(r.code.guid));
}

function rgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
}

/** Below this distance (in RGB units, 0-441) two colours are too alike to tell bars apart. */
const MIN_COLOR_DISTANCE = 40;

/**
 * The colours for a chart's code series: the codes' own colours when every one is valid and they
 * are all clearly different, else the code palette in order (the built-in templates, for example,
 * give every top-level code the same grey).
 */
export function seriesColors(colors: readonly string[]): string[] {
  const valid = colors.every(isValidColor);
  const distinct =
    valid &&
    colors.every((a, i) =>
      colors.slice(i + 1).every((b) => {
        const [r1, g1, b1] = rgb(a);
        const [r2, g2, b2] = rgb(b);
        return Math.hypot(r1 - r2, g1 - g2, b1 - b2) >= MIN_COLOR_DISTANCE;
      }),
    );
  if (distinct) return colors.map((c) => c.toLowerCase());
  return colors.map((_, i) => CODE_PALETTE[i % CODE_PALETTE.length] ?? '#7f7f7f');
}

function asSeries(codes: readonly Code[]): ChartSeries[] {
  const colors = seriesColors(codes.map((c) => c.color));
  return codes.map((c, i) => ({ key: c.guid, label: c.name, color: colors[i] ?? '#7f7f7f' }));
}

/**
 * The bar chart of the chosen codes across the matrix's columns, with the matrix's rolled-up
 * counts (a code's bar includes the codes below it). `columnLabel` names a column for the
 * reader (e.g. translating the column of documents without a value).
 */
export function barChartFromMatrix(matrix: Matrix, codes: readonly Code[], columnLabel: (column: MatrixColumn) => string = (c) => c.label): BarChartData {
  const rows = new Map(matrix.rows.map((r) => [r.codeGuid, r]));
  const present = codes.filter((c) => rows.has(c.guid));
  const series = asSeries(present);
  const values: Record<string, Record<string, number>> = {};
  for (const s of series) {
    const row = rows.get(s.key);
    // Column keys are a variable's values, which users typed: a record without a prototype.
    values[s.key] = recordOf(matrix.columns.map((col) => [col.key, (row ? ownValue(row.cells, col.key) : undefined) ?? 0]));
  }
  return { categories: matrix.columns.map((c) => ({ key: c.key, label: columnLabel(c) })), series, values };
}

/** The heat map of the chosen codes in one table (split) of a co-occurrence matrix. */
export function heatmapFromCooccurrence(m: CooccurrenceMatrix, splitKey: string, codes: readonly Code[]): HeatmapData {
  const known = new Set(m.codes.map((c) => c.codeGuid));
  const series = asSeries(codes.filter((c) => known.has(c.guid)));
  const table = ownValue(m.counts, splitKey) ?? {};
  const values: Record<Guid, Record<Guid, number>> = {};
  for (const a of series) values[a.key] = Object.fromEntries(series.map((b) => [b.key, table[a.key]?.[b.key] ?? 0]));
  return { codes: series, values };
}

export interface BarPoint {
  readonly series: string;
  readonly category: string;
  readonly value: number;
}

/** One point per code and category, categories outer, codes inner: what the bar marks draw. */
export function barPoints(data: BarChartData): BarPoint[] {
  return data.categories.flatMap((c) => data.series.map((s) => ({ series: s.key, category: c.key, value: data.values[s.key]?.[c.key] ?? 0 })));
}

export interface HeatCell {
  /** Row code. */
  readonly a: Guid;
  /** Column code. */
  readonly b: Guid;
  readonly value: number;
  /** a === b: the code's own number of segments, not a co-occurrence. */
  readonly diagonal: boolean;
}

/** One cell per pair of codes, row by row. */
export function heatCells(data: HeatmapData): HeatCell[] {
  return data.codes.flatMap((a) => data.codes.map((b) => ({ a: a.key, b: b.key, value: data.values[a.key]?.[b.key] ?? 0, diagonal: a.key === b.key })));
}

/** The largest bar (the first on a tie), or null when every bar is 0. */
export function largestBar(data: BarChartData): { series: ChartSeries; category: ChartCategory; value: number } | null {
  let best: { series: ChartSeries; category: ChartCategory; value: number } | null = null;
  for (const series of data.series)
    for (const category of data.categories) {
      const value = data.values[series.key]?.[category.key] ?? 0;
      if (value > 0 && (!best || value > best.value)) best = { series, category, value };
    }
  return best;
}

/** The pair of different codes that co-occur most (the first on a tie), or null when none do. */
export function largestPair(data: HeatmapData): { a: ChartSeries; b: ChartSeries; value: number } | null {
  let best: { a: ChartSeries; b: ChartSeries; value: number } | null = null;
  data.codes.forEach((a, i) =>
    data.codes.slice(i + 1).forEach((b) => {
      const value = data.values[a.key]?.[b.key] ?? 0;
      if (value > 0 && (!best || value > best.value)) best = { a, b, value };
    }),
  );
  return best;
}

/** The largest co-occurrence of two different codes (0 when none): the top of the colour scale. */
export function heatmapMax(data: HeatmapData): number {
  return largestPair(data)?.value ?? 0;
}

/** Whether a bar chart has anything to show. */
export function hasBars(data: BarChartData): boolean {
  return largestBar(data) !== null;
}
