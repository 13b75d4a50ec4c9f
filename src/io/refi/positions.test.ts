// @vitest-environment node
import fc from 'fast-check';
import { normalizeText } from '../../domain/text';
import { codePointPrefix, mapText, nameMatch, positionStarts } from './positions';

const raw = fc
  .array(fc.constantFrom('\ufeff', 'a', 'b ', ' ', '\t', '\u00a0', '\r\n', '\r', '\n', '😀', 'e\u0301'), { maxLength: 30 })
  .map((p) => p.join(''));

describe('mapText', () => {
  it('normalises like normalizeText and maps raw boundaries onto it in order', () => {
    fc.assert(
      fc.property(raw, (s) => {
        const m = mapText(s);
        expect(m.normalized).toBe(normalizeText(s));
        expect(m.rawToNormalized[m.raw.length]).toBe(m.normalized.length);
        for (let i = 1; i <= m.raw.length; i++) expect(m.rawToNormalized[i]! - m.rawToNormalized[i - 1]!).toBeGreaterThanOrEqual(0);
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it('maps a range after a CRLF, a removed trailing space and a byte-order mark onto the same text', () => {
    const m = mapText('\ufeffHi  \r\nthere');
    expect(m.normalized).toBe('Hi\nthere');
    const i = m.raw.indexOf('there');
    expect(m.normalized.slice(m.rawToNormalized[i], m.rawToNormalized[i + 5])).toBe('there');
  });
});

describe('positionStarts', () => {
  const text = 'a😀\r\nb';
  it('counts code points or UTF-16 code units, CRLF as one or two, a byte-order mark or not', () => {
    expect([...positionStarts(text, false, { unit: 'utf16', bomCounted: false, crlf: 2 })]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...positionStarts(text, false, { unit: 'codepoints', bomCounted: false, crlf: 2 })]).toEqual([0, 1, 3, 4, 5, 6]);
    expect([...positionStarts(text, false, { unit: 'codepoints', bomCounted: false, crlf: 1 })]).toEqual([0, 1, 3, 5, 6]);
    expect([...positionStarts(text, true, { unit: 'codepoints', bomCounted: true, crlf: 1 })]).toEqual([0, 0, 1, 3, 5, 6]);
  });
  it('counts code points before each UTF-16 boundary (inside a pair: the pair not yet counted)', () => {
    expect([...codePointPrefix(text)]).toEqual([0, 1, 1, 2, 3, 4, 5]);
  });
});

describe('nameMatch', () => {
  it('accepts equal text with other white space, and a name cut with an ellipsis', () => {
    expect(nameMatch('For some reason babies\naren’t', 'For some reason babies aren’t')).toBe('exact');
    expect(nameMatch('I did try the gluten…', 'I did try the gluten free bread')).toBe('prefix');
  });
  it('refuses a short name that is only the start of the text', () => {
    expect(nameMatch('😀a', '😀aa')).toBeNull();
  });
});
