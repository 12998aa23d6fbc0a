// Builds the Node entry points that electron-vite does not: the `kiln` CLI (which also carries
// the web server) and core's worker threads. Dependencies stay external (native modules).
import { build } from 'esbuild';
import { readFileSync, chmodSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Worker-thread entries, built next to the CLI so `new URL('./x.js', import.meta.url)` finds them. */
export const workerEntries = JSON.parse(readFileSync(new URL('./worker-entries.json', import.meta.url), 'utf8'));

await build({
  entryPoints: { kiln: 'src/cli/index.ts', ...workerEntries },
  outdir: 'dist/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Dependencies are bundled too: resolving and loading hundreds of small module files made
  // every `kiln` command spend most of its start-up in the module loader (a cached `kiln run`
  // used ~40% more CPU unbundled). Native modules and optional native add-ons stay external.
  external: ['better-sqlite3', 'cpu-features', '*.node', 'electron', '@tensorflow/*', 'bufferutil', 'utf-8-validate'],
  sourcemap: true,
  define: { __KILN_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies inside an ESM bundle still call require() and read __dirname.
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __kilnCreateRequire } from 'node:module';",
      "import { fileURLToPath as __kilnFileURLToPath } from 'node:url';",
      'globalThis.require ??= __kilnCreateRequire(import.meta.url);',
      'globalThis.__filename ??= __kilnFileURLToPath(import.meta.url);',
      "globalThis.__dirname ??= __kilnFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
  logLevel: 'warning',
});
chmodSync('dist/cli/kiln.js', 0o755);
console.log('built dist/cli/kiln.js');
