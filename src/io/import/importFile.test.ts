import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { assert } from '../../domain/assert';
import { detectTurns, speakerSummary } from '../../domain/turns';
import { importFile, IMPORT_EXTENSIONS } from './importFile';

const fixtures = join(import.meta.dirname, 'fixtures');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(fixtures, name)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

async function importedText(fileName: string, bytes: Uint8Array = fixture(fileName)): Promise<string> {
  const result = await importFile(fileName, bytes);
  if (!result.ok) throw new Error(`${fileName} did not import: ${result.reason} ${result.detail ?? ''}`);
  return result.value.text;
}

async function speakersOf(fileName: string): Promise<{ name: string; turns: number }[]> {
  return speakerSummary(detectTurns(await importedText(fileName)));
}

describe('importFile with the sample transcripts', () => {
  it.each(readdirSync(fixtures))('imports %s with its name and normalised text', async (fileName) => {
    const result = await importFile(fileName, fixture(fileName));
    expect(result).toMatchObject({ ok: true, value: { name: fileName.replace(/\.[^.]+$/, ''), source: fileName } });
    const text = result.ok ? result.value.text : '';
    expect(text.length).toBeGreaterThan(500);
    expect(text).not.toMatch(/\r|\ufeff|\ufffd|\n\n\n|\s$/);
  });

  it('finds I, T and Z in the school leadership interview, not the date or the people present', async () => {
    expect(await speakersOf('school-noord-leiding.txt')).toEqual([
      { name: 'I', turns: 6 },
      { name: 'T', turns: 5 },
      { name: 'Z', turns: 4 },
    ]);
  });

  it('finds the interviewer and four pupils in the group interview without blank lines between turns', async () => {
    expect((await speakersOf('school-zuid-leerlingen.txt')).map((s) => s.name)).toEqual([
      'Interviewer',
      'Leerling 1',
      'Leerling 2',
      'Leerling 3',
      'Leerling 4',
    ]);
  });

  it('finds the upper-case panel speakers and leaves stage directions on their own line out of the turns', async () => {
    const text = await importedText('panelgesprek-ouderbetrokkenheid.txt');
    const turns = detectTurns(text);
    expect(speakerSummary(turns).map((s) => s.name)).toEqual(['ANOUK', 'RUTGER', 'FATIMA', 'JOOST']);
    const rutger = text.slice(turns[1]!.start, turns[1]!.end);
    // The stage direction after it is on a line of its own: not part of the turn.
    expect(rutger).toBe('RUTGER: Klopt. Ik ben twaalf jaar docent en sinds vijf jaar mentor van een tweede klas.');
    expect(turns[0]!.start).toBe(text.indexOf('ANOUK: Welkom'));
  });

  it('finds the interviewer and the mother in the parent interview, not the respondent line', async () => {
    expect(await speakersOf('school-noord-ouder.txt')).toEqual([
      { name: 'Interviewer', turns: 5 },
      { name: 'Moeder', turns: 5 },
    ]);
  });

  it('turns the voices of the Teams captions into speakers', async () => {
    const text = await importedText('mentorgesprek-teams.vtt');
    expect(text.startsWith('[00:00:01] Interviewer: Goedemiddag, kunt u zich kort voorstellen?\n\n[00:00:07] Mentor: Ja hoor.')).toBe(true);
    expect(speakerSummary(detectTurns(text))).toEqual([
      { name: 'Interviewer', turns: 4 },
      { name: 'Mentor', turns: 5 },
    ]);
  });

  it('reads the Word document with one paragraph per Word paragraph', async () => {
    const text = await importedText('zorgcoordinator-zuid.docx');
    expect(text.split('\n\n')[0]).toBe('Interview zorgcoördinator – Het Zuiderlicht College (fictief)');
    expect(await speakersOf('zorgcoordinator-zuid.docx')).toEqual([
      { name: 'Interviewer', turns: 3 },
      { name: 'Zorgcoördinator', turns: 3 },
    ]);
  });
});

