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
  packages: 'external',
  sourcemap: true,
  define: { __KILN_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync('dist/cli/kiln.js', 0o755);
console.log('built dist/cli/kiln.js');
