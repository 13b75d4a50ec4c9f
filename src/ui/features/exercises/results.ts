/** The teacher's results table as rows for CSV (io/tables): one row per attempt of every student. */
import type { StudentResult } from '../../../domain/exercise';
import { meanOverCodes } from '../../../domain/exercise';
import type { Guid } from '../../../domain/model';
import type { TableData } from '../../../io/tables';

export const RESULT_COLUMNS = ['student', 'attempt', 'latest', 'date', 'documents', 'reference', 'studentPassages', 'found', 'extra', 'recall', 'precision', 'percentAgreement', 'cohenKappa', 'threshold'] as const;

const round = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : Math.round(v * 1e6) / 1e6);

/**
 * Every attempt of every student, oldest first per student, with "latest" marking the one the
 * table shows. Percent agreement (0-100) and kappa are the mean over the attempt's codes.
 */
export function resultsTable(rows: readonly StudentResult[], documentNames: ReadonlyMap<Guid, string>, name: string): TableData {
  return {
    name,
    columns: [...RESULT_COLUMNS],
    rows: rows.flatMap(({ coder, attempts }) =>
      attempts.length === 0
        ? [[coder.name, 0, 'yes', null, null, null, null, null, null, null, null, null, null, null]]
        : attempts.map((a, i) => [
            coder.name,
            i + 1,
            i === attempts.length - 1 ? 'yes' : 'no',
            a.createdAt,
            a.documentGuids.map((d) => documentNames.get(d) ?? d).join('; '),
            a.overall.reference,
            a.overall.student,
            a.overall.found,
            a.overall.extra,
            round(a.overall.recall),
            round(a.overall.precision),
            round(meanOverCodes(a, 'percentAgreement')),
            round(meanOverCodes(a, 'cohenKappa')),
            a.threshold,
          ]),
    ),
  };
}