describe('importFile', () => {
  it('reads the extension in any case and leaves folders out of the name and source', async () => {
    const result = await importFile('map/sub\\Interview 3.TXT', utf8('I: Hallo'));
    expect(result).toEqual({ ok: true, value: { name: 'Interview 3', text: 'I: Hallo', source: 'Interview 3.TXT', warnings: [] } });
  });

  it('keeps dots inside the name', async () => {
    const result = await importFile('gesprek 2.1.md', utf8('# Gesprek\n\nI: Hallo'));
    expect(result.ok && result.value.name).toBe('gesprek 2.1');
  });

  it('reads .txt, .text, .md, .vtt, .srt and .docx', () => {
    expect([...IMPORT_EXTENSIONS].sort()).toEqual(['.docx', '.md', '.srt', '.text', '.txt', '.vtt']);
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const text = '\ufeffI: Zorgcoördinator – 😅\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) bytes.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], i * 2);
    expect(await importedText('utf16.txt', bytes)).toBe('I: Zorgcoördinator – 😅');
  });

  it('normalises CRLF and lone CR line ends to LF', async () => {
    expect(await importedText('crlf.txt', utf8('A: een\r\n\r\nB: twee\r\n'))).toBe('A: een\n\nB: twee');
    expect(await importedText('cr.txt', utf8('A: een\r\rB: twee\r'))).toBe('A: een\n\nB: twee');
  });

  it('reads a windows-1252 text file', async () => {
    expect(await importedText('oud.txt', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toBe('Café €');
  });

  it('reads SubRip captions', async () => {
    const srt = '1\r\n00:00:01,000 --> 00:00:02,000\r\nMentor: Hallo.\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nOuder: Dag.\r\n';
    expect(await importedText('les.srt', utf8(srt))).toBe('[00:00:01] Mentor: Hallo.\n\n[00:00:03] Ouder: Dag.');
  });

  it('refuses an unknown extension, naming it', async () => {
    expect(await importFile('verslag.PDF', utf8('%PDF-1.7'))).toEqual({ ok: false, reason: 'import-unsupported-type', detail: '.pdf' });
    expect(await importFile('LEESMIJ', utf8('tekst'))).toEqual({ ok: false, reason: 'import-unsupported-type', detail: '' });
  });

  it('refuses a file without text', async () => {
    expect(await importFile('spaties.txt', utf8(' \r\n\t\n'))).toEqual({ ok: false, reason: 'import-empty' });
    expect(await importFile('leeg.vtt', utf8('WEBVTT\n\nNOTE niets\n'))).toEqual({ ok: false, reason: 'import-empty' });
  });

  it('refuses binary content in a text file', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(await importFile('plaatje.txt', png)).toMatchObject({ ok: false, reason: 'import-not-text', detail: expect.stringMatching(/^4 of its \d+ characters are NUL/) });
  });

  it('refuses a broken Word document with mammoth’s reason', async () => {
    const result = await importFile('kapot.docx', utf8('dit is geen zip'));
    expect(result).toMatchObject({ ok: false, reason: 'import-docx-unreadable' });
    expect(!result.ok && result.detail).toMatch(/zip/i);
  });

  it('refuses a zip file that is not a Word document', async () => {
    const zip = new JSZip().file('hallo.txt', 'hallo');
    const result = await importFile('nep.docx', await zip.generateAsync({ type: 'uint8array' }));
    expect(result).toMatchObject({ ok: false, reason: 'import-docx-unreadable' });
  });

  it('reads a Word document from a view into a larger buffer', async () => {
    const docx = fixture('zorgcoordinator-zuid.docx');
    const padded = new Uint8Array(docx.length + 20);
    padded.set(docx, 10);
    expect(await importedText('zorg.docx', padded.subarray(10, 10 + docx.length))).toMatch(/^Interview zorgcoördinator/);
  });
});

/** Pseudo-random bytes, the same on every run. */
function randomBytes(length: number, seed = 13): Uint8Array {
  let state = seed;
  return Uint8Array.from({ length }, () => (state = (state * 1_103_515_245 + 12_345) >>> 0) >>> 24);
}

describe('importFile with malformed files', () => {
  it('reads a UTF-8 transcript with one invalid byte as UTF-8 and says where the byte was replaced (t07)', async () => {
    const bytes = new Uint8Array([...utf8('I: Hoe verloopt de coördinatie?\nZ: Goed, '), 0xe9, ...utf8('én keer per week.\n')]);
    const result = await importFile('gesprek.txt', bytes);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'gesprek',
        text: 'I: Hoe verloopt de coördinatie?\nZ: Goed, \ufffdén keer per week.',
        source: 'gesprek.txt',
        warnings: [{ kind: 'utf8-repaired', count: 1, places: [{ line: 2, column: 10 }] }],
      },
    });
  });

  it('tells that a file that is not UTF-8 was read as windows-1252', async () => {
    const result = await importFile('oud.txt', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]));
    expect(result.ok && result.value.warnings).toEqual([{ kind: 'windows-1252', invalidCount: 2, first: { line: 1, column: 4 } }]);
  });

  it('refuses 64 KB of random bytes as not text, saying why (t08)', async () => {
    const bytes = randomBytes(65_536);
    expect(bytes.includes(0)).toBe(true);
    const result = await importFile('opname.txt', bytes);
    expect(result).toMatchObject({ ok: false, reason: 'import-not-text' });
    expect(!result.ok && result.detail).toMatch(/control characters, which text does not hold/);
  });

  it('refuses a 0-byte file as empty, whatever its type (t09)', async () => {
    expect(await importFile('leeg.txt', new Uint8Array())).toEqual({ ok: false, reason: 'import-empty-file' });
    expect(await importFile('leeg.docx', new Uint8Array())).toEqual({ ok: false, reason: 'import-empty-file' });
  });

  it('reads UTF-16LE without a byte-order mark and says so (t10)', async () => {
    const text = 'I: Hoe gaat het met de coördinatie?\r\nZ: Goed – één 😅\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) bytes.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], i * 2);
    expect(await importFile('utf16.txt', bytes)).toEqual({
      ok: true,
      value: { name: 'utf16', text: 'I: Hoe gaat het met de coördinatie?\nZ: Goed – één 😅', source: 'utf16.txt', warnings: [{ kind: 'utf16-without-bom', byteOrder: 'le' }] },
    });
  });

  it('imports a SubRip file with garbage and negative times and NUL bytes, keeping all its text (t05)', async () => {
    const srt = [
      '1\r\n00:00:01,000 --> 00:00:04,000\r\nInterviewer: Hoe ging het?\r\n',
      '2\r\n-00:00:05,000 --> 00:00:07,000\r\nMoeder: Eerlijk\u0000 gezegd slecht.\r\n',
      '3\r\n99:99:99,000 --> 00:00:09,000\r\nInterviewer: Waarom?\u0000\r\n',
    ].join('\r\n');
    const result = await importFile('garbage.srt', utf8(srt));
    assert(result.ok, 'imported');
    expect(result.value.text).toBe('[00:00:01] Interviewer: Hoe ging het?\n\nMoeder: Eerlijk gezegd slecht.\n\nInterviewer: Waarom?');
    expect(result.value.warnings).toEqual([
      { kind: 'controls-removed', count: 2, places: [{ line: 7, column: 16 }, { line: 11, column: 21 }] },
      { kind: 'cue', line: 6, problem: 'start-unreadable', timing: '-00:00:05,000 --> 00:00:07,000' },
      { kind: 'cue', line: 10, problem: 'start-impossible', timing: '99:99:99,000 --> 00:00:09,000' },
    ]);
  });

  it('imports a SubRip file with reversed and missing times, and one with a 20-digit cue number (t05b, t11)', async () => {
    const reversed = await importFile('omgekeerd.srt', utf8('1\n00:00:10,000 --> 00:00:05,000\nEen.\n\n2\nTwee zonder tijd.\n'));
    expect(reversed).toMatchObject({ ok: true, value: { text: '[00:00:10] Een.\n\nTwee zonder tijd.' } });
    expect(reversed.ok && reversed.value.warnings.map((w) => w.kind === 'cue' && [w.line, w.problem])).toEqual([
      [2, 'end-before-start'],
      [5, 'no-timing'],
    ]);
    const huge = await importFile('nummer.srt', utf8('12345678901234567890\n00:00:01,000 --> 00:00:02,000\nHallo.\n'));
    expect(huge).toMatchObject({ ok: true, value: { text: '[00:00:01] Hallo.', warnings: [] } });
  });

  it('imports a WebVTT file with broken cues and one without its WEBVTT line (t06, t12)', async () => {
    const broken = await importFile('kapot.vtt', utf8('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo.\n\n<v Bram>Geen tijd.\n'));
    expect(broken).toMatchObject({ ok: true, value: { text: '[00:00:01] Anna: Hallo.\n\nBram: Geen tijd.', warnings: [{ kind: 'cue', line: 6, problem: 'no-timing' }] } });
    const headless = await importFile('zonder-kop.vtt', utf8('00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo.\n'));
    expect(headless).toMatchObject({ ok: true, value: { text: '[00:00:01] Anna: Hallo.', warnings: [{ kind: 'vtt-no-header' }] } });
  });
});
