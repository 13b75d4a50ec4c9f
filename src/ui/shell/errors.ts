import type { TFunction } from 'i18next';

/** The one place where expected failures become user text. */
export function failureText(t: TFunction, failure: { reason: string; detail?: string }): string {
  const key = `errors.${failure.reason}`;
  const text = t(key, { detail: failure.detail ?? '' });
  return text === key ? t('errors.unknown', { detail: `${failure.reason} ${failure.detail ?? ''}`.trim() }) : text;
}
