import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layer rules from STYLE.md: domain <- io, storage <- commands <- ui; cli uses domain + io only;
// sync (team servers) reads and writes storage beside the commands and is started by the ui.
// Each thing a layer must not depend on is one regular expression on the module specifier, used
// for static imports (no-restricted-imports) and for dynamic import() alike (no-restricted-syntax:
// no-restricted-imports does not look at import expressions). A layer is a folder on the path
// (`../storage/db`), not a file of that name (`src/cli/commands.ts`).
const ui = { regex: String.raw`(^|/)ui/|^(react|react-dom|react-[^/]+|lexical|@lexical/[^/]+)(/|$)`, message: 'This layer must not depend on the UI.' };
const storage = { regex: String.raw`(^|/)storage/|^dexie(-[^/]+)?(/|$)`, message: 'This layer must not depend on storage.' };
const commands = { regex: String.raw`(^|/)commands/`, message: 'This layer must not depend on commands.' };
const io = { regex: String.raw`(^|/)io/|^(jszip|mammoth|fast-xml-parser|papaparse)(/|$)`, message: 'This layer must not depend on io.' };
const cli = { regex: String.raw`(^|/)cli/`, message: 'Nothing depends on the command line.' };
const sync = { regex: String.raw`(^|/)sync/|^pouchdb(-[^/]+)?(/|$)`, message: 'Only the UI starts team sync (src/sync).' };
// Node's built-in modules, with or without `node:` (`fs`, `fs/promises`, `node:path`, ...).
const builtins = builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:'));
const node = {
  regex: `^node:|^(${builtins.join('|')})(/|$)`,
  message: 'This code runs in the browser: no Node built-ins (only src/cli, tests, scripts, bench and config files run in Node).',
};

/** Refuses static and dynamic imports of what `forbidden` lists. */
function refuse(forbidden) {
  // In a selector a slash would end the regular expression.
  const selectorRegex = (regex) => `/${regex.replaceAll('/', '\\/')}/`;
  return {
    'no-restricted-imports': ['error', { patterns: forbidden.map(({ regex, message }) => ({ regex, message, caseSensitive: true })) }],
    'no-restricted-syntax': [
      'error',
      ...forbidden.flatMap(({ regex, message }) => [
        { selector: `ImportExpression[source.value=${selectorRegex(regex)}]`, message },
        // import(`../storage/${name}`): the text up to the first substitution.
        { selector: `ImportExpression[source.quasis.0.value.cooked=${selectorRegex(regex)}]`, message },
      ]),
    ],
  };
}

// What each layer must not import, besides Node's built-ins.
const layers = [
  ['domain', [ui, storage, commands, io, cli, sync]],
  ['io', [ui, storage, commands, cli, sync]],
  ['storage', [ui, commands, io, cli, sync]],
  ['commands', [ui, cli, sync]],
  ['sync', [ui, commands, cli]],
  ['ui', [cli]],
  ['cli', [ui, storage, commands, sync]],
];
// Files inside a layer that run only in Node, under vitest or tsx, and may use its built-ins (to
// read fixtures from disk, say): unit tests, their helpers, the scripts that write fixtures.
// Not in domain, which runs everywhere, its tests included.
const nodeOnly = ['**/*.test.{ts,tsx}', '**/test-*.{ts,tsx}', '**/fixtures/**'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'bench/results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['src/*.{ts,tsx}'], ignores: ['src/test-setup.ts'], rules: refuse([node]) },
  ...layers.map(([layer, forbidden]) => ({ files: [`src/${layer}/**`], rules: refuse(layer === 'cli' ? forbidden : [...forbidden, node]) })),
  ...layers
    .filter(([layer]) => layer !== 'domain' && layer !== 'cli')
    // sync's tests drive it with the app's commands, as the app does.
    .map(([layer, forbidden]) => ({ files: nodeOnly.map((pattern) => `src/${layer}/${pattern}`), rules: refuse(layer === 'sync' ? forbidden.filter((f) => f !== commands) : forbidden) })),
  // The tests that run the command line and the app (on IndexedDB) on the same files: the merge
  // parity test, and the malformed-file harness (issue 13). They have to reach both sides; the UI
  // stays out of reach.
  { files: ['src/cli/merge-parity.test.ts', 'src/cli/malformed.test.ts'], rules: refuse([ui]) },
);
