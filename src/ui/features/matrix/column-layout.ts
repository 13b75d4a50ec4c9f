/**
 * How a grid's column headers share the width there is (all sizes in CSS pixels).
 *
 * Upright headers when every column can be at least as wide as its label's longest word and each
 * label wraps, at word boundaries, into at most `maxLines` lines; the columns then grow alike
 * ("water filling": the narrow ones first) until they fill the width or reach `maxWidth`.
 * Otherwise the headers are rotated (read bottom to top, as spreadsheets do), the columns sharing
 * the width alike but no narrower than their counts and two lines of text, and the header row just
 * tall enough for every label in as many lines as its column holds (at most `maxLines`), up to
 * `maxHeight`.
 */

/** A label measured word by word: the width of each word and of the space between words. */
export interface LabelMetrics {
  readonly words: readonly number[];
  readonly space: number;
}

export interface LayoutInput {
  /** Width for the columns (the grid's width without the code column). */
  readonly available: number;
  readonly labels: readonly LabelMetrics[];
  /** A header's padding and border across the text (left + right, or top + bottom rotated). */
  readonly padding: number;
  /** The narrowest a column may be: its widest count and padding. */
  readonly minWidth: number;
  readonly maxWidth: number;
  readonly lineHeight: number;
  readonly maxLines: number;
  /** The tallest a header row of rotated labels may be. */
  readonly maxHeight: number;
}

export type ColumnLayout =
  | { readonly rotated: false; readonly widths: readonly number[] }
  | { readonly rotated: true; readonly widths: readonly number[]; readonly headerHeight: number; readonly lines: number };

/** The lines a label takes when wrapped at spaces into `width`; a word wider than `width` has a line of its own. */
export function linesNeeded(label: LabelMetrics, width: number): number {
  let lines = 0;
  let used = 0;
  for (const word of label.words) {
    if (lines > 0 && used + label.space + word <= width) used += label.space + word;
    else {
      lines += 1;
      used = word;
    }
  }
  return Math.max(lines, 1);
}

const longestWord = (label: LabelMetrics) => Math.max(0, ...label.words);

/** Widths of at least `mins[i]` each, as equal as they can be, summing to `total` (or each `max`). */
function fill(mins: readonly number[], total: number, max: number): number[] {
  // The widest minimums stay as they are while they exceed an equal share of what is left.
  const sorted = [...mins].sort((a, b) => b - a);
  let rest = total;
  let level = 0;
  for (let i = 0; i < sorted.length; i++) {
    const share = rest / (sorted.length - i);
    const min = sorted[i] ?? 0;
    if (min > share) rest -= min;
    else {
      level = Math.min(share, max);
      break;
    }
  }
  return mins.map((m) => Math.floor(Math.max(m, level)));
}

export function layoutColumns(input: LayoutInput): ColumnLayout {
  const { labels, padding, minWidth, maxWidth, lineHeight, maxLines } = input;
  const available = Math.max(0, input.available);
  const mins = labels.map((l) => Math.max(minWidth, Math.ceil(longestWord(l)) + padding));
  const upright = mins.reduce((sum, m) => sum + m, 0) <= available;
  if (upright) {
    const widths = fill(mins, available, Math.max(maxWidth, ...mins));
    if (labels.every((l, i) => linesNeeded(l, (widths[i] ?? 0) - padding) <= maxLines)) return { rotated: false, widths };
  }

  // Rotated: a line of text runs up the header, so a column fits as many lines as its width holds.
  const base = Math.max(minWidth, Math.ceil(lineHeight * 2) + padding);
  const width = Math.floor(Math.max(base, Math.min(available / Math.max(labels.length, 1), maxWidth)));
  const lines = Math.max(1, Math.min(maxLines, Math.floor((width - padding) / lineHeight)));
  let height = Math.min(input.maxHeight, Math.ceil(Math.max(...labels.map(longestWord), 0)) + padding);
  while (height < input.maxHeight && labels.some((l) => linesNeeded(l, height - padding) > lines)) height += 4;
  return { rotated: true, widths: labels.map(() => width), headerHeight: Math.min(height, input.maxHeight), lines };
}
