import { useTranslation } from 'react-i18next';
import type { MergeOutcome, MergePreparation } from '../../../commands/merge';
import type { MergeReport } from '../../../domain/merge';

/** The report after merging: what was added, already there and skipped, in total and per file. */
export function MergeReportView({ prep, outcome }: { prep: MergePreparation; outcome: MergeOutcome }) {
  const { t } = useTranslation();
  const names = prep.files.flatMap((f) => (f.ok ? [f.name] : []));
  const skippedCodings = outcome.total.skipped.codings > 0;
  return (
    <div className="merge-report">
      <p>{t('team.merge.undoHint')}</p>
      {names.length > 1 && <ReportTable caption={t('team.merge.total')} report={outcome.total} />}
      {outcome.files.map((report, i) => (
        <ReportTable key={i} caption={names[i] ?? ''} report={report} />
      ))}
      {skippedCodings && <p className="hint">{t('team.merge.skippedExplained')}</p>}
    </div>
  );
}

const NONE = (
  <span className="muted" aria-hidden="true">
    –
  </span>
);

function ReportTable({ caption, report }: { caption: string; report: MergeReport }) {
  const { t } = useTranslation();
  const { added, matched, skipped } = report;
  const rows: [string, number, number | null, number | null][] = [
    ['team.merge.rowCoders', added.coders, matched.coders, null],
    ['team.merge.rowDocuments', added.documents, matched.documents, null],
    ['team.merge.rowCodes', added.codes, matched.codes, null],
    ['team.merge.rowSegments', added.segments, matched.segments, skipped.segments],
    ['team.merge.rowCodings', added.codings, matched.codings, skipped.codings],
    ['team.merge.rowComments', added.comments, null, null],
    ['team.merge.rowMemos', added.memos, matched.memos, skipped.memos],
    ['team.merge.rowVariables', added.variables, matched.variables, null],
    ['team.merge.rowVariableValues', added.variableValues, null, null],
    ['team.merge.rowGroups', added.groups, matched.groups, null],
    ['team.merge.rowThemes', added.themes, matched.themes, null],
    ['team.merge.rowAttempts', added.attempts, matched.attempts, null],
  ];
  return (
    <>
      <table className="merge-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('team.merge.what')}</th>
            <th scope="col">{t('team.merge.added')}</th>
            <th scope="col">{t('team.merge.matched')}</th>
            <th scope="col">{t('team.merge.skipped')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, a, m, s]) => (
            <tr key={label}>
              <th scope="row">{t(label)}</th>
              <td>{a}</td>
              <td>{m ?? NONE}</td>
              <td>{s ?? NONE}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.codersByName.length > 0 && <p>{t('team.merge.codersByName', { names: report.codersByName.join(', ') })}</p>}
      {skipped.conflicts.length > 0 && <p className="merge-warning">{t('team.merge.conflicts', { items: skipped.conflicts.join('; ') })}</p>}
      {skipped.documentsWithOtherText.length > 0 && (
        <p className="merge-warning">{t('team.merge.skippedDocuments', { names: skipped.documentsWithOtherText.map((n) => `“${n}”`).join(', ') })}</p>
      )}
    </>
  );
}
