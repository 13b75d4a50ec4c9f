// @vitest-environment node
import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAX_DOCUMENT_CHARS, MAX_JSON_DEPTH } from '../domain/limits';
import { oneDocumentBundle } from '../io/bundle/test-projects';
import { demoBundle, readJson, rezip } from '../io/bundle/test-zip';
import { run } from './main';
import type { Output } from './commands';

const FIXTURES = resolve(__dirname, '../io/import/fixtures');

async function cli(argv: string[], io: Partial<Output> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), ...io });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

const exists = (file: string) => access(file).then(
  () => true,
  () => false,
);

describe('the command line at its limits', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'markeer-limits-'));
  });

  it('refuses to make a bundle of a transcript longer than the app can store (t01-200mb, at the limit plus one)', async () => {
    const transcript = join(dir, 'lang.txt');
    await writeFile(transcript, 'a'.repeat(MAX_DOCUMENT_CHARS + 1));
    const out = join(dir, 'studie.markeer');
    const r = await cli(['new', out, transcript]);
    expect(r.status).toBe(1);
    expect(r.err).toBe(`${transcript}: document “lang” is too long: 40,000,001 characters, more than the 40,000,000 Markeer keeps in one document (characters counted as UTF-16 code units); split it into parts [document-too-long]`);
    expect(await exists(out)).toBe(false);
  }, 30_000);

  it('calls a bundle with a document longer than the app can store unsound (b45-200mb-text, at the limit plus one)', async () => {
    const file = join(dir, 'lang.markeer');
    await writeFile(file, await oneDocumentBundle('Interview', 'a'.repeat(MAX_DOCUMENT_CHARS + 1)));
    const r = await cli(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.err).toContain(`${file}: document “Interview” is too long: 40,000,001 characters, more than the 40,000,000`);
  }, 60_000);

  it('refuses a bundle with a field nested 200,000 arrays deep, naming the field (b39-deep-json)', async () => {
    const file = join(dir, 'diep.markeer');
    const bytes = await rezip(demoBundle(), (files) => {
      const project = readJson(files, 'project.json');
      project.codes[0].x = 'DEEP';
      files.set('project.json', JSON.stringify(project).replace('"DEEP"', `${'['.repeat(200_000)}${']'.repeat(200_000)}`));
    });
    await writeFile(file, bytes);
    for (const command of [['validate', file], ['info', file], ['export', file, '-o', join(dir, 'uit.qdpx')]]) {
      const r = await cli(command);
      expect(r.status, command[0]).toBe(1);
      expect(r.err).toBe(`${file}: is not a valid bundle (project.json: codes[0].x nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep, the most Markeer reads) [bundle-invalid]`);
    }
  });

  it('says what it was doing when something fails unexpectedly, exits with 70, and shows the stack trace only with --debug', async () => {
    const file = resolve(__dirname, '../io/bundle/fixtures/v2-demo.markeer');
    const broken = { out: () => { throw new Error('write EPIPE'); } };
    const r = await cli(['info', file], broken);
    expect(r.status).toBe(70);
    expect(r.err).toContain(`markeer info: unexpected failure while describing ${file}: Error: write EPIPE`);
    expect(r.err).toContain('--debug');
    expect(r.err).not.toMatch(/^\s+at /m);
    const debug = await cli(['info', file, '--debug'], broken);
    expect(debug.status).toBe(70);
    expect(debug.err).toMatch(/^\s+at /m);
  });

  it('refuses a file it cannot write with status 1 and the reason, not a stack trace', async () => {
    const out = join(dir, 'no-such-folder', 'studie.markeer');
    const r = await cli(['new', out, join(FIXTURES, 'school-noord-ouder.txt')]);
    expect(r.status).toBe(1);
    expect(r.err).toBe(`${out}: cannot be written (ENOENT)`);
  });

  it('documents its exit statuses, --debug and the document limit in its help', async () => {
    const r = await cli(['help']);
    expect(r.out).toContain('70 a failure Markeer did not expect');
    expect(r.out).toContain('--debug');
    expect(r.out).toContain('40,000,000 characters');
  });
});
