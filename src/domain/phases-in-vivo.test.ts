import { IN_VIVO_MAX, inVivoName, sameCodeName } from './phases-in-vivo';

describe('the name of an in-vivo code', () => {
  it('is the selected words on one line, without punctuation around them', () => {
    expect(inVivoName('  “we  hoorden\n   niks meer”, ')).toBe('we hoorden niks meer');
    expect(inVivoName('de laptop-uitgifte.')).toBe('de laptop-uitgifte');
  });

  it('is cut after the last whole word that fits, with an ellipsis', () => {
    const text = 'ik belde elke week met de moeder want anders hoorden we helemaal niets van hem en dat was zorgelijk';
    const name = inVivoName(text) ?? '';
    expect(name.endsWith('…')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(IN_VIVO_MAX + 1);
    const words = name.slice(0, -1);
    expect(text.startsWith(words)).toBe(true);
    expect(text[words.length]).toBe(' ');
  });

  it('cuts one very long word inside it, never between the halves of an emoji', () => {
    expect(inVivoName('a'.repeat(80), 10)).toBe(`${'a'.repeat(10)}…`);
    expect(inVivoName(`${'a'.repeat(9)}😀${'b'.repeat(20)}`, 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('is null when the selection holds no word', () => {
    expect(inVivoName(' …, ” ')).toBeNull();
    expect(inVivoName('')).toBeNull();
  });

  it('matches code names ignoring case and spacing', () => {
    expect(sameCodeName('Niks  meer', ' niks meer')).toBe(true);
    expect(sameCodeName('Niks', 'Niets')).toBe(false);
  });
});
