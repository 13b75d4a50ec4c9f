/**
 * A chart as one self-contained SVG: title, legend and the plot in a single <svg> with a white
 * background and every style on the elements themselves, so that what the screen shows is what
 * the saved file shows, in a browser, Inkscape or a word processor. And that SVG as a PNG.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** The font of every text of the chart (the app's own, with a generic fallback for other programs). */
export const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const PAD = 16;
const TITLE_SIZE = 16;
const LEGEND_SIZE = 12;
const SWATCH = 12;
/** The narrowest chart: room for a title of a few words and the heat map's legend. */
const MIN_CONTENT_WIDTH = 400;
/** Average advance of a character, as a share of the font size (estimate: no layout engine needed). */
const CHAR_WIDTH = 0.58;

export interface LegendSwatch {
  readonly label: string;
  readonly color: string;
}

export interface LegendRamp {
  /** What the colours count, shown above the ramp. */
  readonly label: string;
  /** The value of the last stop; the first is 0. */
  readonly max: number;
  /** Colours from 0 to max, evenly spaced. */
  readonly stops: readonly string[];
}

export interface ChartLegend {
  readonly swatches: readonly LegendSwatch[];
  readonly ramp?: LegendRamp;
}

export interface ComposeInput {
  readonly title: string;
  /** A sentence or two saying what the chart shows, for screen readers (<desc>). */
  readonly description: string;
  readonly legend: ChartLegend;
  /** The drawn chart (e.g. Observable Plot's output), with width and height attributes. */
  readonly plot: SVGSVGElement;
  /** Unique in the page: prefixes the ids of the title, description and gradient. */
  readonly idPrefix: string;
}

export interface ComposedChart {
  readonly svg: SVGSVGElement;
  readonly width: number;
  readonly height: number;
  readonly titleId: string;
}

function el<K extends keyof SVGElementTagNameMap>(doc: Document, name: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG_NS, name) as SVGElementTagNameMap[K];
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Estimated width of a text in pixels. */
export function textWidth(text: string, fontSize: number): number {
  return Array.from(text).length * fontSize * CHAR_WIDTH;
}

/** The text broken into lines of at most `width` pixels (estimated), at spaces. */
export function wrapText(text: string, fontSize: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next, fontSize) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Draws the swatches (wrapping into rows) and the ramp; returns the height used. */
function drawLegend(doc: Document, into: SVGGElement, legend: ChartLegend, width: number, gradientId: string): number {
  let x = 0;
  let y = 0;
  const rowHeight = LEGEND_SIZE + 8;
  for (const s of legend.swatches) {
    const w = SWATCH + 6 + textWidth(s.label, LEGEND_SIZE) + 16;
    if (x > 0 && x + w > width) {
      x = 0;
      y += rowHeight;
    }
    const item = el(doc, 'g', { transform: `translate(${x},${y})` });
    item.append(el(doc, 'rect', { width: SWATCH, height: SWATCH, fill: s.color, stroke: '#00000033' }));
    item.append(el(doc, 'text', { x: SWATCH + 6, y: SWATCH - 2, 'font-size': LEGEND_SIZE, 'text-anchor': 'start', fill: '#000' }, s.label));
    into.append(item);
    x += w;
  }
  let height = legend.swatches.length > 0 ? y + rowHeight : 0;
  const ramp = legend.ramp;
  if (ramp && ramp.stops.length > 0) {
    const rampWidth = Math.min(240, width);
    const top = height;
    const gradient = el(doc, 'linearGradient', { id: gradientId, x1: 0, x2: 1, y1: 0, y2: 0 });
    ramp.stops.forEach((color, i) => gradient.append(el(doc, 'stop', { offset: ramp.stops.length === 1 ? 0 : i / (ramp.stops.length - 1), 'stop-color': color })));
    const defs = el(doc, 'defs');
    defs.append(gradient);
    into.append(defs);
    into.append(el(doc, 'text', { x: 0, y: top + LEGEND_SIZE, 'font-size': LEGEND_SIZE, 'text-anchor': 'start', fill: '#000' }, ramp.label));
    into.append(el(doc, 'rect', { x: 0, y: top + LEGEND_SIZE + 6, width: rampWidth, height: 10, fill: `url(#${gradientId})`, stroke: '#00000033' }));
    const tickY = top + LEGEND_SIZE + 6 + 10 + LEGEND_SIZE + 2;
    into.append(el(doc, 'text', { x: 0, y: tickY, 'font-size': LEGEND_SIZE - 1, 'text-anchor': 'start', fill: '#000' }, '0'));
    into.append(el(doc, 'text', { x: rampWidth, y: tickY, 'font-size': LEGEND_SIZE - 1, 'text-anchor': 'end', fill: '#000' }, String(ramp.max)));
    height = tickY + 6;
  }
  return height;
}

