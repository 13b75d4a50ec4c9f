// @vitest-environment node
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newProject } from './commands';
import { CliError, loadProjectOrThrow } from './load';

async function run(files: Record<string, Uint8Array | string>) {
  const dir = await mkdtemp(join(tmpdir(), 'markeer-import-warnings-'));
  const paths: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    await writeFile(path, content);
    paths.push(path);
  }
  const out = join(dir, 'studie.markeer');
  const err: string[] = [];
  await newProject(out, paths, {}, { out: () => undefined, err: (t) => err.push(t) });
  return { dir, out, err };
}

describe('markeer new', () => {
  it('reads a UTF-8 transcript with one invalid byte as UTF-8 and prints the line and column of the replaced byte', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('I: Hoe gaat de coördinatie?\nZ: Goed, '), 0xe9, ...new TextEncoder().encode('én keer.\n')]);
    const { dir, out, err } = await run({ 'gesprek.txt': bytes });
    expect(err[0]).toBe(`${join(dir, 'gesprek.txt')}: 1 place holds bytes that are not valid UTF-8, replaced by U+FFFD (\uFFFD); the rest was read as UTF-8: line 2, column 10`);
    const data = await loadProjectOrThrow(out);
    expect(data.texts[0]?.text).toBe('I: Hoe gaat de coördinatie?\nZ: Goed, \uFFFDén keer.');
  });

  it('prints each broken cue of a subtitle file with its line, and keeps its text', async () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nMentor: Hallo.\n\n2\n99:99:99,000 --> 99:99:99,500\nOuder: Dag.\n\n3\nZonder tijd.\n';
    const { dir, out, err } = await run({ 'les.srt': srt, 'kop.vtt': '00:00:01.000 --> 00:00:02.000\nHallo.\n' });
    expect(err.slice(0, 3)).toEqual([
      `${join(dir, 'les.srt')}: line 6: the start time in "99:99:99,000 --> 99:99:99,500" is impossible; the cue's text was kept without a time`,
      `${join(dir, 'les.srt')}: line 9: a cue without a timing line; its text was kept without a time`,
      `${join(dir, 'kop.vtt')}: the first line is not "WEBVTT"; read as WebVTT all the same`,
    ]);
    const data = await loadProjectOrThrow(out);
    const les = data.documents.find((d) => d.name === 'les');
    expect(data.texts.find((t) => t.documentGuid === les?.guid)?.text).toBe('[00:00:01] Mentor: Hallo.\n\nOuder: Dag.\n\nZonder tijd.');
  });

  it('refuses an empty file and a binary one, saying why', async () => {
    const binary = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const refused = run({ 'leeg.txt': new Uint8Array(), 'opname.txt': binary });
    await expect(refused).rejects.toThrow(CliError);
    await expect(refused).rejects.toThrow(/leeg\.txt: is empty \(0 bytes\) \[import-empty-file\]/);
    await expect(refused).rejects.toThrow(/opname\.txt: is not a text file \(\d+ of its \d+ characters are NUL or other control characters, which text does not hold\)/);
  });
});
