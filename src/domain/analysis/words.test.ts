import { countWords, wordSpans, wordsCovered } from './words';

describe('words', () => {
  it('counts runs of letters and digits, joined by apostrophes and hyphens inside a word', () => {
    expect(countWords('Zo’n ouder-kindgesprek, in COVID-19 tijd!')).toBe(5);
    expect(countWords("d'r is -- niets ' over")).toBe(4);
    expect(countWords('Één café, naïef')).toBe(3);
    expect(countWords('   ')).toBe(0);
  });

  it('counts a word once when ranges overlap it or cover only part of it', () => {
    const text = 'alpha beta gamma delta';
    const spans = wordSpans(text);
    expect(wordsCovered(spans, [{ start: 0, end: 10 }, { start: 6, end: 16 }])).toBe(3);
    expect(wordsCovered(spans, [{ start: 7, end: 8 }, { start: 9, end: 10 }])).toBe(1); // two bits of "beta"
    expect(wordsCovered(spans, [{ start: 5, end: 6 }])).toBe(0); // only the space
    expect(wordsCovered(spans, [])).toBe(0);
    expect(wordsCovered(spans, [{ start: 0, end: text.length }])).toBe(4);
  });
});
