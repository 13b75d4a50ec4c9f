import { useTranslation } from 'react-i18next';
import { figureFormat } from '../agreement/format';

/** A share (0 to 1) as a percentage, e.g. "75%", in the interface language. */
export function usePercent(): (share: number) => string {
  const { i18n } = useTranslation();
  const f = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (share) => f.format(share);
}

/** Kappa and the like, with at most two decimals. */
export function useDecimal(): (value: number) => string {
  const { i18n } = useTranslation();
  const f = figureFormat(i18n.language, 2, 2);
  return (value) => f.format(value);
}

/** A date and time of an attempt, short. */
export function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const f = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  };
}

/**
 * A figure that may be undefined (no passages to count): a dash whose tooltip and screen-reader
 * text say so, never 0.
 */
export function Figure({ value, format }: { value: number | null; format(value: number): string }) {
  const { t } = useTranslation();
  if (value === null || !Number.isFinite(value)) {
    return (
      <span className="fb-undefined">
        <span aria-hidden="true" title={t('exercises.undefined')}>
          —
        </span>
        <span className="visually-hidden">{t('exercises.undefined')}</span>
      </span>
    );
  }
  return <>{format(value)}</>;
}
