// @vitest-environment node
/**
 * The malformed files themselves (the harness that feeds them to Markeer is
 * src/cli/malformed.test.ts): every kind of the attack's table is there, and the generated
 * bombs are what they claim to be.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { RECIPES } from './test-recipes';
import { entryOf, runEntry, writeZip } from './test-zip-writer';

/** The 84 kinds of malformed-recipes.md. */
const KINDS = [
  ...Array.from({ length: 45 }, (_, i) => `b${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 23 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 12 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`),
  'b38b',
  't04b',
  't04c',
  't05b',
];

describe('the malformed-file recipes', () => {
  it('has one recipe for each of the 84 kinds', () => {
    const kinds = RECIPES.map((r) => r.name.slice(0, r.name.indexOf('-')));
    expect(new Set(kinds).size).toBe(RECIPES.length);
    expect([...kinds].sort()).toEqual([...KINDS].sort());
  });

  it('writes a run of one byte that inflates to exactly that run, with its CRC-32', () => {
    const prefix = new TextEncoder().encode('Interviewer: 😀\n');
    const entry = runEntry('run.txt', 0x61, 1_000_003, prefix, 65_536);
    const inflated = inflateRawSync(entry.data);
    expect(inflated.length).toBe(prefix.length + 1_000_003);
    expect(inflated.subarray(0, prefix.length)).toEqual(Buffer.from(prefix));
    expect(inflated.subarray(prefix.length).every((b) => b === 0x61)).toBe(true);
    expect(entry.crc).toBe(crc32(inflated));
    expect(entry.size).toBe(inflated.length);
  });

  it('writes zips that an ordinary reader reads back', async () => {
    const zip = writeZip([entryOf('a.txt', 'hallo'), entryOf('b/c.txt', 'wereld', 0), runEntry('zeros.bin', 0, 300_000, undefined, 65_536)]).bytes;
    const read = await JSZip.loadAsync(zip, { checkCRC32: true });
    expect(await read.file('a.txt')?.async('string')).toBe('hallo');
    expect(await read.file('b/c.txt')?.async('string')).toBe('wereld');
    expect((await read.file('zeros.bin')?.async('uint8array'))?.length).toBe(300_000);
  });

  it('builds the 1.1 GB bomb from about 1 MB of deflate data, declaring its inflated size', async () => {
    const bomb = RECIPES.find((r) => r.name.startsWith('b43-'))!;
    const { bytes } = await bomb.build();
    // About a thousand to one, as deflate allows at most.
    expect(bytes.length).toBeLessThan(1_200_000);
    // The first entry's local header: method 8, inflated size 1.1e9.
    const header = new DataView(bytes.buffer, bytes.byteOffset);
    expect(header.getUint16(8, true)).toBe(8);
    expect(header.getUint32(22, true)).toBe(1_100_000_000);
  });
});
