import type { BarChartData, HeatmapData } from './chart-data';
import { DIAGONAL_FILL, drawBars, drawHeatmap, heatStops } from './draw';
import { composeChartSvg, idPrefixFrom, serializeSvg, SVG_NS, wrapText } from './svg-export';

const bars: BarChartData = {
  categories: [
    { key: 'Ouder', label: 'Ouder' },
    { key: 'Leraar', label: 'Leraar' },
  ],
  series: [
    { key: 'a', label: 'Communicatie & "overleg"', color: '#1f77b4' },
    { key: 'b', label: 'Zorg <intern>', color: '#d62728' },
  ],
  values: { a: { Ouder: 3, Leraar: 1 }, b: { Ouder: 0, Leraar: 2 } },
};

const heat: HeatmapData = {
  codes: [
    { key: 'a', label: 'Communicatie', color: '#1f77b4' },
    { key: 'b', label: 'Zorg', color: '#d62728' },
  ],
  values: { a: { a: 4, b: 1 }, b: { a: 1, b: 2 } },
};

/** Parses a saved file as an XML parser (a browser, Inkscape) would; throws on malformed XML. */
function parse(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(error.textContent ?? 'parse error');
  return doc;
}

function savedBars(layout: 'grouped' | 'stacked' = 'grouped') {
  const plot = drawBars(bars, { layout, width: 600, valueLabel: 'Segmenten' });
  const chart = composeChartSvg(document, {
    title: 'Gecodeerde segmenten per code, per respondentgroep',
    description: 'Staafdiagram van 2 codes.',
    legend: { swatches: bars.series.map((s) => ({ label: s.label, color: s.color })) },
    plot,
    idPrefix: idPrefixFrom('«r1»'),
  });
  return { chart, text: serializeSvg(chart.svg) };
}

describe('a chart saved as SVG', () => {
  it('is a standalone SVG file: XML declaration, SVG namespace, size and view box', () => {
    const { chart, text } = savedBars();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    const root = parse(text).documentElement;
    expect(root.namespaceURI).toBe(SVG_NS);
    expect(root.localName).toBe('svg');
    expect(text.match(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g)).toHaveLength(1);
    expect(root.getAttribute('width')).toBe(String(chart.width));
    expect(root.getAttribute('height')).toBe(String(chart.height));
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${chart.width} ${chart.height}`);
  });

  it('has a white background and black text set on its own elements, not in a style sheet of the page', () => {
    const root = parse(savedBars().text).documentElement;
    const background = root.querySelector('rect');
    expect(background?.getAttribute('fill')).toBe('#ffffff');
    expect(background?.getAttribute('width')).toBe(root.getAttribute('width'));
    expect(background?.getAttribute('height')).toBe(root.getAttribute('height'));
    expect(root.getAttribute('style')).toContain('color: #000000');
    expect(root.getAttribute('font-family')).toContain('sans-serif');
    expect(root.getElementsByTagName('style')).toHaveLength(0);
  });

  it('carries its title, summary and legend as text, escaped where needed', () => {
    const { text } = savedBars();
    const root = parse(text).documentElement;
    expect(root.getAttribute('role')).toBe('img');
    // One image to assistive technology: no ARIA names on its parts.
    expect(root.querySelectorAll('[aria-label], [aria-hidden]')).toHaveLength(0);
    const titleId = root.getAttribute('aria-labelledby');
    const descId = root.getAttribute('aria-describedby');
    expect(root.querySelector(`title[id="${titleId}"]`)?.textContent).toBe('Gecodeerde segmenten per code, per respondentgroep');
    expect(root.querySelector(`desc[id="${descId}"]`)?.textContent).toBe('Staafdiagram van 2 codes.');
    const texts = [...root.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toContain('Communicatie & "overleg"');
    expect(texts).toContain('Zorg <intern>');
    expect(text).toContain('Zorg &lt;intern&gt;');
  });

  it("draws a bar per code and group in the code's colour, with the groups on the axis", () => {
    const root = parse(savedBars().text).documentElement;
    const barRects = [...root.querySelectorAll('g[data-plot="bar"] rect')];
    // Zero-height bars are drawn too: 2 codes x 2 groups.
    expect(barRects).toHaveLength(4);
    expect(new Set(barRects.map((r) => r.getAttribute('fill')))).toEqual(new Set(['#1f77b4', '#d62728']));
    const axis = [...root.querySelectorAll('g[data-plot="fx-axis tick label"] text')].map((t) => t.textContent);
    expect(axis).toEqual(['Ouder', 'Leraar']);
    // A tooltip names the code, the group and the number.
    expect([...root.querySelectorAll('g[data-plot="bar"] title')].map((t) => t.textContent)).toContain('Communicatie & "overleg"\nOuder: 3');
  });

  it('stacks the codes in one bar per group', () => {
    const root = parse(savedBars('stacked').text).documentElement;
    const heights = [...root.querySelectorAll('g[data-plot="bar"] rect')].map((r) => Number(r.getAttribute('height')));
    expect(heights).toHaveLength(4);
    const axis = [...root.querySelectorAll('g[data-plot="x-axis tick label"] text')].map((t) => t.textContent);
    expect(axis).toEqual(['Ouder', 'Leraar']);
  });

  it('draws a heat map with its numbers, the diagonal in grey and a colour ramp that the file itself defines', () => {
    const plot = drawHeatmap(heat, { width: 600 });
    const chart = composeChartSvg(document, {
      title: 'Samen voorkomen van codes',
      description: 'Heatmap.',
      legend: { swatches: [{ label: 'Diagonaal', color: DIAGONAL_FILL }], ramp: { label: 'Segmenten samen', max: 1, stops: heatStops(1) } },
      plot,
      idPrefix: 'chart-x',
    });
    const root = parse(serializeSvg(chart.svg)).documentElement;
    // The plot of two codes is narrow; the file is wide enough for the legend's words all the same.
    expect(Number(plot.getAttribute('width'))).toBeLessThan(300);
    expect(chart.width).toBeGreaterThanOrEqual(400);
    const cells = [...root.querySelectorAll('g[data-plot="cell"] rect')];
    expect(cells).toHaveLength(4);
    // The diagonal's cells share one constant fill, set on their group.
    const fillOf = (c: Element) => c.getAttribute('fill') ?? c.parentElement?.getAttribute('fill');
    expect(cells.filter((c) => fillOf(c) === DIAGONAL_FILL)).toHaveLength(2);
    expect(cells.filter((c) => fillOf(c)?.startsWith('rgb('))).toHaveLength(2);
    const numbers = [...root.querySelectorAll('g[data-plot="text"] text')].map((t) => t.textContent).sort();
    expect(numbers).toEqual(['1', '1', '2', '4']);
    const ramp = [...root.querySelectorAll('rect')].find((r) => r.getAttribute('fill')?.startsWith('url(#'));
    const id = /url\(#(.+)\)/.exec(ramp?.getAttribute('fill') ?? '')?.[1];
    expect(root.querySelector(`linearGradient[id="${id}"]`)?.querySelectorAll('stop').length).toBe(6);
  });
});

describe('wrapping a long title', () => {
  it('breaks at spaces so that no line is wider than the chart', () => {
    expect(wrapText('een twee drie vier', 10, 60)).toEqual(['een twee', 'drie vier']);
    expect(wrapText('kort', 16, 600)).toEqual(['kort']);
  });
});
