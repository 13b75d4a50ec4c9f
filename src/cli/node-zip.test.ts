// @vitest-environment node
/**
 * The command line reads zips with Node's zlib (node-zip.ts) instead of pako and crc32.ts: every
 * entry, sound or not, must come back exactly as the portable code gives it, the same bytes or the
 * same refusal in the same words.
 */
import { deflateRawSync } from 'node:zlib';
import { readZipDirectory, readZipEntry, useZipAccelerators, type EntryLimit, type ZipEntry } from '../io/zip';
import { buildZip, packed, zeros, type PackedEntry } from '../io/test-zips';
import { NODE_ZIP } from './node-zip';

const LIMIT: EntryLimit = { bytes: 1 << 20, why: 'a test limit' };
const text = 'Interviewer: Hoe ging het? Respondent: Goed, dank je — één keer per week. '.repeat(400);
const deflated = (s: string | Uint8Array) => new Uint8Array(deflateRawSync(typeof s === 'string' ? new TextEncoder().encode(s) : s, { level: 6 }));

function withData(p: PackedEntry, data: Uint8Array): PackedEntry {
  return { ...p, data };
}

async function cases(): Promise<[string, PackedEntry][]> {
  const sound = packed(text);
  const flipped = sound.data.slice();
  const middle = Math.floor(flipped.length / 2);
  flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
  const stored: PackedEntry = { ...sound, data: new TextEncoder().encode(text), method: 0 };
  return [
    ['a sound entry', sound],
    ['a stored entry', stored],
    ['an empty entry', packed('')],
    ['a cut-off entry', withData(sound, sound.data.slice(0, Math.floor(sound.data.length / 2)))],
    ['an entry without its last bytes', withData(sound, sound.data.slice(0, sound.data.length - 1))],
    ['an entry with a damaged byte', withData(sound, flipped)],
    ['an entry of no deflate data at all', withData(sound, new Uint8Array([0xff, 0xff, 0xff, 0xff]))],
    ['an entry with no data', withData(sound, new Uint8Array(0))],
    ['an entry with bytes after its end', withData(sound, new Uint8Array([...sound.data, 1, 2, 3]))],
    ['an entry that declares fewer bytes than it holds', { ...sound, size: sound.size - 10 }],
    ['an entry that declares more bytes than it holds', { ...sound, size: sound.size + 10 }],
    ['an entry with a wrong checksum', { ...sound, crc32: (sound.crc32 + 1) >>> 0 }],
    ['an entry that inflates past the limit and says so', await zeros(LIMIT.bytes + 1)],
    ['an entry that inflates past the limit but declares little', { ...(await zeros(4 * LIMIT.bytes)), size: 100 }],
    ['an entry exactly at the limit', await zeros(LIMIT.bytes)],
    ['an entry that declares more than the limit', { ...packed('klein'), size: LIMIT.bytes + 1 }],
    ['several deflate streams one after another', withData(packed(`${text}${text}`), new Uint8Array([...deflated(text), ...deflated(text)]))],
  ];
}

async function read(entry: PackedEntry, quick: boolean) {
  const zip = buildZip([{ name: 'texts/a.txt', packed: entry }]);
  const directory = readZipDirectory(zip);
  if (!directory.ok) throw new Error(directory.detail);
  let inflatedByZlib = false;
  useZipAccelerators(
    quick
      ? {
          ...NODE_ZIP,
          inflateRaw: (...args) => {
            const out = NODE_ZIP.inflateRaw(...args);
            inflatedByZlib = out !== null;
            return out;
          },
        }
      : null,
  );
  try {
    const r = await readZipEntry(zip, directory.value[0] as ZipEntry, LIMIT);
    return { result: r.ok ? { ok: true, bytes: [...r.value] } : r, inflatedByZlib };
  } finally {
    useZipAccelerators(null);
  }
}

describe('reading zip entries with Node’s zlib', () => {
  it('gives what pako and crc32.ts give, for sound entries and for every kind of damage', async () => {
    const byZlib: string[] = [];
    for (const [name, entry] of await cases()) {
      const quick = await read(entry, true);
      expect(quick.result, name).toEqual((await read(entry, false)).result);
      if (quick.inflatedByZlib) byZlib.push(name);
    }
    // the sound ones went through zlib; the others fell back to pako
    expect(byZlib).toEqual(expect.arrayContaining(['a sound entry', 'an entry exactly at the limit', 'an entry with a wrong checksum']));
    expect(byZlib).not.toContain('a cut-off entry');
    expect(byZlib).not.toContain('an entry that inflates past the limit but declares little');
  }, 60_000);

  it('gives the same CRC-32 as crc32.ts', async () => {
    const { crc32 } = await import('../io/crc32');
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode(text), new Uint8Array(70_000).map((_, i) => (i * 7919) & 0xff)]) {
      expect(NODE_ZIP.crc32(bytes)).toBe(crc32(0, bytes));
    }
  });
});
