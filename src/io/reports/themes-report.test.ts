import JSZip from 'jszip';
import { createCode, createDocument, createSegment } from '../../domain/factories';
import type { Theme, VariableDefinition } from '../../domain/model';
import type { ProjectData } from '../../domain/project-data';
import { themesDocx } from './themes-docx';
import { REPORT_POLICY } from './html';
import { themesHtml } from './themes-html';
import { themeReport } from './themes-report';

const P = 'aaaaaaaa-0000-4000-8000-000000000001';
const CODER = 'cccccccc-0000-4000-8000-000000000001';

function theme(partial: Partial<Theme> & Pick<Theme, 'name' | 'order'>): Theme {
  return {
    guid: crypto.randomUUID(),
    projectGuid: P,
    parentGuid: null,
    definition: '',
    scopeNote: '',
    codeGuids: [],
    quoteSegmentGuids: [],
    color: '#2a9d8f',
    ...partial,
  };
}

/** Two themes (given in the wrong order), one with a sub-theme; quotations from two documents. */
function sample(): ProjectData {
  const parent = createCode({ projectGuid: P, parentGuid: null, name: 'Contact', color: '#1f77b4', order: 0 });
  const child = createCode({ projectGuid: P, parentGuid: parent.guid, name: 'Bellen & <mailen>', color: '#ff7f0e', order: 0 });
  const other = createCode({ projectGuid: P, parentGuid: null, name: 'Laptops', color: '#2ca02c', order: 1 });
  const text1 = 'De mentor belde elke week.\nDat hielp.';
  const text2 = 'We kregen een laptop van school.';
  const doc1 = { ...createDocument({ projectGuid: P, name: 'Interview 1', length: text1.length, sha256: '', order: 0 }), variables: { school: 'Noord', groep: 'Ouder' } };
  const doc2 = { ...createDocument({ projectGuid: P, name: 'Interview 2', length: text2.length, sha256: '', order: 1 }), variables: { school: 'Zuid' } };
  const s1 = createSegment({ projectGuid: P, documentGuid: doc1.guid, coderGuid: CODER, text: text1, start: 0, end: text1.length });
  const s2 = createSegment({ projectGuid: P, documentGuid: doc2.guid, coderGuid: CODER, text: text2, start: 0, end: 20 });
  const a = theme({ name: 'Verbinding <houden>', order: 0, definition: 'Hoe school & ouders contact hielden.', scopeNote: 'Niet: lesstof.', codeGuids: [child.guid, 'dddddddd-0000-4000-8000-00000000dead'], quoteSegmentGuids: [s2.guid, s1.guid, 'dddddddd-0000-4000-8000-00000000beef'] });
  const sub = theme({ name: 'Telefoon', order: 0, parentGuid: a.guid, codeGuids: [parent.guid] });
  const b = theme({ name: 'Middelen', order: 1, codeGuids: [other.guid] });
  const variables: VariableDefinition[] = ['school', 'groep'].map((name, order) => ({ guid: crypto.randomUUID(), projectGuid: P, name, type: 'text', order }));
  return {
    project: { guid: P, name: 'Studie', createdAt: '', updatedAt: '', ownerCoderGuid: CODER, template: null, citationTemplate: '({groep}, {school})' },
    coders: [],
    documents: [doc1, doc2],
    texts: [],
    codes: [other, child, parent],
    segments: [s1, s2],
    codings: [],
    variables,
    groups: [],
    memos: [],
    themes: [b, sub, a],
    attempts: [],
  };
}

describe('the themes report', () => {
  it('lists themes in board order with sub-themes right after their theme', () => {
    const rows = themeReport(sample());
    expect(rows.map((r) => [r.number, r.theme.name, r.depth])).toEqual([
      ['1', 'Verbinding <houden>', 0],
      ['1.1', 'Telefoon', 1],
      ['2', 'Middelen', 0],
    ]);
  });

  it('gives each theme its codes by path and its quotations in the order picked, with citations, leaving out what is gone', () => {
    const [first] = themeReport(sample());
    expect(first?.codes.map((c) => c.path)).toEqual(['Contact › Bellen & <mailen>']);
    expect(first?.quotations.map((q) => [q.text, q.citation])).toEqual([
      ['We kregen een laptop', '(Zuid)'],
      ['De mentor belde elke week.\nDat hielp.', '(Ouder, Noord)'],
    ]);
  });

  it('shows a theme whose parent is missing, or that is its own parent, at the top level', () => {
    const data = sample();
    const lost = theme({ name: 'Los', order: 5, parentGuid: 'eeeeeeee-0000-4000-8000-000000000000' });
    const self = theme({ name: 'Zelf', order: 6 });
    const rows = themeReport({ ...data, themes: [...data.themes, lost, { ...self, parentGuid: self.guid }] });
    expect(rows.map((r) => [r.number, r.theme.name])).toEqual([['1', 'Verbinding <houden>'], ['1.1', 'Telefoon'], ['2', 'Middelen'], ['3', 'Los'], ['4', 'Zelf']]);
  });
});

