import { useTranslation } from 'react-i18next';

/**
 * A figure of the agreement tables. An undefined coefficient (null) shows as a dash whose tooltip,
 * and whose text for screen readers, says that it is not defined: never as 0 or 1.
 */
export function Figure({ value, format }: { value: number | null; format(value: number): string }) {
  const { t } = useTranslation();
  if (value === null) {
    return (
      <span className="agreement-undefined">
        <span aria-hidden="true" title={t('agreement.undefined')}>
          —
        </span>
        <span className="visually-hidden">{t('agreement.undefined')}</span>
      </span>
    );
  }
  return <>{format(value)}</>;
}
