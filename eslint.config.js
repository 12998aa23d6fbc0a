import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The layers of DESIGN.md section 1, enforced: shared ← core ← main/cli/server; renderer and preload ← shared only.
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }],
  },
});
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'net', 'crypto'];

export default tseslint.config(
  { ignores: ['.cache/**', '.vitest/**', 'out/**', 'dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', 'resources/**/*.js', 'resources/**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['src/renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  layer(['src/shared/**'], ['**/core/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/cli/**', '**/server/**', 'electron', 'react', ...nodeBuiltins], 'src/shared is pure: it imports nothing but zod and itself'),
  layer(['src/core/**'], ['**/main/**', '**/preload/**', '**/renderer/**', '**/cli/**', '**/server/**', 'electron', 'react', 'react-dom'], 'src/core never imports electron, DOM, React or the apps built on it'),
  layer(['src/renderer/**'], ['**/core/**', '**/main/**', '**/preload/**', '**/cli/**', '**/server/**', 'electron', ...nodeBuiltins], 'the renderer imports only src/shared (types and schemas)'),
  layer(['src/preload/**'], ['**/core/**', '**/main/**', '**/renderer/**', '**/cli/**', '**/server/**', ...nodeBuiltins], 'preload imports only src/shared and electron'),
  layer(['src/main/**', 'src/cli/**', 'src/server/**'], ['**/core/*/**', '**/renderer/**', '**/preload/**'], 'apps import core through its public entry (src/core/index.ts), never its insides'),
);
