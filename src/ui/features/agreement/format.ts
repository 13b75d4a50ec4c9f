/**
 * Numbers of the agreement and feedback tables: at most `digits` decimals, and never "-0": a
 * coefficient a hair below zero (kappa -0.0001) reads as 0, not as a negative zero.
 */
export function figureFormat(language: string, digits: number, minimumDigits = 0): Intl.NumberFormat {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: minimumDigits, signDisplay: 'negative' });
}
