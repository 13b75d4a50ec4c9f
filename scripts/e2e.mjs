#!/usr/bin/env node
// End-to-end test runner (npm run test:e2e).
//
// 1. Looks for a Chromium binary: $CHROMIUM_PATH, then /usr/bin/chromium,
//    /usr/bin/chromium-browser, /usr/bin/google-chrome.
//    MARKEER_NO_CHROMIUM=1 pretends none exists (to exercise the skip path).
// 2. None found: with CI=true this is an error (exit 1); locally it prints a loud
//    warning and exits 0 so `npm test` still works on machines without a browser.
// 3. Found: `vite build`, then `vitest run --config vitest.e2e.config.ts` with
//    CHROMIUM_PATH set; exits with vitest's code. Extra arguments are passed to vitest
//    (e.g. `npm run test:e2e -- smoke`).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const INSTALL_HINT = 'apt-get install -y chromium';

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findChromium() {
  if (process.env.MARKEER_NO_CHROMIUM === '1') {
    console.log('e2e: MARKEER_NO_CHROMIUM=1 set; pretending no Chromium is installed.');
    return null;
  }
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return fromEnv;
    console.warn(`e2e: CHROMIUM_PATH=${fromEnv} is not an executable file; trying the default locations.`);
  }
  return DEFAULT_CANDIDATES.find(isExecutableFile) ?? null;
}

function banner(lines) {
  const width = Math.max(...lines.map((line) => line.length));
  const edge = '#'.repeat(width + 8);
  return [edge, edge, ...lines.map((line) => `##  ${line.padEnd(width)}  ##`), edge, edge].join('\n');
}

function run(command, args, env = process.env) {
  console.log(`\ne2e: $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) {
    console.error(`e2e: could not run ${command}: ${result.error.message}`);
    return 1;
  }
  if (result.signal) {
    console.error(`e2e: ${command} was killed by ${result.signal}`);
    return 1;
  }
  return result.status ?? 1;
}

const chromium = findChromium();
const searched = [
  process.env.CHROMIUM_PATH ? `$CHROMIUM_PATH (${process.env.CHROMIUM_PATH})` : '$CHROMIUM_PATH (unset)',
  ...DEFAULT_CANDIDATES,
].map((where) => `  - ${where}`);

if (!chromium) {
  if (process.env.CI === 'true') {
    console.error(
      '\n' +
        banner([
          'ERROR: END-TO-END TESTS CANNOT RUN: no Chromium found (CI=true).',
          'Searched:',
          ...searched,
          `Install it (${INSTALL_HINT}) or set CHROMIUM_PATH.`,
        ]) +
        '\n',
    );
    process.exit(1);
  }
  console.warn(
    '\n' +
      banner([
        '!!!  END-TO-END TESTS SKIPPED: no Chromium found  !!!',
        '',
        'The browser tests (tests/e2e) did NOT run, so `npm test` passing',
        'says nothing about the app working in a real browser.',
        '',
        'Searched:',
        ...searched,
        `Install with: ${INSTALL_HINT}`,
        'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
        'On CI (CI=true) a missing Chromium is a failure.',
      ]) +
      '\n',
  );
  process.exit(0);
}

console.log(`e2e: using Chromium at ${chromium}`);

// MARKEER_E2E_DIST builds into (and the harness serves) another directory, so that two runs at
// once do not overwrite each other's build.
const outDir = process.env.MARKEER_E2E_DIST;
const buildCode = run('npx', ['vite', 'build', ...(outDir ? ['--outDir', outDir, '--emptyOutDir'] : [])]);
if (buildCode !== 0) {
  console.error(`e2e: vite build failed (exit ${buildCode}); not running the end-to-end tests.`);
  process.exit(buildCode);
}

const testCode = run('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  ...process.env,
  CHROMIUM_PATH: chromium,
});
process.exit(testCode);
