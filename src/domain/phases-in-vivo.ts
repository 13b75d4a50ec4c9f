/**
 * Naming a code after the words of a passage (an in-vivo code, phase 2 of thematic analysis):
 * the selected words, on one line, without the punctuation around them, cut at a word boundary.
 */

/** Longest in-vivo name, in UTF-16 code units, before the ellipsis that marks a cut. */
export const IN_VIVO_MAX = 60;

/** Letters, digits and marks: what a word is made of; everything else at the ends goes. */
const OUTER_NON_WORD = /^[^\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+$/gu;

/**
 * The name of an in-vivo code for `text`: white space (line breaks included) collapsed to one
 * space, quotation marks and punctuation at both ends dropped, and, past `max` code units, cut
 * after the last whole word that fits, with "…". Null when no word is left.
 */
export function inVivoName(text: string, max = IN_VIVO_MAX): string | null {
  const words = text.replace(/\s+/g, ' ').replace(OUTER_NON_WORD, '').trim();
  if (!words) return null;
  if (words.length <= max) return words;
  const head = words.slice(0, max + 1);
  const space = head.lastIndexOf(' ');
  // A single word longer than `max` is cut inside it (never splitting a surrogate pair).
  let cut = space > 0 ? words.slice(0, space) : words.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[^\p{L}\p{N}\p{M}]+$/u, '')}…`;
}

/** Two code names are the same name when they differ only in case and spacing. */
export function sameCodeName(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  return norm(a) === norm(b);
}
