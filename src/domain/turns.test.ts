import fc from 'fast-check';
import type { Turn } from './model';
import { applySpeakerMap, detectTurns, speakerLabel, speakerSummary } from './turns';

/** Paragraphs separated by a blank line, the way most transcripts are written. */
const transcript = (...lines: string[]): string => lines.join('\n\n');

/** Each turn as [speaker, the turn's text]. */
const spoken = (text: string): [string, string][] => detectTurns(text).map((t) => [t.speaker, text.slice(t.start, t.end)]);

/** Each turn's label as written, colon included. */
const labels = (text: string): string[] => detectTurns(text).map((t) => text.slice(t.labelStart, t.labelEnd));

describe('detectTurns', () => {
  it('reads a turn from each paragraph that starts with a label used at least twice', () => {
    const text = transcript('I: Hoe ging het?', 'T: Goed.', 'I: Echt?', 'T: Ja.');
    expect(spoken(text)).toEqual([
      ['I', 'I: Hoe ging het?'],
      ['T', 'T: Goed.'],
      ['I', 'I: Echt?'],
      ['T', 'T: Ja.'],
    ]);
  });

  it('reads names, numbered, upper-case and abbreviated labels', () => {
    const text = transcript(
      'Leerling 2: Eerst.',
      'INTERVIEWER: Vraag.',
      'Interviewer (I): Andere vraag.',
      'Jan-Willem: Ik.',
      'Leerling 2: Weer.',
      'INTERVIEWER: Weer.',
      'Interviewer (I): Weer.',
      'Jan-Willem: Weer.',
    );
    expect(speakerSummary(detectTurns(text)).map((s) => s.name)).toEqual(['Leerling 2', 'INTERVIEWER', 'Interviewer (I)', 'Jan-Willem']);
  });

  it('reads labels after a timestamp, which count even when used once', () => {
    const text = transcript('[00:01:23] I: Vraag.', '[01:23] T: Antwoord.', '00:02:05 Z: Nog een.', '[00:02:07.250] Y: Ook.');
    expect(spoken(text).map(([speaker]) => speaker)).toEqual(['I', 'T', 'Z', 'Y']);
  });

  it('starts a turn at its paragraph, timestamp included, and marks the label with its colon only', () => {
    const text = transcript('Titel', '[00:00:12] I: Fijn dat jullie er zijn.');
    const [turn] = detectTurns(text);
    expect(text.slice(turn!.start, turn!.end)).toBe('[00:00:12] I: Fijn dat jullie er zijn.');
    expect(text.slice(turn!.labelStart, turn!.labelEnd)).toBe('I:');
  });

  it('keeps header lines such as a date or the people present out of the speakers', () => {
    const text = transcript(
      'Interview ouder – De Noorderhaven (fictief)\nDatum: 2 februari 2021, telefonisch\nRespondent: moeder van een leerling\nAanwezig: Interviewer (I), moeder (M)',
      'Interviewer: Hoe ging het?',
      'Moeder: Slecht.',
      'Interviewer: Waarom?',
      'Moeder: Ik werk vroeg.',
    );
    expect(speakerSummary(detectTurns(text))).toEqual([
      { name: 'Interviewer', turns: 2 },
      { name: 'Moeder', turns: 2 },
    ]);
  });

  it('lets paragraphs before the first turn belong to no turn', () => {
    const text = transcript('Titel: een gesprek', 'Inleiding zonder label.', 'A: Eén.', 'B: Twee.', 'A: Drie.', 'B: Vier.');
    expect(detectTurns(text)[0]!.start).toBe(text.indexOf('A: Eén.'));
  });

  it('lets a paragraph without a label continue the turn before it', () => {
    const text = transcript('A: Eerste deel.', 'Tweede deel.\nDerde regel.', 'B: Ja.', 'A: Nog iets.', 'B: Goed.');
    expect(spoken(text)[0]).toEqual(['A', 'A: Eerste deel.\n\nTweede deel.\nDerde regel.']);
  });

  it('ends a turn at a stage direction on its own line, which belongs to no turn and is no label', () => {
    const text = transcript('ANOUK: Welkom.', 'RUTGER: Klopt.', '(Tekst in beeld: Rutger, mentor vmbo.)', 'ANOUK: En jij?', 'RUTGER: Ja.', '[stilte]', 'Daarna nog iets.');
    expect(spoken(text)[1]).toEqual(['RUTGER', 'RUTGER: Klopt.']);
    expect(spoken(text)[3]).toEqual(['RUTGER', 'RUTGER: Ja.']);
    expect(detectTurns(text)).toHaveLength(4);
  });

  it('keeps a stage direction within a line, and a web address a speaker mentions, in the turn', () => {
    const text = transcript('A: Ik lachte (hardop) en ging weg.', 'Zie www.school.nl voor meer.\nB: Ja.', 'A: Nee.', 'B: Goed.');
    expect(spoken(text)[0]).toEqual(['A', 'A: Ik lachte (hardop) en ging weg.\n\nZie www.school.nl voor meer.']);
  });

  it('does not count a web page’s footer after the last turn as the last speaker’s', () => {
    const text = transcript('SPREKER: Welkom bij het webinar.', 'DEELNEMER: Dank je.', 'SPREKER: Tot ziens.', '© 2024 Webinar Onderwijs · Privacy · Cookies', 'Volg ons op https://example.org');
    expect(spoken(text).at(-1)).toEqual(['SPREKER', 'SPREKER: Tot ziens.']);
  });

  it('does not read a label that stands alone on its line', () => {
    const text = transcript('Interviewer:', 'Hoe ging het?', 'Interviewer:', 'En daarna?');
    expect(detectTurns(text)).toEqual([]);
  });

  it('does not read sentences with a colon as labels', () => {
    const text = transcript(
      'A: Begin.',
      'Hij zei toen echt heel boos: ga weg.',
      'Hij zei toen echt heel boos: ga weg.',
      'Dat was het. Daarna: stilte.',
      'Dat was het. Daarna: stilte.',
      'Waarom? Omdat: geen idee.',
      'Waarom? Omdat: geen idee.',
      'Om 10:30 begon de les.',
      'Om 10:30 begon de les.',
      'Zie https://example.org voor meer.',
      'A: Einde.',
    );
    expect(spoken(text).map(([speaker]) => speaker)).toEqual(['A', 'A']);
  });

  it('does not read a label longer than 40 characters', () => {
    const long = 'Abcdefghij Abcdefghij Abcdefghij Abcdefghij';
    expect(detectTurns(transcript(`${long}: x`, `${long}: y`))).toEqual([]);
  });

  it('compares labels as written, so that spellings stay apart until the speaker map merges them', () => {
    const text = transcript('Interviewer: a', 'INTERVIEWER: b', 'Interviewer: c', 'INTERVIEWER: d');
    expect(speakerSummary(detectTurns(text)).map((s) => s.name)).toEqual(['Interviewer', 'INTERVIEWER']);
  });

  it('trims the label and takes spaces before the colon into the label range', () => {
    const text = transcript('  Moeder : Ja.', 'Moeder : Nee.');
    expect(detectTurns(text).map((t) => t.speaker)).toEqual(['Moeder', 'Moeder']);
    expect(labels(text)).toEqual(['Moeder :', 'Moeder :']);
  });

  it('reads transcripts with lines in a row as well as with blank lines between', () => {
    const text = 'Titel\nDatum: 9 maart\nI: Vraag?\nL1: Antwoord.\nI: Nog een?\nL1: Ja.';
    expect(spoken(text).map(([speaker]) => speaker)).toEqual(['I', 'L1', 'I', 'L1']);
  });

  it('finds nothing in text without speakers', () => {
    expect(detectTurns('')).toEqual([]);
    expect(detectTurns('Een verslag.\n\nZonder sprekers.')).toEqual([]);
  });

  const label = fc.constantFrom('I', 'Interviewer', 'Leerling 1', 'Leerling 12', 'MOEDER', 'Interviewer (I)', 'Zorgcoördinator', 'Jan de Vries');
  const utterance = fc
    .array(fc.constantFrom('ja', 'nee,', 'dat', 'was', 'goed.', 'Echt?', 'om', '10:30', '(lacht)', 'zei:', 'é', '😅'), { minLength: 1, maxLength: 8 })
    .map((words) => words.join(' '));
  const direction = fc.constantFrom('(Gelach.)', '(Tekst in beeld: Fatima, brugfunctionaris.)', '[stilte]');
  const turn = fc.record({ speaker: label, text: utterance, after: fc.option(direction, { nil: undefined }) });

  it('finds back every turn of a generated transcript whose speakers each speak twice', () => {
    fc.assert(
      fc.property(fc.array(turn, { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\n\n', '\n\n\n'), (built, separator) => {
        const twice = [...built, ...built];
        const paragraphsOf = twice.map((t) => [`${t.speaker}: ${t.text}`, ...(t.after ? [t.after] : [])].join(separator));
        const text = ['Titel van het gesprek', ...paragraphsOf].join(separator);
        // A stage direction after a turn is not part of it.
        expect(spoken(text)).toEqual(twice.map((t) => [t.speaker, `${t.speaker}: ${t.text}`]));
      }),
    );
  });

  it('returns ordered, disjoint turns whose label lies inside the turn and ends with a colon', () => {
    const anyText = fc
      .array(fc.oneof(fc.constantFrom('A: x', 'B: y', '[00:01] C: z', 'Datum: 1', '(noot: a)', '\n', '\n\n', ' ', 'tekst'), fc.string()), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(anyText, (text) => {
        const turns = detectTurns(text);
        turns.forEach((t, i) => {
          if (i > 0) expect(turns[i - 1]!.end).toBeLessThanOrEqual(t.start);
          expect(t.start).toBeLessThanOrEqual(t.labelStart);
          expect(t.labelStart).toBeLessThan(t.labelEnd);
          expect(t.labelEnd).toBeLessThanOrEqual(t.end);
          const written = text.slice(t.labelStart, t.labelEnd);
          expect(written.endsWith(':')).toBe(true);
          expect(written.slice(0, -1).trim()).toBe(t.speaker);
        });
      }),
    );
  });

  it('handles 300,000 characters with a thousand turns in a few milliseconds', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `Spreker ${i % 4}: ${'woord '.repeat(24)}\n\n${'meer tekst '.repeat(16)}`).join('\n\n');
    expect(text.length).toBeGreaterThan(300_000);
    detectTurns(text);
    const t0 = performance.now();
    const turns = detectTurns(text);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(turns).toHaveLength(1000);
  });
});

