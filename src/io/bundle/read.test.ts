// @vitest-environment node
/**
 * Zips that attack their reader (issue 13, items 2 and 6; recipes b03-b06, b34, b35, b43, b44 of
 * the malformed-file set): entries nothing names are never inflated, a named entry is refused at
 * its limit, and a damaged zip or a name that climbs out of it is refused naming the entry.
 */
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it, beforeAll } from 'vitest';
import { MAX_DOCUMENT_CHARS } from '../../domain/limits';
import { measured } from '../test-memory';
import { buildZip, entriesOf, packed, rebuild, zeros, type PackedEntry, type ZipEntryInput } from '../test-zips';
import { parseBundle } from './parse';
import { demoBundle, type Json } from './test-zip';

const GB = 1.1e9;
let bomb: PackedEntry;
beforeAll(async () => {
  bomb = await zeros(GB);
}, 60_000);

const demo = demoBundle();
const manifestOf = (entries: readonly ZipEntryInput[]): Json => JSON.parse(new TextDecoder().decode(inflateRawSync(entries.find((e) => e.name === 'manifest.json')!.packed!.data)));
const textPathOf = (zip: Uint8Array): string => manifestOf(entriesOf(zip)).documents[0].path;

/** The entries with manifest.json changed by `edit`. */
function withManifest(entries: ZipEntryInput[], edit: (manifest: Json) => void): ZipEntryInput[] {
  const manifest = manifestOf(entries);
  edit(manifest);
  return entries.map((e) => (e.name === 'manifest.json' ? { name: e.name, content: JSON.stringify(manifest) } : e));
}

describe('reading a bundle with a zip bomb in it', () => {
  it('reads a 1 MB bundle with a 1.1 GB entry of zeros that nothing names without inflating it (b43-zip-bomb)', async () => {
    const zip = rebuild(demo, (entries) => [{ name: 'aaa-padding.bin', packed: bomb }, ...entries]);
    expect(zip.length).toBeLessThan(2e6);
    const { result, seconds, peakMB } = await measured(() => parseBundle(zip));
    expect(result.ok).toBe(true);
    expect(seconds).toBeLessThan(5);
    expect(peakMB).toBeLessThan(200);
  });

  it('reads a bundle with four such entries as quickly (b44-zip-bomb-4x)', async () => {
    const zip = rebuild(demo, (entries) => [...[0, 1, 2, 3].map((i) => ({ name: `pad-${i}.bin`, packed: bomb })), ...entries]);
    const { result, seconds, peakMB } = await measured(() => parseBundle(zip));
    expect(result.ok).toBe(true);
    expect(seconds).toBeLessThan(5);
    expect(peakMB).toBeLessThan(200);
  });

  it('refuses a document text that declares 1.1 GB, naming the entry, its size and the limit, before inflating it', async () => {
    const path = textPathOf(demo);
    const zip = rebuild(demo, (entries) => entries.map((e) => (e.name === path ? { name: path, packed: bomb } : e)));
    const { result, seconds, peakMB } = await measured(() => parseBundle(zip));
    expect(result).toEqual({ ok: false, reason: 'bundle-too-large', detail: expect.stringContaining(`${path} declares 1,100,000,000 bytes; at most ${(3 * MAX_DOCUMENT_CHARS).toLocaleString('en-US')} bytes are allowed`) });
    expect(seconds).toBeLessThan(5);
    expect(peakMB).toBeLessThan(200);
  });

  it('stops inflating a document text whose declared size lies as soon as it passes the limit', async () => {
    const path = textPathOf(demo);
    const liar: PackedEntry = { ...bomb, size: 12 };
    const zip = rebuild(demo, (entries) => entries.map((e) => (e.name === path ? { name: path, packed: liar } : e)));
    const { result, peakMB } = await measured(() => parseBundle(zip));
    expect(result).toEqual({ ok: false, reason: 'bundle-too-large', detail: expect.stringContaining(`${path} inflates to more than it declares (12 bytes)`) });
    expect(peakMB).toBeLessThan(3 * MAX_DOCUMENT_CHARS / 2 ** 20 + 300);
  }, 60_000);

  it('refuses a project.json of 1.1 GB, naming it', async () => {
    const zip = rebuild(demo, (entries) => entries.map((e) => (e.name === 'project.json' ? { name: 'project.json', packed: bomb } : e)));
    const result = await parseBundle(zip);
    expect(result).toEqual({ ok: false, reason: 'bundle-too-large', detail: expect.stringMatching(/^project\.json declares 1,100,000,000 bytes; at most 536,870,912 bytes are allowed/) });
  });
});

