import type { TFunction } from 'i18next';
import { failureText, failureValues } from '../../shell/errors';

/**
 * User text for a failed export or import: the bundle's own reasons from `bundles.errors`, any
 * other reason (a full disk) through the app's one place, failureText.
 */
export function bundleFailureText(t: TFunction, failure: { reason: string; detail?: string }): string {
  const key = `bundles.errors.${failure.reason}`;
  const text = t(key, failureValues(failure));
  return text === key ? failureText(t, failure) : text;
}