describe('applySpeakerMap', () => {
  const text = transcript('I: Vraag.', 'Interviewer: Vraag.', 'M: Antwoord.', 'I: Vraag.', 'Interviewer: Vraag.', 'M: Antwoord.');
  const turns = detectTurns(text);

  it('leaves turns as they are with an empty map', () => {
    expect(applySpeakerMap(turns, {})).toEqual(turns);
  });

  it('renames a label and keeps its ranges', () => {
    const renamed = applySpeakerMap(turns, { M: 'Moeder' });
    expect(renamed.map((t) => t.speaker)).toEqual(['I', 'Interviewer', 'Moeder', 'I', 'Interviewer', 'Moeder']);
    expect(renamed.map(({ start, end, labelStart, labelEnd }) => [start, end, labelStart, labelEnd])).toEqual(
      turns.map(({ start, end, labelStart, labelEnd }) => [start, end, labelStart, labelEnd]),
    );
  });

  it('merges labels that are mapped to the same name into one speaker', () => {
    const merged = applySpeakerMap(turns, { I: 'Interviewer' });
    expect(speakerSummary(merged)).toEqual([
      { name: 'Interviewer', turns: 4 },
      { name: 'M', turns: 2 },
    ]);
  });

  it('drops the turns of a label mapped to null', () => {
    expect(applySpeakerMap(turns, { M: null }).map((t) => t.speaker)).toEqual(['I', 'Interviewer', 'I', 'Interviewer']);
  });

  it('keeps a label mapped to a blank name', () => {
    expect(applySpeakerMap(turns, { M: '  ' })).toEqual(turns);
  });

  it('does not look up labels on the object prototype', () => {
    const odd: Turn[] = [{ speaker: 'constructor', start: 0, end: 5, labelStart: 0, labelEnd: 2 }];
    expect(applySpeakerMap(odd, {})).toEqual(odd);
  });
});

