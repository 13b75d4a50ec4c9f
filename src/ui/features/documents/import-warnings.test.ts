import { importFile, type ImportWarning } from '../../../io/import';
import { testI18n } from '../../i18n/test-i18n';
import { importWarningsText } from './import-warnings';

const en = testI18n('en').t;
const nl = testI18n('nl').t;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

async function warningsOf(fileName: string, bytes: Uint8Array): Promise<readonly ImportWarning[]> {
  const result = await importFile(fileName, bytes);
  if (!result.ok) throw new Error(`${fileName} did not import: ${result.reason}`);
  return result.value.warnings;
}

describe('importWarningsText', () => {
  it('names the file and the line and column of a replaced byte, in English and Dutch', async () => {
    const warnings = await warningsOf('gesprek.txt', new Uint8Array([...utf8('I: De coördinatie.\nZ: Goed, '), 0xe9, ...utf8('én keer.')]));
    expect(importWarningsText(en, 'gesprek.txt', warnings)).toBe(
      'gesprek.txt: At 1 place the bytes are not valid UTF-8; it now shows the character �, the rest of the text was read as usual (line 2, column 10).',
    );
    expect(importWarningsText(nl, 'gesprek.txt', warnings)).toBe(
      'gesprek.txt: Op 1 plek stonden bytes die geen geldige UTF-8 zijn; daar staat nu het teken �, de rest van de tekst is gewoon gelezen (regel 2, kolom 10).',
    );
  });

  it('lists ten places and counts the others', () => {
    const places = Array.from({ length: 10 }, (_, i) => ({ line: i + 1, column: 1 }));
    const text = importWarningsText(en, 'a.txt', [{ kind: 'utf8-repaired', count: 12, places }]);
    expect(text).toContain('line 10, column 1 and 2 more).');
    expect(text).toContain('At 12 places');
  });

  it('puts the problems with cues of a subtitle file in one sentence, each with its line', async () => {
    const srt = '1\n99:99:99,000 --> 99:99:99,500\nMoeder: Slecht.\n\n2\nZonder tijd.\n';
    const warnings = await warningsOf('les.srt', utf8(srt));
    expect(importWarningsText(en, 'les.srt', warnings)).toBe(
      'les.srt: 2 cues could not be read as they should; the text was kept where possible: line 2: the start time in “99:99:99,000 --> 99:99:99,500” is impossible, so the text is kept without a time; line 5: a cue without a timing line; its text is kept without a time.',
    );
    expect(importWarningsText(nl, 'les.srt', warnings)).toMatch(/^les\.srt: 2 ondertitels konden niet goed gelezen worden; .*regel 2: de begintijd in „99:99:99,000 --> 99:99:99,500” kan niet bestaan/);
  });

  it('tells about a file read as UTF-16 without a byte-order mark, a missing WEBVTT line and removed NUL bytes', () => {
    const warnings: ImportWarning[] = [
      { kind: 'utf16-without-bom', byteOrder: 'le' },
      { kind: 'controls-removed', count: 1, places: [{ line: 3, column: 4 }] },
      { kind: 'vtt-no-header' },
    ];
    expect(importWarningsText(en, 'x.vtt', warnings)).toBe(
      'x.vtt: The file was read as UTF-16 (little-endian), recognised by its NUL bytes; it did not start with a byte-order mark. 1 control character (such as NUL) that text does not hold was left out (line 3, column 4). The first line is not “WEBVTT”; the file was read as WebVTT all the same.',
    );
  });

  it('tells that a file that is not UTF-8 was read as windows-1252, with the first invalid byte', async () => {
    const warnings = await warningsOf('oud.txt', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]));
    expect(importWarningsText(nl, 'oud.txt', warnings)).toBe(
      'oud.txt: Het bestand is geen UTF-8 (2 ongeldige bytes, de eerste op regel 1, kolom 4) en is gelezen als Windows-1252 (West-Europees). Controleer de letters met accenten.',
    );
  });

  it('says nothing about a file imported as it was', () => {
    expect(importWarningsText(en, 'a.txt', [])).toBeNull();
  });
});
