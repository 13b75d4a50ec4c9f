import { createEntryCompressor, crc32 } from './entry-compressor';
import { bundleEntries, entryBytes, serializeBundle, zipEntries, ZIP_OPTIONS, type SerializeOptions } from './serialize';
import { demoBundle } from './test-zip';
import { parseBundle } from './parse';
import { assembleZip } from './zip-entries';
import { stableJson } from './json';
import { inThreadZipWorkers } from './zip-workers.test-support';

const level = ZIP_OPTIONS.compressionOptions.level;
const options: SerializeOptions & { exportedAt: string } = { kind: 'full', appVersion: '0.1.0', exportedBy: { guid: '6f1c1a52-3b8e-4c1e-9a43-6f0a4b7c2d11', name: 'Ans' }, exportedAt: '2026-03-05T10:11:13.456Z' };

/** Every entry compressed on its own, fed in chunks of `chunk` bytes, then assembled. */
async function inParts(entries: Awaited<ReturnType<typeof bundleEntries>>, exportedAt: string, chunk: number): Promise<Uint8Array> {
  const compressed = entries.map((e) => {
    const bytes = entryBytes(e);
    const c = createEntryCompressor(level);
    for (let i = 0; i < bytes.length; i += chunk) c.push(bytes.subarray(i, i + chunk));
    return { path: e.path, compressed: c.finish() };
  });
  return assembleZip(compressed, exportedAt);
}

async function demoData() {
  const parsed = await parseBundle(demoBundle());
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value.data;
}

describe('zipping entries in parts', () => {
  it('gives the same bytes as zipping them with JSZip alone, whatever the chunk size', async () => {
    const data = await demoData();
    const entries = await bundleEntries(data, options);
    const plain = await zipEntries(entries, options.exportedAt);
    for (const chunk of [1, 777, 16384, 1 << 24]) expect(await inParts(entries, options.exportedAt, chunk)).toEqual(plain);
  });

  it('keeps empty entries, unusual names and odd seconds as JSZip writes them', async () => {
    const entries = [
      { path: 'leeg.txt', bytes: new Uint8Array(0) },
      { path: 'texts/überzicht café 😀.txt', bytes: new TextEncoder().encode('Één regel\n'.repeat(5000)) },
      { path: 'a/b/c.json', json: { z: 1, a: [{ y: 2, b: 'x' }] } },
    ];
    for (const at of ['2026-12-31T23:59:59.999Z', '1999-01-01T00:00:01.000Z']) expect(await inParts(entries, at, 1000)).toEqual(await zipEntries(entries, at));
  });

  it('gives serializeBundle’s bytes for a whole project', async () => {
    const data = await demoData();
    expect(await inParts(await bundleEntries(data, options), options.exportedAt, 4096)).toEqual(await serializeBundle(data, options));
  });

  it('computes the CRC-32 of zip', () => {
    expect(crc32(0, new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(crc32(0, new TextEncoder().encode('12345')), new TextEncoder().encode('6789'))).toBe(0xcbf43926);
  });
});

describe('zip workers', () => {
  it('zip streamed and added entries to the same bytes as zipEntries', async () => {
    const data = await demoData();
    const entries = await bundleEntries(data, options);
    const workers = inThreadZipWorkers(level);
    for (const e of entries) {
      if ('bytes' in e) workers.add(e.path, entryBytes(e));
      else {
        const sink = workers.stream(e.path);
        const text = stableJson(e.json, e.indent);
        for (let i = 0; i < text.length; i += 100) sink.write(text.slice(i, i + 100));
        sink.end();
      }
    }
    const plain = await zipEntries(await bundleEntries(data, options), options.exportedAt);
    expect(await workers.zip(entries.map((e) => e.path), options.exportedAt)).toEqual(plain);
  });
});
