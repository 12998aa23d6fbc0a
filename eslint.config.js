import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

// The layers of DESIGN.md section 1, enforced: shared ← core ← main/cli/server; renderer and preload ← shared only.
// `extra`: more patterns for the same rule (one rule per file set, so they must travel together).
const layer = (files, forbidden, message, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }, ...extra] }],
  },
});
// every Node built-in, bare and with the node: prefix (events, stream, buffer… too, not only fs and path)
const nodeBuiltins = ['node:*', ...builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `${m}/*`])];
// packages that only run in Node (native modules, the engine and server clients, the CLI parser)
const nodeOnlyPackages = [
  'better-sqlite3',
  'dockerode',
  'docker-modem',
  'commander',
  'ws',
  '@napi-rs/*',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  'mnist',
  'electron-*',
];

const rendererForbidden = ['**/core/**', '**/main/**', '**/preload/**', '**/cli/**', '**/server/**'];
const rendererNodeOnly = {
  group: ['electron', ...nodeBuiltins, ...nodeOnlyPackages],
  message: 'the renderer runs in a sandboxed browser page: no Node built-in or Node-only package',
};

export default tseslint.config(
  {
    ignores: [
      '.cache/**',
      '.vitest/**',
      'out/**',
      'dist/**',
      'node_modules/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'resources/**/*.js',
      'resources/**/*.py',
    ],
  },
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
  layer(
    ['src/shared/**'],
    ['**/core/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/cli/**', '**/server/**'],
    'src/shared is pure: it imports nothing but zod and itself',
    [
      // any package at all, save zod: shared runs in every process, the renderer included
      { regex: '^(?!zod$|zod/|\\.{1,2}/)', message: 'src/shared is pure: it imports nothing but zod and itself' },
    ],
  ),
  layer(
    ['src/core/**'],
    ['**/main/**', '**/preload/**', '**/renderer/**', '**/cli/**', '**/server/**', 'electron', 'react', 'react-dom'],
    'src/core never imports electron, DOM, React or the apps built on it',
  ),
  layer(['src/renderer/**'], rendererForbidden, 'the renderer imports only src/shared (types and schemas)', [rendererNodeOnly]),
  // stores own the data (they alone call the api); views read them, never the other way round
  layer(['src/renderer/stores/**'], rendererForbidden, 'the renderer imports only src/shared (types and schemas)', [
    rendererNodeOnly,
    {
      group: ['**/views/**', '**/shell/**', '**/components/**'],
      message: 'a store never imports a view, the shell or a component: move what it needs into stores/ or lib/',
    },
  ]),
  layer(
    ['src/preload/**'],
    ['**/core/**', '**/main/**', '**/renderer/**', '**/cli/**', '**/server/**', ...nodeBuiltins],
    'preload imports only src/shared and electron',
  ),
  layer(
    ['src/main/**', 'src/cli/**', 'src/server/**'],
    ['**/core/**', '!**/core/index.js', '**/renderer/**', '**/preload/**'],
    'apps import core through its public entry (src/core/index.ts), never its insides, top-level files included',
  ),
);
