import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DomainAgreement } from '../../../domain/agreement';
import type { Coder } from '../../../domain/model';
import { Figure } from './Figure';
import { figureFormat } from './format';

/**
 * Krippendorff's alphas per domain (a parent code; its direct children are the values, their
 * subcodes rolled up), with a warning naming the coders whose segments overlap within a domain.
 */
export const DomainTable = memo(function DomainTable({ domains, coders }: { domains: readonly DomainAgreement[]; coders: readonly Coder[] }) {
  const { t, i18n } = useTranslation();
  const number = useMemo(() => figureFormat(i18n.language, 3), [i18n.language]);
  const names = new Map(coders.map((c) => [c.guid, c.name]));
  const format = (v: number) => number.format(v);
  const undefinedText = t('agreement.undefined');
  return (
    <div className="agreement-table-wrap">
      <table className="agreement-table">
        <caption>
          {t('agreement.domains.caption')} <span className="muted">{t('agreement.domains.explain')}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('agreement.domains.domain')}</th>
            <th scope="col">{t('agreement.domains.uAlpha')}</th>
            <th scope="col">{t('agreement.domains.binaryUAlpha')}</th>
            <th scope="col">{t('agreement.domains.cuAlpha')}</th>
          </tr>
        </thead>
        <tbody>
          {domains.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                {t('agreement.domains.none')}
              </td>
            </tr>
          )}
          {domains.map((domain) => (
            <tr key={domain.guid}>
              <th scope="row">
                {domain.name}
                {domain.overlapping.length > 0 && (
                  <span className="agreement-warning">
                    <span aria-hidden="true">⚠ </span>
                    {t('agreement.domains.overlap', {
                      count: domain.overlapping.length,
                      coders: domain.overlapping.map((g) => names.get(g) ?? g).join(', '),
                    })}
                  </span>
                )}
              </th>
              <td>
                <Figure value={domain.uAlpha} format={format} undefinedText={undefinedText} />
              </td>
              <td>
                <Figure value={domain.binaryUAlpha} format={format} undefinedText={undefinedText} />
              </td>
              <td>
                <Figure value={domain.cuAlpha} format={format} undefinedText={undefinedText} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
