import { useTranslation } from 'react-i18next';
import type { Attempt, Guid } from '../../../domain/model';
import { Figure, useDateTime, usePercent } from './format';

/** Recall and precision over attempts as two lines, 0% at the bottom and 100% at the top. */
export function Sparkline({ attempts }: { attempts: readonly Attempt[] }) {
  const { t } = useTranslation();
  const percent = usePercent();
  if (attempts.length < 2) return null;
  const width = 160;
  const height = 40;
  const x = (i: number) => 4 + (i * (width - 8)) / (attempts.length - 1);
  const y = (v: number) => height - 4 - v * (height - 8);
  const line = (key: 'recall' | 'precision') =>
    attempts
      .map((a, i) => [i, a.overall[key]] as const)
      .filter((p): p is readonly [number, number] => p[1] !== null)
      .map(([i, v]) => `${x(i)},${y(v)}`)
      .join(' ');
  const values = (key: 'recall' | 'precision') => attempts.map((a) => (a.overall[key] === null ? '—' : percent(a.overall[key] as number))).join(', ');
  return (
    <figure className="fb-sparkline">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('exercises.progress.sparkline', { recall: values('recall'), precision: values('precision') })}>
        <line x1={0} x2={width} y1={y(1)} y2={y(1)} className="fb-spark-grid" />
        <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="fb-spark-grid" />
        <polyline points={line('recall')} className="fb-spark-recall" fill="none" />
        <polyline points={line('precision')} className="fb-spark-precision" fill="none" />
      </svg>
      <figcaption className="hint">
        <span className="fb-key fb-key-recall" aria-hidden="true" /> {t('exercises.fb.recall')} <span className="fb-key fb-key-precision" aria-hidden="true" /> {t('exercises.fb.precision')}
      </figcaption>
    </figure>
  );
}

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
