import { detectTurns, speakerSummary } from '../../domain/turns';
import { parseSrt, parseSrtWithNotes, parseVtt, parseVttWithNotes } from './captions';

const lines = (...ls: string[]): string => ls.join('\n');

describe('parseVtt', () => {
  it('makes each cue with a voice a timestamped paragraph with the speaker label', () => {
    const vtt = lines(
      'WEBVTT',
      '',
      '00:00:01.200 --> 00:00:06.900',
      '<v Interviewer>Goedemiddag, kunt u zich kort voorstellen?</v>',
      '',
      '00:00:07.400 --> 00:00:15.100',
      '<v Mentor>Ja hoor.</v>',
    );
    expect(parseVtt(vtt)).toBe('[00:00:01] Interviewer: Goedemiddag, kunt u zich kort voorstellen?\n\n[00:00:07] Mentor: Ja hoor.');
  });

  it('lets detectTurns find every voice as a speaker, even one that speaks once', () => {
    const vtt = lines('WEBVTT', '', '00:01.000 --> 00:02.000', '<v Anna>Hoi.', '', '00:02.000 --> 00:03.000', '<v Bram>Dag Anna.');
    const text = parseVtt(vtt);
    expect(speakerSummary(detectTurns(text))).toEqual([
      { name: 'Anna', turns: 1 },
      { name: 'Bram', turns: 1 },
    ]);
  });

  it('writes a cue without a voice as a timestamped paragraph of its text', () => {
    expect(parseVtt(lines('WEBVTT', '', '01:02:03.999 --> 01:02:05.000', 'Zonder spreker.'))).toBe('[01:02:03] Zonder spreker.');
  });

  it('pads minutes-only times to hours, minutes and seconds', () => {
    expect(parseVtt(lines('WEBVTT', '', '02:05.500 --> 02:07.000', 'Kort.'))).toBe('[00:02:05] Kort.');
  });

  it('skips the header, NOTE, STYLE and REGION blocks, cue identifiers and cue settings', () => {
    const vtt = lines(
      'WEBVTT - Mentorgesprek',
      'Kind: captions',
      'Language: nl',
      '',
      'NOTE Opgenomen in Teams',
      'op 3 maart',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'REGION',
      'id:links width:40%',
      '',
      'cue-1',
      '00:00:01.000 --> 00:00:02.000 align:start position:10% region:links',
      '<v Mentor>Hallo.',
      '',
      'NOTE',
      'tussendoor',
      '',
      '2',
      '00:00:03.000 --> 00:00:04.000',
      '<v Mentor>Daar ben ik weer.',
    );
    expect(parseVtt(vtt)).toBe('[00:00:01] Mentor: Hallo.\n\n[00:00:03] Mentor: Daar ben ik weer.');
  });

  it('strips class, italic, voice-end and inline timestamp tags and decodes entities', () => {
    const vtt = lines(
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:05.000',
      '<v.loud Mentor><c.yellow>Dit</c> is <i>echt</i> <00:00:02.000>belangrijk &amp; &lt;dringend&gt;.</v>',
    );
    expect(parseVtt(vtt)).toBe('[00:00:01] Mentor: Dit is echt belangrijk & <dringend>.');
  });

  it('joins the lines of a multi-line cue with a space', () => {
    const vtt = lines('WEBVTT', '', '00:00:01.000 --> 00:00:05.000', '<v Mentor>Eerste regel', 'tweede regel.</v>');
    expect(parseVtt(vtt)).toBe('[00:00:01] Mentor: Eerste regel tweede regel.');
  });

  it('gives each voice in one cue its own paragraph', () => {
    const vtt = lines('WEBVTT', '', '00:00:01.000 --> 00:00:05.000', '<v Anna>Kom je?</v>', '<v Bram>Ja.</v>');
    expect(parseVtt(vtt)).toBe('[00:00:01] Anna: Kom je?\n\n[00:00:01] Bram: Ja.');
  });

  it('makes a voice name with punctuation into a label detectTurns reads', () => {
    const vtt = lines('WEBVTT', '', '00:00:01.000 --> 00:00:05.000', '<v Jansen, P. (Piet)>Goedemorgen.');
    const text = parseVtt(vtt);
    expect(text).toBe('[00:00:01] Jansen P (Piet): Goedemorgen.');
    expect(detectTurns(text).map((t) => t.speaker)).toEqual(['Jansen P (Piet)']);
  });

  it('reads CRLF files and skips cues that are empty after stripping tags', () => {
    const vtt = 'WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<i></i>\r\n\r\n00:00:03.000 --> 00:00:04.000\r\nTekst.\r\n';
    expect(parseVtt(vtt)).toBe('[00:00:03] Tekst.');
  });

  it('gives empty text for a file without cues', () => {
    expect(parseVtt('WEBVTT\n\nNOTE niets\n')).toBe('');
  });
});

