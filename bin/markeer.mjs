#!/usr/bin/env node
// The `markeer` command: runs the TypeScript command line (src/cli) through tsx.
import { tsImport } from 'tsx/esm/api';

// `npm run cli -- ...` runs in the package's folder; file names are meant from where npm was called.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

const { run } = await tsImport('../src/cli/main.ts', import.meta.url);
process.exitCode = await run(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
});
