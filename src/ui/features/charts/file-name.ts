/** Characters that Windows, macOS or Linux refuse in a file name, and control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** Long enough for any chart title, short enough for every file system and path. */
const MAX_LENGTH = 100;

/**
 * A file name for a chart from its title: characters no file system accepts become spaces, runs
 * of white space one space, leading and trailing dots and spaces go, and a long title is cut at
 * 100 characters (never inside a character). Letters with diacritics stay: "Coöperatie.svg".
 * An empty result becomes `fallback`.
 */
export function chartFileName(title: string, extension: 'svg' | 'png', fallback = 'chart'): string {
  let base = title.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(base);
  if (chars.length > MAX_LENGTH) base = chars.slice(0, MAX_LENGTH).join('');
  base = base.replace(/^[.\s]+|[.\s]+$/g, '');
  if (base === '') base = fallback;
  if (RESERVED.test(base)) base = `${base} ${fallback}`;
  return `${base}.${extension}`;
}