describe('parseSrt', () => {
  const srt = lines(
    '1',
    '00:00:01,000 --> 00:00:04,000',
    'Interviewer: Hoe ging het thuis?',
    '',
    '2',
    '00:00:04,500 --> 00:00:09,000 X1:100 X2:200 Y1:10 Y2:20',
    '{\\an8}Moeder: <i>Eerlijk?</i>',
    '<font color="#ffffff">Slecht.</font>',
    '',
    '3',
    '00:01:10,000 --> 00:01:12,000',
    '(gelach)',
    '',
  );

  it('makes each cue a timestamped paragraph, its lines joined and its tags stripped', () => {
    expect(parseSrt(srt)).toBe('[00:00:01] Interviewer: Hoe ging het thuis?\n\n[00:00:04] Moeder: Eerlijk? Slecht.\n\n[00:01:10] (gelach)');
  });

  it('lets detectTurns find the names at the start of cues as speakers', () => {
    expect(speakerSummary(detectTurns(parseSrt(srt)))).toEqual([
      { name: 'Interviewer', turns: 1 },
      { name: 'Moeder', turns: 1 },
    ]);
  });

  it('reads voice tags in SubRip too', () => {
    expect(parseSrt(lines('1', '00:00:01,000 --> 00:00:02,000', '<v Mentor>Hallo.</v>'))).toBe('[00:00:01] Mentor: Hallo.');
  });
});

describe('damaged SubRip files (parseSrtWithNotes)', () => {
  it('keeps the text of a cue with an impossible start time without a time, and names the line', () => {
    const srt = lines('1', '00:00:01,000 --> 00:00:04,000', 'Interviewer: Hoe ging het?', '', '2', '99:99:99,000 --> 99:99:99,500', 'Moeder: Slecht.');
    expect(parseSrtWithNotes(srt)).toEqual({
      text: '[00:00:01] Interviewer: Hoe ging het?\n\nMoeder: Slecht.',
      notes: [{ kind: 'cue', line: 6, problem: 'start-impossible', timing: '99:99:99,000 --> 99:99:99,500' }],
    });
  });

  it('keeps the text of cues with negative or garbage start times, and of a cue without a timing line', () => {
    const srt = lines(
      '1',
      '-00:00:05,000 --> 00:00:07,000',
      'Moeder: Eerlijk gezegd slecht.',
      '',
      '2',
      'banaan --> ##',
      'Interviewer: Waarom?',
      '',
      '3',
      'Moeder: De school belde nooit.',
      '',
      '4',
    );
    const { text, notes } = parseSrtWithNotes(srt);
    expect(text).toBe('Moeder: Eerlijk gezegd slecht.\n\nInterviewer: Waarom?\n\nMoeder: De school belde nooit.');
    expect(notes).toEqual([
      { kind: 'cue', line: 2, problem: 'start-unreadable', timing: '-00:00:05,000 --> 00:00:07,000' },
      { kind: 'cue', line: 6, problem: 'start-unreadable', timing: 'banaan --> ##' },
      { kind: 'cue', line: 9, problem: 'no-timing', timing: '' },
      { kind: 'cue', line: 12, problem: 'no-timing-no-text', timing: '' },
    ]);
  });

  it('keeps the start time of a cue that ends before it starts or has a broken end, and says so', () => {
    const srt = lines(
      '1',
      '00:00:10,000 --> 00:00:05,000',
      'Een.',
      '',
      '2',
      '00:00:11,000 -->',
      'Twee.',
      '',
      '3',
      '00:00:12,000 --> 00:00:99,000',
      'Drie.',
      '',
      '4',
      '00:00:13,000 --> later',
      'Vier.',
    );
    const { text, notes } = parseSrtWithNotes(srt);
    expect(text).toBe('[00:00:10] Een.\n\n[00:00:11] Twee.\n\n[00:00:12] Drie.\n\n[00:00:13] Vier.');
    expect(notes.map((n) => n.kind === 'cue' && [n.line, n.problem])).toEqual([
      [2, 'end-before-start'],
      [6, 'end-missing'],
      [10, 'end-impossible'],
      [14, 'end-unreadable'],
    ]);
  });

  it('does not take a timing line without its arrow for text', () => {
    const { text, notes } = parseSrtWithNotes(lines('1', '00:00:01,000 - 00:00:02,000', 'Hallo.'));
    expect(text).toBe('Hallo.');
    expect(notes).toEqual([{ kind: 'cue', line: 2, problem: 'timing-unreadable', timing: '00:00:01,000 - 00:00:02,000' }]);
  });

  it('reads a cue with a 20-digit cue number as any other, without a note', () => {
    const srt = lines('12345678901234567890', '00:00:01,000 --> 00:00:02,000', 'Mentor: Hallo.', '', '99999999999999999999', '00:00:03,000 --> 00:00:04,000', 'Ouder: Dag.');
    expect(parseSrtWithNotes(srt)).toEqual({ text: '[00:00:01] Mentor: Hallo.\n\n[00:00:03] Ouder: Dag.', notes: [] });
  });

  it('lists ten cue problems and counts the rest', () => {
    const srt = Array.from({ length: 25 }, (_, i) => lines(String(i + 1), '99:99:99,000 --> 99:99:99,999', `Zin ${i + 1}.`)).join('\n\n');
    const { text, notes } = parseSrtWithNotes(srt);
    expect(text.split('\n\n')).toHaveLength(25);
    expect(notes).toHaveLength(11);
    expect(notes[9]).toMatchObject({ kind: 'cue', line: 38 });
    expect(notes[10]).toEqual({ kind: 'more-cue-problems', count: 15 });
  });

  it('shortens a long garbage timing line in its note', () => {
    const { notes } = parseSrtWithNotes(lines('1', `${'x'.repeat(500)} --> 00:00:01,000`, 'Tekst.'));
    expect(notes[0]).toMatchObject({ kind: 'cue', problem: 'start-unreadable', timing: `${'x'.repeat(59)}…` });
  });
});

