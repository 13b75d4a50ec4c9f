import JSZip from 'jszip';
import { toCsv, toXlsx } from './index';

describe('tables as files', () => {
  it('writes CSV with a header, quotes where needed and defuses formulas', () => {
    const csv = toCsv({ name: 't', columns: ['code', 'n'], rows: [['Zorgen, angst', 3], ['=SUM(A1)', null], ['café 😀', 1.5]] });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual(['code,n', '"Zorgen, angst",3', `"'=SUM(A1)",`, 'café 😀,1.5']);
  });

  it('writes an XLSX workbook with one sheet per table, names made valid and unique', async () => {
    const blob = await toXlsx([
      { name: 'Matrix: codes/documenten', columns: ['a'], rows: [[1]] },
      { name: 'Matrix: codes/documenten', columns: ['b'], rows: [['tekst']] },
    ]);
    const zip = await JSZip.loadAsync(new Uint8Array(await blob.arrayBuffer()));
    const workbook = await zip.file('xl/workbook.xml')?.async('string');
    expect(workbook).toContain('name="Matrix  codes documenten"');
    expect(workbook).toContain('name="Matrix  codes documenten 2"');
    const sheets = Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/sheet'));
    expect(sheets).toHaveLength(2);
  });
});
