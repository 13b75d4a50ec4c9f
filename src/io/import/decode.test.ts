import fc from 'fast-check';
import { decodeText, decodeWindows1252, looksBinary } from './decode';

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
        fc.pre(!s.startsWith('\ufeff'));
        expect(decodeText(utf8(s))).toBe(s);
      }),
    );
  });

  it('keeps the text of a damaged UTF-16 file and marks only the damage', () => {
    const damaged = new Uint8Array([...utf16('Hallo', 'le'), 0x41]);
    expect(decodeText(damaged)).toBe('Hallo\ufffd');
  });

  it('never makes replacement characters of bytes without a UTF-16 mark that do not hold one', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        fc.pre(!holdsReplacementCharacter(bytes) && !startsWithUtf16Mark(bytes));
        expect(decodeText(bytes)).not.toContain('\ufffd');
      }),
    );
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

  it('calls ordinary text with tabs, line ends and form feeds text', () => {
    expect(looksBinary('I:\tHallo\r\n\fT: Ja\n')).toBe(false);
    expect(looksBinary('')).toBe(false);
  });
});