describe('damaged WebVTT files (parseVttWithNotes)', () => {
  it('keeps the text of broken cues and names the line of each problem', () => {
    const vtt = lines(
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:02.000',
      '<v Anna>Hallo.',
      '',
      '00:00:03.000 -> 00:00:04.000',
      '<v Bram>Dag.',
      '',
      '00:00:05.000 -->',
      '<v Anna>Geen eind.',
      '',
      '<v Bram>Geen tijd.',
      '',
      '00:61:00.000 --> 00:62:00.000',
      '<v Anna>Onmogelijk.',
    );
    const { text, notes } = parseVttWithNotes(vtt);
    expect(text).toBe('[00:00:01] Anna: Hallo.\n\nBram: Dag.\n\n[00:00:05] Anna: Geen eind.\n\nBram: Geen tijd.\n\nAnna: Onmogelijk.');
    expect(notes).toEqual([
      { kind: 'cue', line: 6, problem: 'timing-unreadable', timing: '00:00:03.000 -> 00:00:04.000' },
      { kind: 'cue', line: 9, problem: 'end-missing', timing: '00:00:05.000 -->' },
      { kind: 'cue', line: 12, problem: 'no-timing', timing: '' },
      { kind: 'cue', line: 14, problem: 'start-impossible', timing: '00:61:00.000 --> 00:62:00.000' },
    ]);
  });

  it('reads a file without the WEBVTT line, its first cue included, and says so', () => {
    const vtt = lines('00:00:01.000 --> 00:00:02.000', '<v Anna>Hallo.', '', '00:00:03.000 --> 00:00:04.000', '<v Bram>Dag.');
    expect(parseVttWithNotes(vtt)).toEqual({ text: '[00:00:01] Anna: Hallo.\n\n[00:00:03] Bram: Dag.', notes: [{ kind: 'vtt-no-header' }] });
  });

  it('reads a cue that follows the WEBVTT line without a blank line', () => {
    expect(parseVttWithNotes(lines('WEBVTT', '00:00:01.000 --> 00:00:02.000', 'Hallo.'))).toEqual({ text: '[00:00:01] Hallo.', notes: [] });
  });

  it('says nothing about a sound file', () => {
    expect(parseVttWithNotes(lines('WEBVTT', '', '1', '00:00:01.000 --> 00:00:02.000', 'Hallo.')).notes).toEqual([]);
  });
});
