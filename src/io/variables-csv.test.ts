import { createDocument } from '../domain/factories';
import type { DocumentRecord } from '../domain/model';
import { createVariableDefinition } from '../domain/variables';
import { parseCsvTable, planVariablesImport } from './variables-csv';

const P = '11111111-1111-4111-8111-111111111111';
const doc = (name: string, order: number): DocumentRecord => createDocument({ projectGuid: P, name, length: 10, sha256: 'x', order });
const docs = [doc('Noorderhaven – ouder', 0), doc('Zuiderlicht – leerlingen', 1), doc('Panel', 2), doc('Panel', 3)];
const defs = [createVariableDefinition({ projectGuid: P, name: 'school', type: 'text', order: 0 }), createVariableDefinition({ projectGuid: P, name: 'datum', type: 'date', order: 1 })];

function plan(csv: string) {
  const table = parseCsvTable(csv);
  if (!table.ok) throw new Error(table.reason);
  return planVariablesImport(table.value, docs, defs);
}

describe('variables from CSV', () => {
  it('matches rows by the first column, ignoring case and diacritics, and types new columns from their values', () => {
    const p = plan('Document,School,leeftijd,ouder aanwezig\r\nnoorderhaven – ouder,Noord,41,ja\r\nZuiderlicht – leerlingen,Zuid,15,nee\r\n');
    expect(p.key).toEqual({ index: 0, header: 'Document', by: 'name' });
    expect(p.columns.map((c) => [c.header, c.variable, c.type, c.isNew])).toEqual([
      ['School', 'school', 'text', false],
      ['leeftijd', 'leeftijd', 'number', true],
      ['ouder aanwezig', 'ouder aanwezig', 'boolean', true],
    ]);
    expect(p.matched).toEqual([
      { row: 2, documentGuid: docs[0]?.guid, documentName: 'Noorderhaven – ouder', values: { school: 'Noord', leeftijd: '41', 'ouder aanwezig': 'true' } },
      { row: 3, documentGuid: docs[1]?.guid, documentName: 'Zuiderlicht – leerlingen', values: { school: 'Zuid', leeftijd: '15', 'ouder aanwezig': 'false' } },
    ]);
    expect(p.unmatched).toEqual([]);
    expect(p.refused).toEqual([]);
  });

  it('reads a semicolon-separated file with a byte-order mark, as Dutch Excel saves it', () => {
    const p = plan('\uFEFFnaam;datum;uren\nPanel x;1-2-2021;3,5\nZuiderlicht – leerlingen;9-3-2021;2\n');
    expect(p.key.header).toBe('naam');
    expect(p.matched[0]?.values).toEqual({ datum: '2021-03-09', uren: '2' });
    expect(p.columns.find((c) => c.header === 'uren')?.type).toBe('number');
    expect(p.unmatched).toEqual([{ row: 2, key: 'Panel x', reason: 'missing' }]);
  });

  it('reports documents not found, ambiguous names and repeated rows with their row numbers', () => {
    const p = plan('document,school\nOnbekend,A\nPanel,B\n,C\n\nnoorderhaven – ouder,D\nNoorderhaven – ouder,E\n');
    expect(p.unmatched).toEqual([
      { row: 2, key: 'Onbekend', reason: 'missing' },
      { row: 3, key: 'Panel', reason: 'ambiguous' },
      { row: 4, key: '', reason: 'empty' },
      { row: 7, key: 'Noorderhaven – ouder', reason: 'duplicate' },
    ]);
    expect(p.matched.map((m) => [m.row, m.values])).toEqual([[6, { school: 'D' }]]);
  });

  it('refuses values that do not fit an existing variable, saying row, column and value', () => {
    const p = plan('document,datum\nNoorderhaven – ouder,gisteren\nZuiderlicht – leerlingen,2021-03-09\n');
    expect(p.refused).toEqual([{ row: 2, column: 'datum', value: 'gisteren', type: 'date' }]);
    expect(p.matched.map((m) => m.values)).toEqual([{}, { datum: '2021-03-09' }]);
  });

  it('matches by a GUID column when there is one, leaving a name column aside', () => {
    const guid = docs[2]?.guid ?? '';
    const p = plan(`document,guid,school\nwhatever,{${guid.toUpperCase()}},Panelschool\n`);
    expect(p.key).toEqual({ index: 1, header: 'guid', by: 'guid' });
    expect(p.skipped).toEqual([{ index: 0, header: 'document', reason: 'identifier' }]);
    expect(p.matched).toEqual([{ row: 2, documentGuid: guid, documentName: 'Panel', values: { school: 'Panelschool' } }]);
  });

  it('skips columns without a name and repeated columns', () => {
    const p = plan('document,,School,school\nPanel x,1,2,3\n');
    expect(p.skipped).toEqual([
      { index: 1, header: '', reason: 'no-name' },
      { index: 3, header: 'school', reason: 'duplicate' },
    ]);
  });

  it('says so when the file is empty or its quotes are broken', () => {
    expect(parseCsvTable('  \n')).toMatchObject({ ok: false, reason: 'csv-empty' });
    expect(parseCsvTable('document,school\n"Panel,Noord\n')).toMatchObject({ ok: false, reason: 'csv-unreadable' });
  });
});
