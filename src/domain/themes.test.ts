import { NO_FILTER } from './analysis/filter';
import type { Code, Coding, DocumentRecord, Segment, Theme } from './model';
import {
  canNest,
  codeSegmentCounts,
  codesWithoutTheme,
  contributionsByDocument,
  contributionsByVariable,
  defaultGroupVariable,
  newTheme,
  nextThemeColor,
  themeQuotes,
  themeSegments,
  themeTree,
} from './themes';

const P = 'p';
const theme = (guid: string, parentGuid: string | null, order: number, codeGuids: string[] = []): Theme => ({
  ...newTheme({ projectGuid: P, name: guid, color: '#1f77b4', order, parentGuid, guid }),
  codeGuids,
});
const code = (guid: string, parentGuid: string | null, order = 0): Code => ({ guid, projectGuid: P, parentGuid, name: guid.toUpperCase(), color: '#000000', definition: '', order, shortcut: null });
const doc = (guid: string, order: number, variables: Record<string, string>): DocumentRecord => ({
  guid,
  projectGuid: P,
  name: `Doc ${guid}`,
  length: 100,
  sha256: '',
  createdAt: '',
  updatedAt: '',
  variables,
  speakerMap: {},
  order,
});
const seg = (guid: string, documentGuid: string, start: number, coderGuid = 'anna'): Segment => ({ guid, projectGuid: P, documentGuid, coderGuid, start, end: start + 5, text: 'xxxxx', comment: '', createdAt: '' });
const coding = (segment: Segment, codeGuid: string): Coding => ({
  guid: `${segment.guid}-${codeGuid}`,
  projectGuid: P,
  segmentGuid: segment.guid,
  documentGuid: segment.documentGuid,
  codeGuid,
  coderGuid: segment.coderGuid,
  createdAt: '',
});

describe('themeTree and canNest', () => {
  it('lists themes depth-first with sub-themes under their parent, in order', () => {
    const rows = themeTree([theme('b', null, 1), theme('a', null, 0), theme('a2', 'a', 1), theme('a1', 'a', 0)]);
    expect(rows.map((r) => `${r.theme.guid}:${r.depth}`)).toEqual(['a:0', 'a1:1', 'a2:1', 'b:0']);
  });

  it('shows a theme with a missing parent, and themes in a cycle, at top level without losing any', () => {
    const rows = themeTree([theme('x', 'gone', 0), theme('c1', 'c2', 1), theme('c2', 'c1', 2)]);
    expect(rows.map((r) => r.theme.guid).sort()).toEqual(['c1', 'c2', 'x']);
    expect(rows.find((r) => r.theme.guid === 'x')?.depth).toBe(0);
  });

  it('refuses nesting a theme under itself or its own sub-theme', () => {
    const themes = [theme('a', null, 0), theme('b', 'a', 0), theme('c', 'b', 0), theme('d', null, 1)];
    expect(canNest(themes, 'a', 'a')).toBe(false);
    expect(canNest(themes, 'a', 'c')).toBe(false);
    expect(canNest(themes, 'c', 'd')).toBe(true);
    expect(canNest(themes, 'b', null)).toBe(true);
    expect(canNest(themes, 'a', 'missing')).toBe(false);
  });
});

describe('codes and segments of themes', () => {
  const codes = [code('ouders', null, 0), code('bellen', 'ouders', 0), code('mailen', 'ouders', 1), code('school', null, 1)];
  const documents = [doc('d2', 1, { respondentgroep: 'Leerkracht' }), doc('d1', 0, { respondentgroep: 'Ouder' }), doc('d3', 2, {})];
  const s1 = seg('s1', 'd1', 10);
  const s2 = seg('s2', 'd1', 0);
  const s3 = seg('s3', 'd2', 0, 'ben');
  const s4 = seg('s4', 'd3', 0);
  const s5 = seg('s5', 'd2', 20);
  const data = {
    codes,
    documents,
    groups: [],
    segments: [s1, s2, s3, s4, s5],
    // s1 has a parent and a child code of the theme: it counts once.
    codings: [coding(s1, 'ouders'), coding(s1, 'bellen'), coding(s2, 'mailen'), coding(s3, 'bellen'), coding(s4, 'ouders'), coding(s5, 'school')],
  };
  const t = theme('contact', null, 0, ['ouders', 'deleted-code']);

  it('rolls up each code’s descendants, counts a segment once, in document order, ignoring deleted codes', () => {
    const list = themeSegments(data, t, NO_FILTER);
    expect(list.map((x) => x.segment.guid)).toEqual(['s2', 's1', 's3', 's4']);
    expect([...(list[1]?.appliedCodeGuids ?? [])].sort()).toEqual(['bellen', 'ouders']);
    expect(list[1]?.themeCodeGuids).toEqual(['ouders']);
  });

  it('uses the analysis filter for documents and coders', () => {
    expect(themeSegments(data, t, { ...NO_FILTER, coderGuids: ['ben'] }).map((x) => x.segment.guid)).toEqual(['s3']);
    expect(themeSegments(data, t, { ...NO_FILTER, variables: [{ name: 'respondentgroep', values: ['Ouder'] }] }).map((x) => x.segment.guid)).toEqual(['s2', 's1']);
  });

  it('counts contributions per document and per respondent group, with no value last', () => {
    const list = themeSegments(data, t, NO_FILTER);
    expect(contributionsByDocument(list)).toEqual([
      { key: 'd1', label: 'Doc d1', segments: 2, documents: 1 },
      { key: 'd2', label: 'Doc d2', segments: 1, documents: 1 },
      { key: 'd3', label: 'Doc d3', segments: 1, documents: 1 },
    ]);
    expect(contributionsByVariable(list, 'respondentgroep')).toEqual([
      { key: 'Leerkracht', label: 'Leerkracht', segments: 1, documents: 1 },
      { key: 'Ouder', label: 'Ouder', segments: 2, documents: 1 },
      { key: '', label: '', segments: 1, documents: 1 },
    ]);
  });

  it('counts each card’s segments with roll-up, and lists the codes in no theme in codebook order', () => {
    const counts = codeSegmentCounts(data, NO_FILTER);
    expect(counts.get('ouders')).toBe(4);
    expect(counts.get('bellen')).toBe(2);
    expect(counts.get('school')).toBe(1);
    expect(codesWithoutTheme(codes, [theme('x', null, 0, ['bellen'])]).map((c) => c.guid)).toEqual(['ouders', 'mailen', 'school']);
  });

  it('gives the picked quotations that still exist, in the picked order', () => {
    const picked = { ...t, quoteSegmentGuids: ['s3', 'gone', 's1'] };
    expect(themeQuotes(picked, data.segments).map((s) => s.guid)).toEqual(['s3', 's1']);
  });
});

describe('defaultGroupVariable and nextThemeColor', () => {
  it('prefers a respondent group variable, then any group', () => {
    expect(defaultGroupVariable(['school', 'Respondent group', 'groep'])).toBe('Respondent group');
    expect(defaultGroupVariable(['school', 'respondentgroep'])).toBe('respondentgroep');
    expect(defaultGroupVariable(['school', 'Leeftijdsgroep'])).toBe('Leeftijdsgroep');
    expect(defaultGroupVariable(['school', 'leeftijd'])).toBeNull();
  });

  it('picks the least used palette colour', () => {
    expect(nextThemeColor([])).toBe('#1f77b4');
    expect(nextThemeColor([{ color: '#1F77B4' }])).toBe('#ff7f0e');
  });
});
