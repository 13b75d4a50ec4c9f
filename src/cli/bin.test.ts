// @vitest-environment node
/**
 * The `markeer` command itself (bin/markeer.mjs): it runs the command line from a bundle that it
 * builds into node_modules/.cache/markeer-cli (or through tsx when it cannot), and says and exits
 * exactly as `run` does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from './main';

const ROOT = resolve(__dirname, '../..');
const DEMO = resolve(ROOT, 'src/io/bundle/fixtures/v1-demo.markeer');

function bin(argv: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'bin/markeer.mjs'), ...argv], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

async function inProcess(argv: string[]) {
  let out = '';
  let err = '';
  const status = await run(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { status, out, err };
}

describe('the markeer command', () => {
  const commands = [[], ['help'], ['nonsense'], ['info', DEMO, '--json'], ['agreement', DEMO, '--json'], ['matrix', DEMO], ['validate', resolve(ROOT, 'package.json')]];

  it('says and exits what run says, from its bundle', async () => {
    for (const argv of commands) expect(bin(argv), argv.join(' ')).toEqual(await inProcess(argv));
    expect(existsSync(resolve(ROOT, 'node_modules/.cache/markeer-cli/cli.mjs'))).toBe(true);
  }, 120_000);

  it('writes and reads REFI-QDA and bundles from the chunks it loads when a command needs them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'markeer-bin-'));
    try {
      const qdpx = join(dir, 'demo.qdpx');
      const merged = join(dir, 'merged.markeer');
      expect(bin(['export', DEMO, '--format', 'qdpx', '-o', qdpx]).status).toBe(0);
      expect(bin(['merge', merged, DEMO, qdpx, '--same-coder-by-name'])).toEqual(await inProcess(['merge', merged, DEMO, qdpx, '--same-coder-by-name']));
      expect(bin(['info', merged, '--json'])).toEqual(await inProcess(['info', merged, '--json']));
      // A REFI-QDA project is read into a project of its own, with a new GUID each time.
      const withoutProjectGuid = (r: { status: number | null; out: string; err: string }) => {
        const info = JSON.parse(r.out) as { project: { guid?: string } };
        delete info.project.guid;
        return { ...r, out: info };
      };
      const read = bin(['info', qdpx, '--json']);
      expect(withoutProjectGuid(read)).toEqual(withoutProjectGuid(await inProcess(['info', qdpx, '--json'])));
      expect(read.out).toContain('"segments"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('builds its bundle again when one of its chunks is gone', () => {
    const cache = resolve(ROOT, 'node_modules/.cache/markeer-cli');
    expect(bin(['info', DEMO]).status).toBe(0);
    const { chunks } = JSON.parse(readFileSync(join(cache, 'cli.json'), 'utf8')) as { chunks: string[] };
    expect(chunks.length).toBeGreaterThan(0);
    const gone = join(cache, chunks[chunks.length - 1] as string);
    rmSync(gone);
    const r = bin(['export', DEMO, '--format', 'qdc', '-o', join(tmpdir(), `markeer-bin-${process.pid}.qdc`)]);
    expect(r.err).not.toMatch(/Cannot find|ERR_MODULE_NOT_FOUND/);
    expect(r.status).toBe(0);
    expect(existsSync(gone)).toBe(true);
  }, 120_000);

  it('says the same through tsx (MARKEER_CLI_TSX=1)', async () => {
    const argv = ['info', DEMO, '--json'];
    expect(bin(argv, { MARKEER_CLI_TSX: '1' })).toEqual(await inProcess(argv));
  }, 120_000);
});
