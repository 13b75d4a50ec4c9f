import { useTranslation } from 'react-i18next';
import type { RefiReport } from '../../../io/refi/types';

/**
 * What a REFI-QDA import left out, repaired, and how it counted each document's positions. The
 * standard (section 7) asks that every discarded element be listed to the user; the items
 * themselves are io/refi's English text.
 */
export function RefiReportView({ report, level = 3 }: { report: RefiReport; level?: 3 | 4 }) {
  const { t } = useTranslation();
  const H = level === 3 ? 'h3' : 'h4';
  return (
    <div className="refi-report">
      <p className="hint">{t('bundles.refiDetailsInEnglish')}</p>
      <H>{t('bundles.refiDiscarded')}</H>
      {report.discarded.length === 0 ? (
        <p>{t('bundles.refiNothingDiscarded')}</p>
      ) : (
        <ul className="refi-list">
          {report.discarded.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
      {report.warnings.length > 0 && (
        <>
          <H>{t('bundles.refiWarnings')}</H>
          <ul className="refi-list">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
      {report.positionConvention.length > 0 && (
        <>
          <H>{t('bundles.refiPositions')}</H>
          <ul className="refi-list">
            {report.positionConvention.map((d, i) => (
              <li key={i}>
                {t('bundles.refiPosition', { name: d.name, convention: d.positionConvention, decidedBy: t(`bundles.refiDecidedBy.${d.decidedBy}`) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
