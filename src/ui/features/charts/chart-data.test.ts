import { NO_FILTER } from '../../../domain/analysis/filter';
import { computeCooccurrence, computeMatrix } from '../../../domain/analysis/matrix';
import { fixtureProject } from '../../../domain/analysis/matrix-fixture';
import { CODE_PALETTE } from '../../../domain/codebook';
import type { ProjectData } from '../../../domain/project-data';
import {
  barChartFromMatrix,
  barPoints,
  chosenCodes,
  hasBars,
  heatCells,
  heatmapFromCooccurrence,
  heatmapMax,
  largestBar,
  largestPair,
  parentCodes,
  seriesColors,
} from './chart-data';

/**
 * Two themes, "Communicatie" (with "Eenzijdig" and "Tweezijdig") and "Zorg"; three interviews
 * of two respondent groups, in two document groups.
 */
function project() {
  const { data, ids } = fixtureProject({
    documents: [
      { name: 'Ouder 1', text: 'We kregen een brief. Daarna belde de mentor.', variables: { groep: 'Ouder' } },
      { name: 'Ouder 2', text: 'Niemand belde. Wel een nieuwsbrief.', variables: { groep: 'Ouder' } },
      { name: 'Leraar 1', text: 'Ik belde elke week. De zorgcoördinator hielp.', variables: { groep: 'Leraar' } },
    ],
    codes: [{ name: 'Communicatie' }, { name: 'Eenzijdig', parent: 'Communicatie' }, { name: 'Tweezijdig', parent: 'Communicatie' }, { name: 'Zorg' }],
    groups: [
      { name: 'School Noord', documents: ['Ouder 1', 'Leraar 1'] },
      { name: 'School Zuid', documents: ['Ouder 2'] },
    ],
    segments: [
      { doc: 'Ouder 1', at: 'We kregen een brief.', codes: ['Eenzijdig'] },
      { doc: 'Ouder 1', at: 'Daarna belde de mentor.', codes: ['Tweezijdig'] },
      { doc: 'Ouder 2', at: 'Wel een nieuwsbrief.', codes: ['Eenzijdig'] },
      { doc: 'Leraar 1', at: 'Ik belde elke week.', codes: ['Tweezijdig', 'Zorg'] },
      { doc: 'Leraar 1', at: 'De zorgcoördinator hielp.', codes: ['Zorg'] },
    ],
  });
  const colors: Record<string, string> = { Communicatie: '#1F77B4', Eenzijdig: '#ff7f0e', Tweezijdig: '#2ca02c', Zorg: '#d62728' };
  const withColors: ProjectData = { ...data, codes: data.codes.map((c) => ({ ...c, color: colors[c.name] ?? c.color })) };
  return { data: withColors, ids };
}

const names = (codes: readonly { name: string }[]) => codes.map((c) => c.name);

describe('choosing the codes of a chart', () => {
  it('takes the top-level codes by default, in codebook order', () => {
    expect(names(chosenCodes(project().data.codes, { kind: 'top' }))).toEqual(['Communicatie', 'Zorg']);
  });

  it("takes a parent's children", () => {
    const { data, ids } = project();
    expect(names(chosenCodes(data.codes, { kind: 'children', parentGuid: ids.Communicatie ?? '' }))).toEqual(['Eenzijdig', 'Tweezijdig']);
  });

  it('keeps picked codes in codebook order, whatever order they were picked in, and drops codes that no longer exist', () => {
    const { data, ids } = project();
    const picked = chosenCodes(data.codes, { kind: 'pick', codeGuids: [ids.Zorg ?? '', 'gone', ids.Eenzijdig ?? ''] });
    expect(names(picked)).toEqual(['Eenzijdig', 'Zorg']);
  });

  it('offers only codes with codes below them as parents', () => {
    expect(parentCodes(project().data.codes).map((p) => p.code.name)).toEqual(['Communicatie']);
  });
});

describe('colours of code series', () => {
  it("uses the codes' own colours when they are clearly different", () => {
    expect(seriesColors(['#1F77B4', '#ff7f0e'])).toEqual(['#1f77b4', '#ff7f0e']);
  });

  it('falls back to the palette when codes share a colour or look alike', () => {
    expect(seriesColors(['#999999', '#999999', '#123456'])).toEqual(CODE_PALETTE.slice(0, 3));
    expect(seriesColors(['#1f77b4', '#1f78b6'])).toEqual(CODE_PALETTE.slice(0, 2));
  });

  it('falls back to the palette when a colour is not a hex colour', () => {
    expect(seriesColors(['red', '#ff7f0e'])).toEqual(CODE_PALETTE.slice(0, 2));
  });
});