describe('reading a damaged bundle', () => {
  const noBug = (detail: string | undefined) => expect(detail ?? '').not.toMatch(/Bug|Corrupted zip/);

  it('says the table of contents is missing when the end of the zip is cut off (b05-no-eocd)', async () => {
    const result = await parseBundle(demo.slice(0, demo.length - 10));
    expect(result).toMatchObject({ ok: false, reason: 'bundle-damaged', detail: expect.stringContaining('end of central directory) is missing') });
  });

  it('says the zip is cut off when half of it or its first 100 bytes remain (b03-trunc-half, b04-trunc-100)', async () => {
    for (const cut of [demo.slice(0, demo.length / 2), demo.slice(0, 100)]) {
      const result = await parseBundle(cut);
      expect(result).toMatchObject({ ok: false, reason: 'bundle-damaged' });
      if (!result.ok) noBug(result.detail);
    }
  });

  it('names project.json when two bytes inside its compressed data are flipped (b06-crc-corrupt)', async () => {
    const zip = rebuild(demo, (entries) =>
      entries.map((e) => {
        if (e.name !== 'project.json') return e;
        const data = e.packed!.data.slice();
        const at = Math.floor(data.length / 2);
        data[at] = data[at]! ^ 0xff;
        data[at + 1] = data[at + 1]! ^ 0xff;
        return { name: e.name, packed: { ...e.packed!, data } };
      }),
    );
    const result = await parseBundle(zip);
    expect(result).toMatchObject({ ok: false, reason: 'bundle-damaged', detail: expect.stringMatching(/^project\.json is damaged: /) });
    if (!result.ok) noBug(result.detail);
  });

  it('says an entry whose content does not match its checksum is damaged', async () => {
    const zip = rebuild(demo, (entries) => entries.map((e) => (e.name === 'project.json' ? { name: e.name, packed: { ...e.packed!, crc32: (e.packed!.crc32 ^ 1) >>> 0 } } : e)));
    expect(await parseBundle(zip)).toEqual({ ok: false, reason: 'bundle-damaged', detail: 'project.json is damaged: its checksum (CRC-32) does not match its content' });
  });
});

describe('reading a bundle with entry names that climb out of it', () => {
  it('refuses extra entries named "../../tmp/x/…" or "/tmp/x/…", naming them as unsafe (b34-zip-slip)', async () => {
    const zip = rebuild(demo, (entries) => [...entries, { name: '../../tmp/x/zipslip-pwned.txt', content: 'pwned' }, { name: '/tmp/x/zipslip-abs.txt', content: 'pwned' }]);
    expect(await parseBundle(zip)).toEqual({
      ok: false,
      reason: 'bundle-unsafe-name',
      detail: 'the zip holds an entry named “../../tmp/x/zipslip-pwned.txt”, which is unsafe: it climbs out of its folder with “..”',
    });
  });

  it('refuses a manifest whose document path is "../../../etc/passwd", naming the field (b34-zip-slip)', async () => {
    const zip = rebuild(demo, (entries) => withManifest(entries, (m) => (m.documents[0].path = '../../../etc/passwd')));
    expect(await parseBundle(zip)).toEqual({ ok: false, reason: 'bundle-unsafe-name', detail: 'manifest.json: documents[0].path “../../../etc/passwd” is unsafe: it climbs out of its folder with “..”' });
  });

  it('refuses a text stored at "../../x.txt" even when the manifest names it so and the checksums hold (b35-zip-slip-consistent)', async () => {
    const path = textPathOf(demo);
    const moved = (entries: ZipEntryInput[]) => entries.map((e) => (e.name === path ? { name: '../../x.txt', packed: e.packed } : e));
    const zip = rebuild(demo, (entries) => withManifest(moved(entries), (m) => (m.documents[0].path = '../../x.txt')));
    const result = await parseBundle(zip);
    expect(result).toMatchObject({ ok: false, reason: 'bundle-unsafe-name', detail: expect.stringContaining('“../../x.txt”, which is unsafe') });
  });

  it('refuses names with a backslash or a drive letter', async () => {
    for (const name of ['texts\\a.txt', 'C:/x.txt']) {
      const zip = rebuild(demo, (entries) => [...entries, { name, content: 'x' }]);
      expect(await parseBundle(zip)).toMatchObject({ ok: false, reason: 'bundle-unsafe-name', detail: expect.stringContaining(`“${name}”`) });
    }
  });

  it('still reads a bundle whose entries are stored, not deflated, with a file it does not name', async () => {
    const stored = (e: ZipEntryInput): ZipEntryInput => ({ name: e.name, packed: { ...e.packed!, data: new Uint8Array(inflateRawSync(e.packed!.data)), method: 0 } });
    const zip = buildZip([...entriesOf(demo).map(stored), { name: 'notes/readme.txt', packed: packed('hello') }]);
    expect((await parseBundle(zip)).ok).toBe(true);
  });
});
