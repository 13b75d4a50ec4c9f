// @vitest-environment node
/**
 * What `markeer validate` says of zips that attack their reader (issue 13, items 2 and 6; recipes
 * b05-no-eocd, b34-zip-slip, b43-zip-bomb, q04-xxe): the file, the entry and the reason, in
 * plain words, and a quick answer.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { entriesOf, rebuild, zeros } from '../io/test-zips';
import { run } from './main';

async function validate(file: string) {
  const err: string[] = [];
  const out: string[] = [];
  const start = performance.now();
  const status = await run(['validate', file], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { status, text: [...out, ...err].join('\n'), seconds: (performance.now() - start) / 1000 };
}

describe('markeer validate on a hostile zip', () => {
  let dir: string;
  let demo: Uint8Array;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'markeer-zips-'));
    demo = new Uint8Array(await readFile(resolve(__dirname, '../io/bundle/fixtures/v1-demo.markeer')));
  });

  it('answers quickly for a bundle with a 1.1 GB entry nothing names (b43-zip-bomb)', async () => {
    const file = join(dir, 'b43.markeer');
    const bomb = await zeros(1.1e9);
    await writeFile(file, rebuild(demo, (entries) => [{ name: 'aaa-padding.bin', packed: bomb }, ...entries]));
    const r = await validate(file);
    expect(r.status).toBe(0);
    expect(r.seconds).toBeLessThan(5);
  }, 60_000);

  it('names the file and says the table of contents is missing when the zip’s end is cut off (b05-no-eocd)', async () => {
    const file = join(dir, 'b05.markeer');
    await writeFile(file, demo.slice(0, demo.length - 10));
    const r = await validate(file);
    expect(r.status).toBe(1);
    expect(r.text).toContain(`${file}: is a damaged or truncated zip file (the zip’s table of contents (its end of central directory) is missing`);
    expect(r.text).not.toContain('Bug');
  });

  it('names an unsafe entry as unsafe, not as a missing text (b34-zip-slip)', async () => {
    const file = join(dir, 'b34.markeer');
    await writeFile(file, rebuild(demo, (entries) => [...entries, { name: '../../tmp/x/zipslip-pwned.txt', content: 'x' }]));
    const r = await validate(file);
    expect(r.status).toBe(1);
    expect(r.text).toContain('holds an unsafe entry name, one that points outside the bundle (the zip holds an entry named “../../tmp/x/zipslip-pwned.txt”');
    expect(r.text).not.toContain('lacks the text of a document');
  });

  it('refuses a REFI-QDA project with an external entity, naming project.qde (q04-xxe)', async () => {
    const sample = new Uint8Array(await readFile(resolve(__dirname, '../io/refi/fixtures/qualcoder/markeer-sample.qdpx')));
    const qde = new TextDecoder().decode(inflateRawSync(entriesOf(sample).find((e) => e.name === 'project.qde')!.packed!.data));
    const hostile = qde.replace('?>', '?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('name="QualCoder round trip"', 'name="&xxe;"');
    const file = join(dir, 'q04-xxe.qdpx');
    await writeFile(file, rebuild(sample, (entries) => entries.map((e) => (e.name === 'project.qde' ? { name: e.name, content: hostile } : e))));
    const r = await validate(file);
    expect(r.status).toBe(1);
    expect(r.text).toContain(`${file}: declares a document type (DTD)`);
    expect(r.text).toContain('(project.qde, line 2: declares a document type');
  });
});