describe('the themes report as HTML', () => {
  const html = themesHtml(sample(), { projectName: 'Studie "A" <1>', lang: 'nl', date: '23 november 2026' });
  const doc = new DOMParser().parseFromString(html, 'text/html');

  it('is one page without scripts or outside files, that starts each theme on a new printed page', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="nl">');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/);
    expect(html).toMatch(/@media print \{[^]*section\.theme \{ break-before: page/);
    expect(doc.title).toBe('Themes: Studie "A" <1>');
  });

  it('carries a policy that lets it run no script and load nothing, first in its head', () => {
    const meta = doc.querySelector('head meta[http-equiv="Content-Security-Policy"]');
    expect(meta?.getAttribute('content')).toBe(REPORT_POLICY);
    expect(REPORT_POLICY).toMatch(/^default-src 'none';/);
    expect(REPORT_POLICY).not.toMatch(/script-src|unsafe-eval|https?:/);
  });

  it('names whose coding its quotations are, when told', () => {
    const withCoding = new DOMParser().parseFromString(themesHtml(sample(), { projectName: 'P', lang: 'nl', date: 'd', coding: 'Codering: de consensus' }), 'text/html');
    expect([...withCoding.querySelectorAll('header .meta')].map((p) => p.textContent)).toEqual(['d', 'Codering: de consensus']);
  });

  it('escapes every text from the project', () => {
    expect(html).not.toContain('<houden>');
    expect(html).not.toContain('<mailen>');
    expect(html).toContain('Verbinding &lt;houden&gt;');
    expect(doc.querySelector('h1')?.textContent).toBe('Themes: Studie "A" <1>');
  });

  it('has a section per theme with the sub-theme inside, each with definition, scope, codes and quotations in order', () => {
    const sections = [...doc.querySelectorAll('section.theme')];
    expect(sections.map((s) => s.querySelector('h2')?.textContent)).toEqual(['1 Verbinding <houden>', '2 Middelen']);
    const first = sections[0]!;
    expect(first.querySelector('section.sub-theme h3')?.textContent).toBe('1.1 Telefoon');
    expect(first.querySelector('.definition')?.textContent).toBe('Definition: Hoe school & ouders contact hielden.');
    expect(first.querySelector('.scope')?.textContent).toBe('Scope: Niet: lesstof.');
    expect([...first.querySelectorAll(':scope > ul.codes li')].map((li) => li.textContent)).toEqual(['Contact › Bellen & <mailen>']);
    expect([...first.querySelectorAll(':scope > blockquote')].map((q) => [q.querySelector('p')?.textContent, q.querySelector('cite')?.textContent])).toEqual([
      ['We kregen een laptop', '(Zuid)'],
      ['De mentor belde elke week.\nDat hielp.', '(Ouder, Noord)'],
    ]);
    expect(sections[1]?.querySelector('.definition')?.textContent).toBe('No definition yet.');
    expect(sections[1]?.textContent).toContain('No quotations picked.');
  });

  it('has contents that link to every theme, sub-themes nested', () => {
    const links = [...doc.querySelectorAll('nav a')];
    expect(links.map((a) => a.textContent)).toEqual(['1 Verbinding <houden>', '1.1 Telefoon', '2 Middelen']);
    for (const a of links) expect(doc.getElementById(a.getAttribute('href')!.slice(1))).not.toBeNull();
    expect(doc.querySelector('nav ol > li > ol > li')?.textContent).toBe('1.1 Telefoon');
  });

  it('says plainly when there are no themes yet', () => {
    const empty = new DOMParser().parseFromString(themesHtml({ ...sample(), themes: [] }, { projectName: 'Leeg', lang: 'en', date: 'today' }), 'text/html');
    expect(empty.querySelector('.no-themes')?.textContent).toMatch(/No themes yet/);
    expect(empty.querySelector('nav')).toBeNull();
  });
});

/** The visible text of each paragraph of word/document.xml, in order. */
async function docxParagraphs(bytes: Uint8Array): Promise<{ style: string | null; text: string }[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  const doc = new DOMParser().parseFromString(xml ?? '', 'application/xml');
  return [...doc.getElementsByTagName('w:p')].map((p) => ({
    style: p.getElementsByTagName('w:pStyle')[0]?.getAttribute('w:val') ?? null,
    text: [...p.getElementsByTagName('w:t')].map((t) => t.textContent).join(''),
  }));
}

describe('the themes report as .docx', () => {
  it('is a Word document with the title, each theme as a heading, its codes and its quotations in order', async () => {
    const bytes = await themesDocx(sample(), { projectName: 'Studie <A>', lang: 'nl', date: '23 november 2026' });
    // A zip file (PK), as Word documents are.
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const paragraphs = await docxParagraphs(bytes);
    expect(paragraphs[0]).toEqual({ style: 'Title', text: 'Themes: Studie <A>' });
    const headings = paragraphs.filter((p) => p.style?.startsWith('Heading'));
    expect(headings).toEqual([
      { style: 'Heading1', text: '1 Verbinding <houden>' },
      { style: 'Heading2', text: '1.1 Telefoon' },
      { style: 'Heading1', text: '2 Middelen' },
    ]);
    const texts = paragraphs.map((p) => p.text);
    const at = (s: string) => texts.findIndex((t) => t.includes(s));
    expect(at('Definition: Hoe school & ouders contact hielden.')).toBeGreaterThan(at('1 Verbinding'));
    expect(at('Contact › Bellen & <mailen>')).toBeGreaterThan(at('Scope: Niet: lesstof.'));
    expect(texts).toContain('We kregen een laptop (Zuid)');
    expect(texts).toContain('De mentor belde elke week.Dat hielp. (Ouder, Noord)');
    expect(at('We kregen een laptop')).toBeLessThan(at('De mentor belde'));
    expect(at('De mentor belde')).toBeLessThan(at('1.1 Telefoon'));
  });

  it('says plainly when there are no themes yet', async () => {
    const paragraphs = await docxParagraphs(await themesDocx({ ...sample(), themes: [] }, { projectName: 'Leeg', lang: 'en', date: 'today' }));
    expect(paragraphs.map((p) => p.text)).toContain('No themes yet: build themes from codes on the Themes tab, then make the report again.');
  });
});
