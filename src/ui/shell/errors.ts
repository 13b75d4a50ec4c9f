import type { TFunction } from 'i18next';
import { DOCUMENT_TOO_LONG, MAX_DOCUMENT_CHARS, readDocumentTooLong } from '../../domain/limits';

/**
 * What a failure's text may name: its detail, and for a document that is too long its name, length
 * and the limit, as numbers the language writes its own way (`{{length, number}}`).
 */
export function failureValues(failure: { reason: string; detail?: string }): Record<string, string | number> {
  const detail = failure.detail ?? '';
  if (failure.reason !== DOCUMENT_TOO_LONG) return { detail };
  const { name, length } = readDocumentTooLong(detail);
  return { detail, name, length, limit: MAX_DOCUMENT_CHARS };
}

/** The one place where expected failures become user text. */
export function failureText(t: TFunction, failure: { reason: string; detail?: string }): string {
  const key = `errors.${failure.reason}`;
  const text = t(key, failureValues(failure));
  return text === key ? t('errors.unknown', { detail: `${failure.reason} ${failure.detail ?? ''}`.trim() }) : text;
}
