// @vitest-environment node
/**
 * The `markeer` command itself (bin/markeer.mjs): it runs the command line from a bundle that it
 * builds into node_modules/.cache/markeer-cli (or through tsx when it cannot), and says and exits
 * exactly as `run` does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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

  it('says the same through tsx (MARKEER_CLI_TSX=1)', async () => {
    const argv = ['info', DEMO, '--json'];
    expect(bin(argv, { MARKEER_CLI_TSX: '1' })).toEqual(await inProcess(argv));
  }, 120_000);
});
