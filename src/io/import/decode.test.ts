import fc from 'fast-check';
import { binaryEvidence, decodeText, decodeTextWithNotes, decodeWindows1252, looksBinary, removeStrayControls } from './decode';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16(s: string, order: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + s.length * 2);
  bytes.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const [first, second] = order === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    bytes[2 + i * 2] = first;
    bytes[3 + i * 2] = second;
  }
  return bytes;
}

/** Whether the bytes hold EF BF BD, the UTF-8 of U+FFFD itself. */
function holdsReplacementCharacter(bytes: Uint8Array): boolean {
  return bytes.some((b, i) => b === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd);
}

function startsWithUtf16Mark(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

describe('decodeText', () => {
  it('reads UTF-8 without a byte-order mark', () => {
    expect(decodeText(utf8('Zorgcoördinator – één 😅'))).toBe('Zorgcoördinator – één 😅');
  });

  it('reads UTF-8 with a byte-order mark and leaves the mark out', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('I: Hallo')]))).toBe('I: Hallo');
  });

  it('reads UTF-16 little- and big-endian with a byte-order mark', () => {
    const text = 'Interviewer: Hoe gaat het? Goed – één 😅\r\n';
    expect(decodeText(utf16(text, 'le'))).toBe(text);
    expect(decodeText(utf16(text, 'be'))).toBe(text);
  });

  it('falls back to windows-1252 for bytes that are not UTF-8, without replacement characters', () => {
    // "Café “€ 5” – ok" as an old Windows editor saves it.
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x80, 0x20, 0x35, 0x94, 0x20, 0x96, 0x20, 0x6f, 0x6b]);
    expect(decodeText(bytes)).toBe('Café “€ 5” – ok');
  });

  it('reads back any text it was given as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        // NUL characters every other byte would read as UTF-16 without a byte-order mark; text has none.
        fc.pre(!s.startsWith('\ufeff') && !s.includes('\u0000'));
        expect(decodeText(utf8(s))).toBe(s);
      }),
    );
  });

  it('keeps the text of a damaged UTF-16 file and marks only the damage', () => {
    const damaged = new Uint8Array([...utf16('Hallo', 'le'), 0x41]);
    expect(decodeText(damaged)).toBe('Hallo\ufffd');
  });

  it('reports every replacement character it makes, and makes none when it reads windows-1252', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        fc.pre(!holdsReplacementCharacter(bytes) && !startsWithUtf16Mark(bytes));
        const { text, notes } = decodeTextWithNotes(bytes);
        const made = [...text].filter((c) => c === '\ufffd').length;
        const reported = notes.reduce((sum, n) => sum + (n.kind === 'utf8-repaired' || n.kind === 'utf16-repaired' ? n.count : 0), 0);
        expect(made).toBe(reported);
        if (notes.some((n) => n.kind === 'windows-1252')) expect(made).toBe(0);
      }),
    );
  });
});

/** A UTF-8 transcript with one invalid byte (0xE9, "é" in windows-1252) on line 3. */
function transcriptWithOneBadByte(): Uint8Array {
  const before = utf8('I: Hoe verloopt de coördinatie met de zorgcoördinator?\r\nZ: Goed, één keer per week overleg.\r\nI: En het ');
  const after = utf8('nthousiasme van de collega’s?\r\n');
  return new Uint8Array([...before, 0xe9, ...after]);
}

