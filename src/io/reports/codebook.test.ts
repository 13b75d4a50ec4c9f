import { createCode, createCoder, createCoding, createMemo, createSegment } from '../../domain/factories';
import type { Code, Coding } from '../../domain/model';
import { toCsv } from '../tables';
import { codebookHtml } from './codebook-html';
import { escapeHtml } from './html';
import { codebookTable, type CodebookData } from './codebook';

const P = 'aaaaaaaa-0000-4000-8000-000000000001';
const anna = createCoder(P, 'Anna', '#000000');
const ben = createCoder(P, 'Ben <b>', '#111111');

function sample(): CodebookData & { codes: Code[] } {
  const top = { ...createCode({ projectGuid: P, parentGuid: null, name: 'Communicatie', color: '#1f77b4', order: 0, definition: 'Contact tussen school en ouders.' }), shortcut: 1 };
  const child = createCode({ projectGuid: P, parentGuid: top.guid, name: 'Tweerichting', color: '#ff7f0e', order: 0 });
  const other = createCode({ projectGuid: P, parentGuid: null, name: 'Laptops & <wifi>', color: 'red; background: url(x)', order: 1 });
  const text = 'De mentor belde elke week.';
  const seg = (coder: string) => createSegment({ projectGuid: P, documentGuid: 'dddddddd-0000-4000-8000-000000000001', coderGuid: coder, text, start: 0, end: 9 });
  const codings: Coding[] = [createCoding(seg(anna.guid), top.guid), createCoding(seg(anna.guid), child.guid), createCoding(seg(ben.guid), child.guid)];
  const memo = createMemo({ projectGuid: P, authorGuid: anna.guid, targetKind: 'code', targetGuid: child.guid, title: 'Twijfel', text: 'Ook e-mail?\nNog bespreken.' });
  return { codes: [other, child, top], codings, coders: [anna, ben], memos: [memo] };
}

describe('the codebook table', () => {
  it('has a row per code in codebook order with its path, level, counts and memos', () => {
    const table = codebookTable(sample());
    expect(table.columns).toEqual(['Path', 'Code', 'Parent', 'Level', 'Definition', 'Colour', 'Key', 'Codings', 'Codings incl. sub-codes', 'Memos']);
    expect(table.rows).toEqual([
      ['Communicatie', 'Communicatie', '', 1, 'Contact tussen school en ouders.', '#1f77b4', 1, 1, 3, ''],
      ['Communicatie › Tweerichting', 'Tweerichting', 'Communicatie', 2, '', '#ff7f0e', null, 2, 2, 'Twijfel\nOok e-mail?\nNog bespreken.'],
      ['Laptops & <wifi>', 'Laptops & <wifi>', '', 1, '', 'red; background: url(x)', null, 0, 0, ''],
    ]);
  });

  it('writes to CSV with the memo’s line breaks kept inside one field', () => {
    const csv = toCsv(codebookTable(sample()));
    expect(csv).toContain('"Twijfel\nOok e-mail?\nNog bespreken."');
  });
});

describe('the codebook report', () => {
  const html = codebookHtml(sample(), { projectName: 'Studie "A"', lang: 'nl', date: '23-11-2026' });

  it('is one page without scripts or outside files, and prints each top-level code on a new page', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="nl">');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/);
    expect(html).toMatch(/@media print \{[^]*section\.top \{ break-before: page/);
    expect(html.match(/<section class="top">/g)).toHaveLength(2);
  });

  it('shows each code with its path, definition, counts per coder and memos', () => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const articles = [...doc.querySelectorAll('article')];
    expect(articles.map((a) => a.querySelector('h2, h3')?.textContent)).toEqual(['Communicatie 1', 'Tweerichting', 'Laptops & <wifi>']);
    const child = articles[1]!;
    expect(child.querySelector('.path')?.textContent).toBe('Communicatie › Tweerichting');
    expect([...child.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual(['Anna1', 'Ben <b>1', 'Codings2']);
    expect(child.querySelector('.memo h5')?.textContent).toBe('Twijfel');
    expect(child.querySelector('.memo-text')?.textContent).toBe('Ook e-mail?\nNog bespreken.');
    expect(articles[0]!.querySelector('.definition')?.textContent).toBe('Contact tussen school en ouders.');
    expect(articles[0]!.textContent).toContain('incl. sub-codes3');
  });

  it('escapes every text from the project and refuses colours that are not colours', () => {
    expect(html).toContain('Laptops &amp; &lt;wifi&gt;');
    expect(html).toContain('Ben &lt;b&gt;');
    expect(html).toContain('<title>Codebook: Studie &quot;A&quot;</title>');
    expect(html).not.toContain('red; background');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('says so when there are no codes', () => {
    expect(codebookHtml({ codes: [], codings: [], coders: [], memos: [] }, { projectName: 'Leeg', lang: 'en', date: '' })).toContain('The codebook has no codes.');
  });
});