/** A safe id prefix from any string (React's useId() holds characters that url(#...) dislikes). */
export function idPrefixFrom(raw: string): string {
  return `chart-${raw.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

/**
 * Title, legend and plot in one <svg role="img"> with <title> and <desc>. The plot's elements move
 * into a group (its own <style> is dropped: it only sizes a standalone plot in a page).
 */
export function composeChartSvg(doc: Document, input: ComposeInput): ComposedChart {
  const plotWidth = Number(input.plot.getAttribute('width')) || 640;
  const plotHeight = Number(input.plot.getAttribute('height')) || 400;
  // A small plot (a heat map of three codes) still leaves room for the title and the legend.
  const rampLabel = input.legend.ramp ? textWidth(input.legend.ramp.label, LEGEND_SIZE) + 8 : 0;
  const contentWidth = Math.ceil(Math.max(plotWidth, MIN_CONTENT_WIDTH, rampLabel));
  const width = contentWidth + 2 * PAD;
  const titleId = `${input.idPrefix}-title`;
  const descId = `${input.idPrefix}-desc`;

  const svg = el(doc, 'svg', {
    version: '1.1',
    role: 'img',
    'aria-labelledby': titleId,
    'aria-describedby': descId,
    'font-family': CHART_FONT,
    style: `background-color: #ffffff; color: #000000; font-family: ${CHART_FONT}`,
    color: '#000000',
  });
  svg.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  svg.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  svg.append(el(doc, 'title', { id: titleId }, input.title));
  svg.append(el(doc, 'desc', { id: descId }, input.description));
  const background = el(doc, 'rect', { x: 0, y: 0, width, fill: '#ffffff' });
  svg.append(background);

  let y = PAD;
  const titleLines = wrapText(input.title, TITLE_SIZE, contentWidth);
  const heading = el(doc, 'text', { x: PAD, 'font-size': TITLE_SIZE, 'font-weight': 'bold', 'text-anchor': 'start', fill: '#000000' });
  titleLines.forEach((line, i) => heading.append(el(doc, 'tspan', { x: PAD, y: y + TITLE_SIZE + i * (TITLE_SIZE + 4) }, line)));
  svg.append(heading);
  y += titleLines.length * (TITLE_SIZE + 4) + 10;

  const legend = el(doc, 'g', { transform: `translate(${PAD},${y})` });
  const legendHeight = drawLegend(doc, legend, input.legend, contentWidth, `${input.idPrefix}-ramp`);
  if (legendHeight > 0) {
    svg.append(legend);
    y += legendHeight + 8;
  }

  const plot = el(doc, 'g', { transform: `translate(${PAD},${y})` });
  for (const name of ['fill', 'font-size', 'font-variant', 'text-anchor']) {
    const value = input.plot.getAttribute(name);
    if (value !== null) plot.setAttribute(name, value);
  }
  for (const child of Array.from(input.plot.childNodes)) {
    if (child.nodeName.toLowerCase() !== 'style') plot.append(child);
  }
  // The chart as a whole is one image with a title and a description (and a table beside it);
  // the plot's own ARIA names of its parts would be names on plain groups, which ARIA forbids.
  // They stay as data-plot, naming each part ("bar", "x-axis tick label") for tests and tools.
  for (const node of Array.from(plot.querySelectorAll('[aria-label], [aria-hidden], [aria-description]'))) {
    const label = node.getAttribute('aria-label');
    if (label !== null) node.setAttribute('data-plot', label);
    for (const name of ['aria-label', 'aria-hidden', 'aria-description']) node.removeAttribute(name);
  }
  svg.append(plot);
  y += plotHeight + PAD;

  const height = Math.ceil(y);
  background.setAttribute('height', String(height));
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return { svg, width, height, titleId };
}

/** The SVG as a standalone file: XML declaration, SVG namespace, UTF-8. */
export function serializeSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  if (!clone.hasAttribute('xmlns')) clone.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  const text = new XMLSerializer().serializeToString(clone);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}

/**
 * The SVG drawn at `scale` times its size on a white canvas, as PNG bytes. Browser only (jsdom
 * has no canvas); the end-to-end test checks it.
 */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas gave no PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