describe('decodeTextWithNotes', () => {
  it('reads UTF-8 with one invalid byte as UTF-8, replacing only that byte and saying where it was', () => {
    const { text, notes } = decodeTextWithNotes(transcriptWithOneBadByte());
    expect(text).toContain('de coördinatie met de zorgcoördinator');
    expect(text).toContain('één keer');
    expect(text).toContain('En het \ufffdnthousiasme van de collega’s?');
    expect(notes).toEqual([{ kind: 'utf8-repaired', count: 1, places: [{ line: 3, column: 11 }] }]);
  });

  it('counts columns in characters and CRLF, CR and LF each as one line end', () => {
    const bytes = new Uint8Array([...utf8('één\r\ntwee\rdrie\nvier 😅 '), 0xff, ...utf8('!')]);
    expect(decodeTextWithNotes(bytes).notes).toEqual([{ kind: 'utf8-repaired', count: 1, places: [{ line: 4, column: 8 }] }]);
  });

  it('makes one replacement of a cut-off multi-byte character, as a UTF-8 decoder does', () => {
    // E2 82 is the start of "€" (E2 82 AC) without its last byte.
    const bytes = new Uint8Array([...utf8('prijs: € 5, '), 0xe2, 0x82, ...utf8(' €')]);
    const { text, notes } = decodeTextWithNotes(bytes);
    expect(text).toBe('prijs: € 5, \ufffd €');
    expect(notes).toEqual([{ kind: 'utf8-repaired', count: 1, places: [{ line: 1, column: 13 }] }]);
  });

  it('lists the first ten places and counts all of them', () => {
    const line = [...utf8('één '), 0xff, ...utf8(' twee\n')];
    const { notes } = decodeTextWithNotes(new Uint8Array(Array.from({ length: 25 }, () => line).flat()));
    expect(notes).toHaveLength(1);
    const [note] = notes;
    expect(note).toMatchObject({ kind: 'utf8-repaired', count: 25 });
    expect(note?.kind === 'utf8-repaired' && note.places).toEqual(Array.from({ length: 10 }, (_, i) => ({ line: i + 1, column: 5 })));
  });

  it('leaves a UTF-8 byte-order mark out of the columns', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('één '), 0xc0]);
    expect(decodeTextWithNotes(bytes)).toEqual({ text: 'één \ufffd', notes: [{ kind: 'utf8-repaired', count: 1, places: [{ line: 1, column: 5 }] }] });
  });

  it('reads a file with more invalid bytes than UTF-8 characters as windows-1252 and says where the first one is', () => {
    // "Café, coördinatie" in windows-1252, and one "é" in UTF-8 pasted in.
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x0a, 0x63, 0x6f, 0xf6, 0x72, 0x64, 0x69, 0xc3, 0xa9]);
    expect(decodeTextWithNotes(bytes)).toEqual({ text: 'Café,\ncoördiÃ©', notes: [{ kind: 'windows-1252', invalidCount: 2, first: { line: 1, column: 4 } }] });
  });

  it('reads UTF-16 without a byte-order mark by its NUL bytes, and says so', () => {
    const text = 'Interviewer: Hoe gaat het met de coördinatie?\r\nZ: Goed – één 😅\r\n';
    const le = utf16(text, 'le').subarray(2);
    const be = utf16(text, 'be').subarray(2);
    expect(decodeTextWithNotes(le)).toEqual({ text, notes: [{ kind: 'utf16-without-bom', byteOrder: 'le' }] });
    expect(decodeTextWithNotes(be)).toEqual({ text, notes: [{ kind: 'utf16-without-bom', byteOrder: 'be' }] });
  });

  it('says where a UTF-16 file is damaged', () => {
    const bytes = new Uint8Array([...utf16('ab\ncd', 'le'), 0x00, 0xd8, ...utf16('e', 'le').subarray(2), 0x41]);
    expect(decodeTextWithNotes(bytes)).toEqual({
      text: 'ab\ncd\ufffde\ufffd',
      notes: [{ kind: 'utf16-repaired', count: 2, places: [{ line: 2, column: 3 }, { line: 2, column: 5 }] }],
    });
  });

  it('says nothing about sound UTF-8', () => {
    expect(decodeTextWithNotes(utf8('Zorgcoördinator – één 😅'))).toEqual({ text: 'Zorgcoördinator – één 😅', notes: [] });
  });
});

describe('removeStrayControls', () => {
  it('leaves NUL and other control characters out, with their places, and keeps tabs, line ends and form feeds', () => {
    expect(removeStrayControls('A:\tja\u0000\r\nB: n\u0001ee\f\n')).toEqual({
      text: 'A:\tja\r\nB: nee\f\n',
      count: 2,
      places: [{ line: 1, column: 6 }, { line: 2, column: 5 }],
    });
  });

  it('counts a character outside the BMP as one column', () => {
    expect(removeStrayControls('😅\u0000').places).toEqual([{ line: 1, column: 2 }]);
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80-0x9F to the characters of the code page and every other byte to itself', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x85, 0x8a, 0x91, 0x92, 0x99, 0x9f]))).toBe('€…Š‘’™Ÿ');
    expect(decodeWindows1252(new Uint8Array([0x41, 0x7f, 0xa0, 0xe9, 0xff]))).toBe('A\u007f\u00a0éÿ');
  });

  it('decodes files larger than one chunk', () => {
    expect(decodeWindows1252(new Uint8Array(20_000).fill(0xe9))).toBe('é'.repeat(20_000));
  });
});

describe('looksBinary', () => {
  it('calls text with a NUL character binary', () => {
    expect(looksBinary('abc\u0000def')).toBe(true);
  });

  it('calls text with many control characters binary', () => {
    expect(looksBinary('\u0001\u0002\u0003abc')).toBe(true);
  });

  it('calls text with a few NUL characters text: that is damage, left out on import', () => {
    expect(looksBinary(`${'Interviewer: Hoe gaat het?\n'.repeat(10)}\u0000\u0000`)).toBe(false);
  });

  it('says why random bytes are not text', () => {
    let seed = 13;
    const random = Uint8Array.from({ length: 65_536 }, () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) >>> 24);
    expect(binaryEvidence(decodeText(random))).toMatch(/^\d+ of its \d+ characters are NUL or other control characters/);
  });

  it('calls ordinary text with tabs, line ends and form feeds text', () => {
    expect(looksBinary('I:\tHallo\r\n\fT: Ja\n')).toBe(false);
    expect(looksBinary('')).toBe(false);
  });
});
