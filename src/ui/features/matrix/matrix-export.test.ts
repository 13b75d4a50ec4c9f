import { NO_FILTER } from '../../../domain/analysis/filter';
import { computeCooccurrence, computeMatrix, quotationMatrix } from '../../../domain/analysis/matrix';
import { fixtureProject } from '../../../domain/analysis/matrix-fixture';
import { toCsv } from '../../../io/tables';
import { cooccurrenceCsvTable, cooccurrenceTables, matrixTable, quotationTable } from './matrix-export';

const { data } = fixtureProject({
  documents: [
    { name: 'A', text: 'een twee drie vier', variables: { type: 'po' } },
    { name: 'B', text: 'vijf zes zeven', variables: { type: 'vo' } },
    { name: 'C', text: 'acht negen' },
  ],
  codes: [{ name: 'Thema' }, { name: '=Sub', parent: 'Thema' }, { name: 'Twee' }],
  segments: [
    { doc: 'A', at: 'een twee', codes: ['=Sub', 'Twee'] },
    { doc: 'B', at: 'zes', codes: ['Thema'] },
  ],
  citationTemplate: '({type})',
});
const labels = { name: 'Matrix', code: 'Code', path: 'Path', total: 'Total', column: (key: string, label: string, n: number) => `${key === '' ? '(none)' : label} [${n}]` };

describe('matrix exports', () => {
  it('writes the count matrix with code paths, one column per value and the total', () => {
    const m = computeMatrix(data, { columns: { kind: 'variable', name: 'type' }, count: 'segments', filter: NO_FILTER });
    const table = matrixTable(m, labels);
    expect(table.columns).toEqual(['Code', 'Path', 'po [1]', 'vo [1]', '(none) [1]', 'Total']);
    expect(table.rows).toEqual([
      ['Thema', 'Thema', 1, 1, 0, 2],
      ['=Sub', 'Thema / =Sub', 1, 0, 0, 1],
      ['Twee', 'Twee', 1, 0, 0, 1],
    ]);
    // A code name starting with = is never run as a formula.
    expect(toCsv(table)).toContain(`"'=Sub"`);
  });

  it('writes co-occurrence as one sheet per value, and as one CSV with the value in front', () => {
    const m = computeCooccurrence(data, { filter: NO_FILTER, splitBy: 'type' });
    const split = { ...labels, split: (key: string, label: string) => (key === '' ? '(none)' : label), splitHeader: 'type' };
    const sheets = cooccurrenceTables(m, split);
    expect(sheets.map((s) => s.name)).toEqual(['po', 'vo', '(none)']);
    expect(sheets[0]?.rows[2]).toEqual(['Twee', 'Twee', 1, 1, 1]);
    const csv = cooccurrenceCsvTable(m, split);
    expect(csv.columns).toEqual(['type', 'Code', 'Path', 'Thema', '=Sub', 'Twee']);
    expect(csv.rows).toHaveLength(9);
    expect(csv.rows[3]).toEqual(['vo', 'Thema', 'Thema', 1, 0, 0]);
    const single = cooccurrenceCsvTable(computeCooccurrence(data, { filter: NO_FILTER }), split);
    expect(single.columns[0]).toBe('Code');
  });

  it('writes the quotation matrix with the quotations and citations in the cells', () => {
    const q = quotationMatrix(data, { columns: { kind: 'documents' }, filter: NO_FILTER });
    const table = quotationTable(q, labels);
    expect(table.rows[1]).toEqual(['=Sub', 'Thema / =Sub', 'een twee (po)', '', '']);
    expect(table.rows[0]).toEqual(['Thema', 'Thema', '', 'zes (vo)', '']);
  });
});
