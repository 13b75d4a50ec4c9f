import { useTranslation } from 'react-i18next';
import type { Attempt, Guid } from '../../../domain/model';
import { Figure, useDateTime, usePercent } from './format';

/** A student's attempts, oldest first: when, on which documents, what was found, recall and precision. */
export function AttemptsTable({ attempts, documentNames, caption }: { attempts: readonly Attempt[]; documentNames: ReadonlyMap<Guid, string>; caption: string }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const date = useDateTime();
  return (
    <table className="fb-table fb-attempts">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('exercises.progress.number')}</th>
          <th scope="col">{t('exercises.progress.date')}</th>
          <th scope="col">{t('exercises.progress.documents')}</th>
          <th scope="col">{t('exercises.fb.found')}</th>
          <th scope="col">{t('exercises.fb.extra')}</th>
          <th scope="col">{t('exercises.fb.recall')}</th>
          <th scope="col">{t('exercises.fb.precision')}</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a, i) => (
          <tr key={a.guid}>
            <th scope="row">{i + 1}</th>
            <td>{date(a.createdAt)}</td>
            <td>{a.documentGuids.map((d) => documentNames.get(d) ?? '?').join(', ')}</td>
            <td>{t('exercises.fb.foundOf', { found: a.overall.found, count: a.overall.reference })}</td>
            <td>{a.overall.extra}</td>
            <td>
              <Figure value={a.overall.recall} format={percent} />
            </td>
            <td>
              <Figure value={a.overall.precision} format={percent} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
