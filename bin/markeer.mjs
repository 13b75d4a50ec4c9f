#!/usr/bin/env node
// The `markeer` command: runs the TypeScript command line (src/cli).
//
// Compiling the TypeScript through tsx on every run costs most of a second, so the command line is
// bundled once with esbuild into node_modules/.cache/markeer-cli/cli.mjs (npm packages stay
// external, loaded from node_modules as before) and that bundle is run. What a command loads only
// when it needs it (the writers, the REFI-QDA reader, and with them JSZip and fast-xml-parser) goes
// into chunks beside it (chunks/), loaded when asked for. It is built again when one of the files
// it was built from (listed in cli.json beside it, with the chunks), tsconfig.json or this file
// is newer than the bundle, or when the bundle or one of its chunks is gone. When it cannot be
// built or loaded (esbuild missing, a read-only folder, a syntax error), the command line runs
// through tsx as before, so that a fresh checkout after `npm install` needs no build step.
// MARKEER_CLI_TSX=1 always runs through tsx.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `npm run cli -- ...` runs in the package's folder; file names are meant from where npm was called.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SELF), '..');
const ENTRY = join(ROOT, 'src', 'cli', 'main.ts');
const CACHE = join(ROOT, 'node_modules', '.cache', 'markeer-cli');
const BUNDLE = join(CACHE, 'cli.mjs');
const INPUTS = join(CACHE, 'cli.json');
/** Files that shape the bundle besides its sources (paths from ROOT). */
const ALWAYS = ['tsconfig.json', relative(ROOT, SELF)];

/** The bundle when it is newer than everything it was built from, else null. */
function freshBundle() {
  try {
    const built = statSync(BUNDLE).mtimeMs;
    const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
    if (!Array.isArray(inputs.files) || inputs.files.length === 0 || !Array.isArray(inputs.chunks)) return null;
    for (const file of [...inputs.files, ...ALWAYS]) if (statSync(join(ROOT, file)).mtimeMs > built) return null;
    for (const chunk of inputs.chunks) statSync(join(CACHE, chunk));
    return BUNDLE;
  } catch {
    return null;
  }
}

/** Writes `text` to `file` through a temporary file, so that a process running at the same time reads the old file or the new one, never half of one. */
function replace(file, text, mtime) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  if (mtime !== undefined) utimesSync(temp, mtime, mtime);
  renameSync(temp, file);
}

/** Chunks of earlier builds, once a command still running from one of them would have ended (an hour). */
function removeOldChunks(current) {
  const folder = join(CACHE, 'chunks');
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    try {
      if (!current.has(file) && statSync(file).mtimeMs < Date.now() - 3_600_000) rmSync(file, { force: true });
    } catch {
      // gone already, or not ours to remove: left as it is
    }
  }
}

/** Builds the bundle; returns its path, or null when it cannot be built. */
async function buildBundle() {
  try {
    // Stamped with the time the build started, so that a source saved during the build is newer.
    const started = new Date();
    const { build } = await import('esbuild');
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: { cli: ENTRY },
      outdir: CACHE,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node.split('.')[0]}`,
      packages: 'external',
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const files = Object.keys(result.metafile.inputs).filter((f) => !f.includes(':'));
    const bundle = result.outputFiles.find((f) => f.path === BUNDLE);
    if (!bundle || files.length === 0) return null;
    mkdirSync(join(CACHE, 'chunks'), { recursive: true });
    // The chunks (named by their content) and the source maps first, the bundle that loads them last.
    for (const f of result.outputFiles) if (f !== bundle) replace(f.path, f.contents);
    replace(BUNDLE, bundle.contents, started);
    const chunks = result.outputFiles.map((f) => relative(CACHE, f.path)).filter((f) => f.startsWith('chunks') && f.endsWith('.mjs'));
    replace(INPUTS, `${JSON.stringify({ files, chunks }, null, 1)}\n`);
    removeOldChunks(new Set(result.outputFiles.map((f) => f.path)));
    return BUNDLE;
  } catch {
    return null;
  }
}

async function loadCli() {
  if (process.env.MARKEER_CLI_TSX !== '1') {
    // Stack traces (--debug) point into the TypeScript sources, through the bundle's source map.
    if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
    const bundle = freshBundle() ?? (await buildBundle());
    if (bundle) {
      try {
        return await import(pathToFileURL(bundle).href);
      } catch {
        // not loadable: through tsx, which reports the problem as before
      }
    }
  }
  const { tsImport } = await import('tsx/esm/api');
  return tsImport('../src/cli/main.ts', import.meta.url);
}

const { run } = await loadCli();
process.exitCode = await run(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
});
