import type { StudentResult } from '../../../domain/exercise';
import type { Attempt } from '../../../domain/model';
import { toCsv } from '../../../io/tables';
import { resultsTable } from './results';

const attempt = (guid: string, createdAt: string, found: number): Attempt => ({
  guid,
  projectGuid: 'p',
  coderGuid: 's',
  createdAt,
  documentGuids: ['d'],
  threshold: 0.5,
  overall: { reference: 4, student: 3, found, extra: 1, recall: found / 4, precision: 2 / 3 },
  codes: [
    { codeGuid: 'a', reference: 2, student: 2, found, extra: 0, recall: 1, precision: 1, percentAgreement: 90, cohenKappa: 0.6 },
    { codeGuid: 'b', reference: 2, student: 1, found: 0, extra: 1, recall: 0, precision: 0, percentAgreement: 70, cohenKappa: null },
  ],
});

describe('the results table as CSV', () => {
  it('has one row per attempt, marks the latest, and averages agreement and kappa over the codes', () => {
    const rows: StudentResult[] = [
      { coder: { guid: 's', projectGuid: 'p', name: 'Sanne', color: '#000000' }, attempts: [attempt('1', '2026-01-01T10:00:00.000Z', 1), attempt('2', '2026-01-02T10:00:00.000Z', 3)] },
      { coder: { guid: 't', projectGuid: 'p', name: 'Tim', color: '#000000' }, attempts: [] },
    ];
    const table = resultsTable(rows, new Map([['d', 'Interview 1']]), 'Results');
    expect(table.rows).toEqual([
      ['Sanne', 1, 'no', '2026-01-01T10:00:00.000Z', 'Interview 1', 4, 3, 1, 1, 0.25, 0.666667, 80, 0.6, 0.5],
      ['Sanne', 2, 'yes', '2026-01-02T10:00:00.000Z', 'Interview 1', 4, 3, 3, 1, 0.75, 0.666667, 80, 0.6, 0.5],
      ['Tim', 0, 'yes', null, null, null, null, null, null, null, null, null, null, null],
    ]);
    expect(toCsv(table).split('\r\n')[0]).toBe('\uFEFFstudent,attempt,latest,date,documents,reference,studentPassages,found,extra,recall,precision,percentAgreement,cohenKappa,threshold');
  });
});
