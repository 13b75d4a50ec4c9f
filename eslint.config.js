import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layer rules from STYLE.md: domain <- io, storage <- commands <- ui; cli uses domain + io only.
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const ui = { group: ['**/ui/**', 'react', 'react-dom', 'react-*', '@lexical/*', 'lexical'], message: 'This layer must not depend on the UI.' };
const storage = { group: ['**/storage/**', 'dexie', 'dexie-*'], message: 'This layer must not depend on storage.' };
const commands = { group: ['**/commands/**'], message: 'This layer must not depend on commands.' };
const io = { group: ['**/io/**', 'jszip', 'mammoth', 'fast-xml-parser', 'papaparse'], message: 'This layer must not depend on io.' };
const cli = { group: ['**/cli/**'], message: 'Nothing depends on the command line.' };

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
  { files: ['src/domain/**'], rules: restrict([ui, storage, commands, io, cli, { group: ['node:*'], message: 'domain runs in the browser too.' }]) },
  { files: ['src/io/**'], rules: restrict([ui, storage, commands, cli]) },
  { files: ['src/storage/**'], rules: restrict([ui, commands, io, cli]) },
  { files: ['src/commands/**'], rules: restrict([ui, cli]) },
  { files: ['src/ui/**'], rules: restrict([cli]) },
  { files: ['src/cli/**'], rules: restrict([ui, storage, commands]) },
);
