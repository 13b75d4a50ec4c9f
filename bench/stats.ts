/** Small statistics for benchmark samples. */

/** Median; the mean of the two middle values for an even count; NaN for none. */
export function median(xs: readonly number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Percentile by nearest rank (p in 0..100); NaN for none. */
export function percentile(xs: readonly number[], p: number): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1] as number;
}

/** Rounds for reporting: one decimal. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;

/** A figure of a results record when it is a finite number, else null (not measured). */
export function figure(r: Readonly<Record<string, number | null>>, name: string): number | null {
  const x = r[name];
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** The check of "at most `limit`": null when the figure is missing. */
export const atMost = (name: string, limit: number) => (r: Readonly<Record<string, number | null>>): boolean | null => {
  const x = figure(r, name);
  return x === null ? null : x <= limit;
};
