/**
 * The charts drawn with Observable Plot (SVG). This module is the only one that imports Plot, and
 * it is imported dynamically when a chart is first drawn, so that Plot and d3 load only then.
 */
import * as Plot from '@observablehq/plot';
import { barPoints, heatCells, heatmapMax, type BarChartData, type HeatmapData } from './chart-data';
import { textWidth } from './svg-export';

export type BarLayout = 'grouped' | 'stacked';

/** Plot's font size of tick labels, for estimating their width. */
const TICK_SIZE = 10;
/** Tick labels longer than this are cut with an ellipsis (the table shows them whole). */
const MAX_TICK_CHARS = 32;

function truncate(label: string): string {
  const chars = Array.from(label);
  return chars.length > MAX_TICK_CHARS ? `${chars.slice(0, MAX_TICK_CHARS - 1).join('')}…` : label;
}

function lookup(items: readonly { key: string; label: string }[]): (key: string) => string {
  const labels = new Map(items.map((i) => [i.key, i.label]));
  return (key) => truncate(labels.get(key) ?? key);
}

function longest(labels: readonly string[]): number {
  return Math.max(0, ...labels.map((l) => textWidth(truncate(l), TICK_SIZE)));
}

/** At most ten ticks, on whole numbers (the counts are whole). */
function countTicks(max: number): number {
  return Math.max(1, Math.min(10, Math.ceil(max)));
}

export interface BarOptions {
  readonly layout: BarLayout;
  /** The width available; the chart grows wider when its bars need the room. */
  readonly width: number;
  /** What the bars count, e.g. "Segments". */
  readonly valueLabel: string;
}

/** Bars of the codes (colours) per category: side by side in each category, or stacked. */
export function drawBars(data: BarChartData, options: BarOptions): SVGSVGElement {
  const points = barPoints(data);
  const categoryName = lookup(data.categories);
  const seriesName = new Map(data.series.map((s) => [s.key, s.label]));
  const categoryLabel = new Map(data.categories.map((c) => [c.key, c.label]));
  const seriesKeys = data.series.map((s) => s.key);
  const categoryKeys = data.categories.map((c) => c.key);
  const grouped = options.layout === 'grouped';
  const max = grouped
    ? Math.max(0, ...points.map((p) => p.value))
    : Math.max(0, ...categoryKeys.map((c) => points.filter((p) => p.category === c).reduce((s, p) => s + p.value, 0)));
  const perCategory = grouped ? Math.max(1, seriesKeys.length) * 14 + 16 : 40;
  const marginLeft = 56;
  const width = Math.max(options.width, marginLeft + 20 + categoryKeys.length * perCategory);
  const slot = (width - marginLeft - 20) / Math.max(1, categoryKeys.length);
  const labelWidth = longest(data.categories.map((c) => c.label));
  const rotate = labelWidth > slot - 8;
  const marginBottom = rotate ? Math.min(220, Math.ceil(labelWidth * 0.72) + 24) : 36;
  const title = (p: { series: string; category: string; value: number }) =>
    `${seriesName.get(p.series) ?? p.series}\n${categoryLabel.get(p.category) ?? p.category}: ${p.value}`;
  const categoryAxis = { domain: categoryKeys, tickFormat: categoryName, label: null, tickRotate: rotate ? -35 : 0, tickSize: 0 };
  return Plot.plot({
    width,
    height: 380 + marginBottom,
    marginLeft,
    marginRight: 20,
    marginBottom,
    y: { grid: true, label: options.valueLabel, ticks: countTicks(max), tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : ''), domain: [0, Math.max(1, max)] },
    color: { domain: seriesKeys, range: data.series.map((s) => s.color) },
    ...(grouped
      ? { fx: { ...categoryAxis, axis: 'bottom' as const, padding: 0.15 }, x: { domain: seriesKeys, axis: null, padding: 0.1 } }
      : { x: { ...categoryAxis, padding: 0.25 } }),
    marks: [
      grouped
        ? Plot.barY(points, { fx: 'category', x: 'series', y: 'value', fill: 'series', title })
        : Plot.barY(points, { x: 'category', y: 'value', fill: 'series', order: seriesKeys, title, stroke: '#ffffff', strokeWidth: 0.5 }),
      Plot.ruleY([0]),
    ],
  }) as SVGSVGElement;
}

/** Colours of the heat map's scale from 0 to `max`, for the legend's ramp. */
export function heatStops(max: number, count = 6): string[] {
  const scale = Plot.scale({ color: { type: 'linear', scheme: 'blues', domain: [0, Math.max(1, max)] } });
  return Array.from({ length: count }, (_, i) => String(scale.apply((Math.max(1, max) * i) / (count - 1))));
}

/** The diagonal's fill: the code's own count, not a co-occurrence, so outside the colour scale. */
export const DIAGONAL_FILL = '#e4e4e4';

/** Codes x codes, each cell coloured by how often the two overlap, with its number. */
export function drawHeatmap(data: HeatmapData, options: { width: number }): SVGSVGElement {
  const keys = data.codes.map((c) => c.key);
  const name = lookup(data.codes);
  const fullName = new Map(data.codes.map((c) => [c.key, c.label]));
  const cells = heatCells(data);
  const max = Math.max(1, heatmapMax(data));
  const labelWidth = longest(data.codes.map((c) => c.label));
  const marginLeft = Math.min(260, Math.ceil(labelWidth) + 14);
  const marginTop = Math.min(200, Math.ceil(labelWidth * 0.72) + 16);
  const size = Math.max(26, Math.min(48, Math.floor((options.width - marginLeft - 20) / Math.max(1, keys.length))));
  const title = (d: { a: string; b: string; value: number }) => `${fullName.get(d.a) ?? d.a} × ${fullName.get(d.b) ?? d.b}: ${d.value}`;
  const text = (d: { value: number }) => (d.value === 0 ? '' : String(d.value));
  const offDiagonal = cells.filter((c) => !c.diagonal);
  const dark = (c: { value: number; diagonal: boolean }) => !c.diagonal && c.value > max * 0.55;
  return Plot.plot({
    width: marginLeft + size * keys.length + 20,
    height: marginTop + size * keys.length + 10,
    marginLeft,
    marginTop,
    marginRight: 20,
    marginBottom: 10,
    x: { domain: keys, tickFormat: name, axis: 'top', tickRotate: -45, label: null, tickSize: 0 },
    y: { domain: keys, tickFormat: name, label: null, tickSize: 0 },
    color: { type: 'linear', scheme: 'blues', domain: [0, max] },
    marks: [
      Plot.cell(offDiagonal, { x: 'b', y: 'a', fill: 'value', inset: 0.5, title }),
      Plot.cell(
        cells.filter((c) => c.diagonal),
        { x: 'b', y: 'a', fill: DIAGONAL_FILL, inset: 0.5, title },
      ),
      Plot.text(
        cells.filter((c) => !dark(c)),
        { x: 'b', y: 'a', text, fill: '#000000' },
      ),
      Plot.text(cells.filter(dark), { x: 'b', y: 'a', text, fill: '#ffffff' }),
    ],
  }) as SVGSVGElement;
}
