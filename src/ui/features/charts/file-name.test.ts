import { chartFileName } from './file-name';

describe('file names of saved charts', () => {
  it('is the chart title with the extension', () => {
    expect(chartFileName('Coded segments per code, by respondent group', 'svg')).toBe('Coded segments per code, by respondent group.svg');
    expect(chartFileName('Samen voorkomen van codes', 'png')).toBe('Samen voorkomen van codes.png');
  });

  it('keeps letters with diacritics, in their composed form', () => {
    expect(chartFileName('Coo\u0308peratie en zorgcoördinator', 'svg')).toBe('Coöperatie en zorgcoördinator.svg');
  });

  it('replaces characters that file systems refuse', () => {
    expect(chartFileName('Co-occurrence (school: De Noorderhaven / "groep" <1>?*|\\)', 'svg')).toBe('Co-occurrence (school De Noorderhaven groep 1 ).svg');
    expect(chartFileName('tab\there\nnewline', 'png')).toBe('tab here newline.png');
  });

  it('drops leading and trailing dots and spaces, so that the file is neither hidden nor oddly named', () => {
    expect(chartFileName('  ..Grafiek.. ', 'svg')).toBe('Grafiek.svg');
  });

  it('cuts a very long title at 100 characters, never inside a character', () => {
    const name = chartFileName(`${'a'.repeat(99)}😀😀😀`, 'svg');
    expect(name).toBe(`${'a'.repeat(99)}😀.svg`);
  });

  it('falls back to a plain name for an empty title or a name Windows reserves', () => {
    expect(chartFileName('  / : ', 'svg')).toBe('chart.svg');
    expect(chartFileName('', 'png', 'grafiek')).toBe('grafiek.png');
    expect(chartFileName('CON', 'svg')).toBe('CON chart.svg');
  });
});
