import fc from 'fast-check';
import { isNormalizedText, normalizeText, paragraphs, sha256Hex } from './text';

/** Text made of the characters normalisation cares about. */
const messyText = fc
  .array(fc.constantFrom('a', 'B', 'é', '😅', ' ', '\t', '\u00a0', '\r', '\n', '\r\n', '\ufeff', ':', '('), { maxLength: 60 })
  .map((parts) => parts.join(''));

const visible = (s: string): string => s.replace(/\s/g, '');

describe('normalizeText', () => {
  it('replaces half a surrogate pair, which UTF-8 cannot hold, with U+FFFD and keeps whole pairs', () => {
    expect(normalizeText('a\ud800b\udc00c😀')).toBe('a\ufffdb\ufffdc😀');
  });

  it('strips a leading byte-order mark', () => {
    expect(normalizeText('\ufeffHallo')).toBe('Hallo');
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(normalizeText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });

  it('removes whitespace at the very end and spaces at the end of each line', () => {
    expect(normalizeText('I: Hallo  \r\n\r\nT: Ja\t\n\n  \n')).toBe('I: Hallo\n\nT: Ja');
  });

  it('keeps indentation, inner blank lines and inner spaces as written', () => {
    const text = '  Titel\n\n\n\tI:  Hallo  daar\n(stilte)';
    expect(normalizeText(text)).toBe(text);
  });

  it('changes nothing when run twice', () => {
    fc.assert(fc.property(messyText, (s) => normalizeText(normalizeText(s)) === normalizeText(s)));
  });

  it('leaves no CR and no whitespace at the end', () => {
    fc.assert(
      fc.property(messyText, (s) => {
        const n = normalizeText(s);
        expect(n).not.toContain('\r');
        expect(n).not.toMatch(/\s$/);
        expect(n).not.toMatch(/[ \t]\n/);
      }),
    );
  });

  it('only ever changes whitespace and the byte-order mark', () => {
    fc.assert(fc.property(messyText, (s) => visible(normalizeText(s)) === visible(s.replace(/^\ufeff+/, ''))));
  });
});

describe('isNormalizedText', () => {
  it('says whether normalizeText would change the text, for any mix of the characters it cares about', () => {
    const pieces = fc.constantFrom('a', 'é', '😅', '\ud83d', '\ude05', ' ', '\t', '\f', '\v', '\u00a0', '\u2003', '\u3000', '\r', '\n', '\r\n', '\ufeff', '\u2028');
    const text = fc.array(pieces, { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(fc.property(text, (s) => isNormalizedText(s) === (normalizeText(s) === s)), { numRuns: 2000 });
    fc.assert(fc.property(text, (s) => isNormalizedText(normalizeText(s))));
    // One piece put into a normalised text: mostly texts a single step would change.
    const nearlyNormal = fc.tuple(text, fc.nat(), pieces).map(([s, at, piece]) => {
      const n = normalizeText(s);
      const i = at % (n.length + 1);
      return n.slice(0, i) + piece + n.slice(i);
    });
    fc.assert(fc.property(nearlyNormal, (s) => isNormalizedText(s) === (normalizeText(s) === s)), { numRuns: 2000 });
  });

  it('finds each step that would change a text', () => {
    expect(isNormalizedText('')).toBe(true);
    expect(isNormalizedText('I: Hallo\n\n  T: Ja')).toBe(true);
    expect(isNormalizedText('a\ud800b')).toBe(false);
    expect(isNormalizedText('\ufeffHallo')).toBe(false);
    expect(isNormalizedText('a\r\nb')).toBe(false);
    expect(isNormalizedText('a\u00a0\nb')).toBe(false);
    expect(isNormalizedText('a\t\nb')).toBe(false);
    expect(isNormalizedText('ab\u3000')).toBe(false);
    expect(isNormalizedText('ab\n')).toBe(false);
  });
});

describe('paragraphs', () => {
  const slices = (text: string): string[] => paragraphs(text).map((p) => text.slice(p.start, p.end));

  it('makes each non-empty line a paragraph, without its line break', () => {
    const text = 'Titel\n\nI: Hallo\n(stilte)\n\n\nT: Ja';
    expect(paragraphs(text)).toEqual([
      { start: 0, end: 5 },
      { start: 7, end: 15 },
      { start: 16, end: 24 },
      { start: 27, end: 32 },
    ]);
    expect(slices(text)).toEqual(['Titel', 'I: Hallo', '(stilte)', 'T: Ja']);
  });

  it('skips lines that hold only whitespace', () => {
    expect(slices('a\n   \n\t\n\u3000\nb')).toEqual(['a', 'b']);
  });

  it('finds nothing in empty text', () => {
    expect(paragraphs('')).toEqual([]);
  });

  it('leaves a CR before the line break out of the paragraph', () => {
    expect(slices('a\r\nb\r\n')).toEqual(['a', 'b']);
  });

  it('covers every visible character exactly once, in order and without line breaks', () => {
    fc.assert(
      fc.property(messyText.map(normalizeText), (text) => {
        const found = paragraphs(text);
        found.forEach((p, i) => {
          expect(p.start).toBeLessThan(p.end);
          if (i > 0) expect(found[i - 1]!.end).toBeLessThan(p.start);
          expect(text.slice(p.start, p.end)).not.toContain('\n');
          expect(text.slice(p.start, p.end)).toMatch(/\S/);
        });
        expect(visible(found.map((p) => text.slice(p.start, p.end)).join(''))).toBe(visible(text));
      }),
    );
  });

  it('splits 300,000 characters in a few milliseconds', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `[00:00:${i % 60}] Spreker ${i % 5}: ${'woord '.repeat(24)}`).join('\n\n');
    expect(text.length).toBeGreaterThan(300_000);
    const t0 = performance.now();
    const found = paragraphs(text);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(found).toHaveLength(2000);
  });
});

describe('sha256Hex', () => {
  it('hashes the empty text and "abc" to the standard test vectors', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the UTF-8 bytes of accents, dashes and emoji', async () => {
    expect(await sha256Hex('Ééñ – 😅')).toBe('2e47f719b2552f604a53798be6bf1a8cc2bd1aeeeaab376339d3dbfbb7bce6ca');
  });
});
