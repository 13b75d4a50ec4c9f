import { NO_FILTER } from '../../domain/analysis/filter';
import { quotationMatrix } from '../../domain/analysis/matrix';
import { fixtureProject } from '../../domain/analysis/matrix-fixture';
import { escapeHtml } from './html';
import { quotationMatrixHtml } from './matrix-html';

const { data, ids } = fixtureProject({
  documents: [
    { name: 'Ouder 1', text: 'De school <script>alert(1)</script> belde & mailde.', variables: { groep: 'Ouder' } },
    { name: 'Leraar 1', text: 'Wij belden "elke" week.', variables: { groep: 'Leraar' } },
  ],
  codes: [{ name: 'Contact' }, { name: 'Bellen', parent: 'Contact' }, { name: 'Leeg' }],
  segments: [
    { doc: 'Ouder 1', at: 'De school <script>alert(1)</script> belde', codes: ['Bellen'] },
    { doc: 'Leraar 1', at: 'Wij belden "elke" week.', codes: ['Bellen'] },
  ],
  citationTemplate: '({groep})',
});

function render(skipEmpty = false) {
  const m = quotationMatrix(data, { columns: { kind: 'variable', name: 'groep' }, filter: NO_FILTER });
  const html = quotationMatrixHtml(
    m,
    { title: 'Within-case <matrix>', subtitle: ['School Noord'], code: 'Code', lang: 'en', coderName: (g) => (g === ids.Anna ? 'Anna' : undefined) },
    { skipEmpty },
  );
  return { html, doc: new DOMParser().parseFromString(html, 'text/html') };
}

describe('the quotation matrix as HTML', () => {
  it('is one self-contained document with the quotations in their cells and citations', () => {
    const { html, doc } = render();
    expect(doc.title).toBe('Within-case <matrix>');
    expect([...doc.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Code', 'Leraar', 'Ouder']);
    const rows = [...doc.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(['Contact', 'Bellen', 'Leeg']);
    const bellen = rows[1]!.querySelectorAll('td');
    expect(bellen[0]?.querySelector('blockquote')?.firstChild?.textContent).toBe('Wij belden "elke" week.');
    expect(bellen[0]?.querySelector('cite')?.textContent).toBe('(Leraar) · Anna');
    expect(bellen[1]?.querySelector('blockquote')?.firstChild?.textContent).toBe('De school <script>alert(1)</script> belde');
    expect(doc.querySelectorAll('script, link, img')).toHaveLength(0);
    expect(html).toContain('@media print');
    expect(html).toContain('display: table-header-group');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('leaves out rows without quotations when asked', () => {
    const { doc } = render(true);
    expect([...doc.querySelectorAll('tbody th')].map((th) => th.textContent)).toEqual(['Bellen']);
  });

  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