describe('speakerSummary', () => {
  it('counts turns per speaker in order of first appearance', () => {
    const text = transcript('T: a', 'I: b', 'T: c', 'Z: d', 'I: e', 'Z: f', 'T: g');
    expect(speakerSummary(detectTurns(text))).toEqual([
      { name: 'T', turns: 3 },
      { name: 'I', turns: 2 },
      { name: 'Z', turns: 2 },
    ]);
  });
});

describe('speakerLabel', () => {
  it('keeps a name that already is a label', () => {
    expect(speakerLabel('Interviewer')).toBe('Interviewer');
    expect(speakerLabel('Leerling 2')).toBe('Leerling 2');
  });

  it('drops characters a label cannot hold and keeps at most four words', () => {
    expect(speakerLabel('Jansen, P. (Piet)')).toBe('Jansen P (Piet)');
    expect(speakerLabel('dr. Anna de Vries-Jansen van Dijk')).toBe('dr Anna de Vries-Jansen');
  });

  it('gives null for a name without letters', () => {
    expect(speakerLabel('123')).toBeNull();
    expect(speakerLabel(' ')).toBeNull();
  });

  it('always gives a label that detectTurns reads back as the same speaker', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const label = speakerLabel(name);
        if (label === null) return;
        expect(detectTurns(`[00:00:01] ${label}: tekst`).map((t) => t.speaker)).toEqual([label]);
      }),
    );
  });
});
