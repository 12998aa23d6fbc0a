/**
 * `kiln` start-up: runs the CommonJS bundle through V8's code cache. Node 20 has no
 * `module.enableCompileCache` (it came in 22.1), and compiling the bundle was ~40% of a cached
 * `kiln run`. One cache per command, written after the command ran, holds the functions that command
 * compiled, so the next start skips parsing and compiling them. Imports nothing of Kiln's own: it is
 * bundled alone and must stay tiny.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';

// `kiln models validate|promote` spend most of their time starting TF.js: its worker thread starts
// now, so TF.js loads while the CLI's own code and database do. Unclaimed, it does not keep the
// process alive (core's run-predict takes it and refs it).
const args = process.argv.slice(2);
const sub = args.indexOf('models');
if (sub >= 0 && ['validate', 'promote'].includes(args.slice(sub + 1).find((a) => !a.startsWith('-')) ?? '')) {
  try {
    const w = new Worker(new URL('./eval-worker.js', import.meta.url));
    w.unref();
    const g = globalThis as { __kilnEvalWorker?: Worker };
    w.on('error', () => undefined);
    // a worker that died before core claimed it is not handed over
    w.once('exit', () => g.__kilnEvalWorker === w && delete g.__kilnEvalWorker);
    g.__kilnEvalWorker = w;
  } catch {
    // core starts its own
  }
}

const bundle = join(dirname(fileURLToPath(import.meta.url)), 'kiln-main.cjs');
const source = readFileSync(bundle, 'utf8');
const cacheDir = join(process.env.KILN_HOME || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kiln'), 'code-cache');
const { size, mtimeMs } = statSync(bundle);
const build = `${process.version}-${size}-${Math.round(mtimeMs)}`;
const command = process.argv.slice(2, 4).find((a) => /^[a-z][a-z-]{0,23}$/.test(a)) ?? 'help';
const cacheFile = join(cacheDir, `${build}-${command}.bin`);

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // first run of this command with this build: compiled normally, cached at exit
}
const script = new vm.Script(Module.wrap(source), {
  filename: bundle,
  cachedData,
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
if (!cachedData || script.cachedDataRejected) process.once('exit', writeCache);

// the bundle's own import() of an external ES module fails once it runs from the code cache (Node 20)
(globalThis as { __kilnImport?: (specifier: string) => Promise<unknown> }).__kilnImport = (specifier) => import(specifier);

const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
(script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));

/** Best effort: a read-only or full cache folder only costs the next start its compile time. */
function writeCache(): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const f of readdirSync(cacheDir)) if (!f.startsWith(build)) rmSync(join(cacheDir, f), { force: true });
    const tmp = `${cacheFile}.${process.pid}`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  } catch {
    // ignored on purpose, see above
  }
}