describe('bar chart data from a matrix', () => {
  it("shows each chosen code's rolled-up count per document group", () => {
    const { data } = project();
    const matrix = computeMatrix(data, { columns: { kind: 'groups' }, count: 'segments', filter: NO_FILTER });
    const chart = barChartFromMatrix(matrix, chosenCodes(data.codes, { kind: 'top' }));
    expect(chart.categories.map((c) => c.label)).toEqual(['School Noord', 'School Zuid']);
    expect(chart.series.map((s) => [s.label, s.color])).toEqual([
      ['Communicatie', '#1f77b4'],
      ['Zorg', '#d62728'],
    ]);
    const byName = (name: string) => chart.values[chart.series.find((s) => s.label === name)?.key ?? ''];
    // Communicatie: its children's three segments at Noord, one at Zuid.
    expect(Object.values(byName('Communicatie') ?? {})).toEqual([3, 1]);
    expect(Object.values(byName('Zorg') ?? {})).toEqual([2, 0]);
  });

  it("counts documents per variable value, naming the columns as the caller asks", () => {
    const { data, ids } = project();
    const matrix = computeMatrix(data, { columns: { kind: 'variable', name: 'groep' }, count: 'documents', filter: NO_FILTER });
    const chart = barChartFromMatrix(matrix, chosenCodes(data.codes, { kind: 'children', parentGuid: ids.Communicatie ?? '' }), (c) => `groep ${c.label}`);
    expect(chart.categories.map((c) => c.label)).toEqual(['groep Leraar', 'groep Ouder']);
    expect(barPoints(chart).map((p) => p.value)).toEqual([0, 1, 2, 1]);
    expect(largestBar(chart)).toMatchObject({ series: { label: 'Eenzijdig' }, category: { label: 'groep Ouder' }, value: 2 });
  });

  it('counts values named like Object.prototype members as numbers', () => {
    const { data, ids } = project();
    const hostile = { ...data, documents: data.documents.map((d, i) => ({ ...d, variables: JSON.parse(i === 1 ? '{}' : `{"groep":"${i === 0 ? '__proto__' : 'constructor'}"}`) as Record<string, string> })) };
    const matrix = computeMatrix(hostile, { columns: { kind: 'variable', name: 'groep' }, count: 'segments', filter: NO_FILTER });
    const chart = barChartFromMatrix(matrix, chosenCodes(hostile.codes, { kind: 'pick', codeGuids: [ids.Zorg ?? ''] }));
    expect(chart.categories.map((c) => c.key)).toEqual(['__proto__', 'constructor', '']);
    expect(barPoints(chart).map((p) => [p.category, p.value])).toEqual([
      ['__proto__', 0],
      ['constructor', 2],
      ['', 0],
    ]);
  });

  it('has nothing to show when the filter leaves no coded segment', () => {
    const { data, ids } = project();
    const matrix = computeMatrix(data, { columns: { kind: 'groups' }, count: 'segments', filter: { ...NO_FILTER, documentGuids: [ids['Ouder 2'] ?? ''] } });
    const chart = barChartFromMatrix(matrix, chosenCodes(data.codes, { kind: 'pick', codeGuids: [ids.Zorg ?? ''] }));
    expect(hasBars(chart)).toBe(false);
    expect(largestBar(chart)).toBeNull();
  });
});

describe('heat map data from co-occurrence', () => {
  it('puts the overlap counts of the chosen codes in a symmetric table, the diagonal apart', () => {
    const { data, ids } = project();
    const m = computeCooccurrence(data, { filter: NO_FILTER, rollUp: true });
    const heat = heatmapFromCooccurrence(m, '', chosenCodes(data.codes, { kind: 'top' }));
    const [com, zorg] = [ids.Communicatie ?? '', ids.Zorg ?? ''];
    expect(heat.values[com]?.[zorg]).toBe(1);
    expect(heat.values[zorg]?.[com]).toBe(1);
    expect(heat.values[com]?.[com]).toBe(4);
    expect(heatCells(heat).filter((c) => c.diagonal).map((c) => c.value)).toEqual([4, 2]);
    expect(heatmapMax(heat)).toBe(1);
    expect(largestPair(heat)).toMatchObject({ a: { label: 'Communicatie' }, b: { label: 'Zorg' }, value: 1 });
  });

  it('shows one value of a split variable', () => {
    const { data, ids } = project();
    const m = computeCooccurrence(data, { filter: NO_FILTER, splitBy: 'groep' });
    const codes = chosenCodes(data.codes, { kind: 'pick', codeGuids: [ids.Tweezijdig ?? '', ids.Zorg ?? ''] });
    expect(heatmapFromCooccurrence(m, 'Leraar', codes).values[ids.Tweezijdig ?? '']?.[ids.Zorg ?? '']).toBe(1);
    const ouder = heatmapFromCooccurrence(m, 'Ouder', codes);
    expect(ouder.values[ids.Tweezijdig ?? '']?.[ids.Zorg ?? '']).toBe(0);
    expect(largestPair(ouder)).toBeNull();
  });
});
