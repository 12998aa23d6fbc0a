// Builds the Node entry points that electron-vite does not: the `kiln` CLI (which also carries
// the web server) and core's worker threads. Dependencies stay external (native modules).
import { build } from 'esbuild';
import { readFileSync, chmodSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { buildServing } from './build-serving.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Worker-thread entries, built next to the CLI so `new URL('./x.js', import.meta.url)` finds them. */
export const workerEntries = JSON.parse(readFileSync(new URL('./worker-entries.json', import.meta.url), 'utf8'));

/**
 * dockerode loads ssh2 (for ssh:// hosts) and gRPC + protobufjs (for BuildKit sessions) when it is
 * imported, ~0.35 s of every `kiln` start-up on a busy 2-core machine. Kiln uses neither on the
 * common path, so those requires become lazy: still bundled, evaluated on first use only. If a new
 * dockerode version changes these lines, the text is left as is (and only start-up is slower).
 */
const lazyDockerDeps = {
  name: 'lazy-docker-deps',
  setup(b) {
    const rewrite = (filter, from, to) =>
      b.onLoad({ filter }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        return { contents: text.includes(from) ? text.replace(from, to) : text, loader: 'js' };
      });
    rewrite(
      /dockerode[\\/]lib[\\/]session\.js$/,
      'var grpc = require("@grpc/grpc-js"),\n  protoLoader = require("@grpc/proto-loader"),',
      'var __grpc, __protoLoader, grpc = new Proxy({}, { get: (_, k) => (__grpc ??= require("@grpc/grpc-js"))[k] }),\n  protoLoader = new Proxy({}, { get: (_, k) => (__protoLoader ??= require("@grpc/proto-loader"))[k] }),',
    );
    rewrite(/docker-modem[\\/]lib[\\/]modem\.js$/, "ssh = require('./ssh'),", "ssh = function () { return require('./ssh').apply(this, arguments); },");
  },
};

/**
 * zod bundles every locale's error messages (`z.locales`, ~60 languages, a third of the CLI's code)
 * although Kiln never switches from English, which zod registers by itself. ESM is compiled whole
 * at start-up, so every command paid for parsing them: only English is kept.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: 'export { default as en } from "./en.js";', loader: 'js' }));
  },
};

// dependencies are bundled too: resolving and loading hundreds of small module files made every
// `kiln` command spend most of its start-up in the module loader. Native modules and optional
// native add-ons stay external; ssh2 and gRPC (dockerode's ssh:// and BuildKit paths) are required
// lazily (plugin above), so kept external they are not even parsed unless used.
const common = {
  plugins: [lazyDockerDeps, zodEnglishOnly],
  bundle: true,
  platform: 'node',
  target: 'node20',
  // a smaller source parses faster (sourcemaps keep stacks readable)
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  external: [
    'better-sqlite3',
    '@napi-rs/blake-hash',
    'cpu-features',
    '*.node',
    'electron',
    '@tensorflow/*',
    'bufferutil',
    'utf-8-validate',
    'ssh2',
    '@grpc/grpc-js',
    '@grpc/proto-loader',
    'protobufjs',
    // imported on first use of a Kubernetes target only: kept out of the bundle every command parses
    '@kubernetes/client-node',
  ],
  sourcemap: true,
  define: { __KILN_VERSION__: JSON.stringify(pkg.version), __KILN_BUILD__: JSON.stringify(`${pkg.version}+${Date.now().toString(36)}`) },
  logLevel: 'warning',
};

rmSync('dist/cli', { recursive: true, force: true });

// The CLI (which also carries the web server) is one CommonJS file, run by the launcher below
// through V8's code cache: an ES module cannot use one on Node 20, and compiling was ~40% of a
// cached `kiln run`. import.meta is rewritten to what CommonJS knows.
await build({
  ...common,
  entryPoints: { 'kiln-main': 'src/cli/index.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__kilnImportMetaUrl', 'import.meta.resolve': '__kilnImportMetaResolve' },
  banner: {
    js: 'var __kilnImportMetaUrl = require("node:url").pathToFileURL(__filename).href, __kilnImportMetaResolve = (s) => require("node:url").pathToFileURL(require.resolve(s)).href;',
  },
});

// a literal import() left in the bundle would fail once it runs from the code cache: externals go through importExternal
const stray = /\bimport\(\s*["'`]/.exec(readFileSync('dist/cli/kiln-main.cjs', 'utf8'));
if (stray)
  throw new Error(`dist/cli/kiln-main.cjs calls import() directly; use importExternal (src/core/import-external.ts) for packages kept out of the bundle`);

await build({
  ...common,
  entryPoints: { kiln: 'src/cli/launcher.ts' },
  outdir: 'dist/cli',
  format: 'esm',
  banner: { js: '#!/usr/bin/env node' },
});

// worker threads stay ES modules, next to the CLI so `new URL('./x.js', import.meta.url)` finds them;
// CommonJS dependencies inside an ESM bundle still call require() and read __dirname
await build({
  ...common,
  entryPoints: workerEntries,
  outdir: 'dist/cli',
  format: 'esm',
  splitting: true,
  chunkNames: '[name]-[hash]',
  banner: {
    js: [
      "import { createRequire as __kilnCreateRequire } from 'node:module';",
      "import { fileURLToPath as __kilnFileURLToPath } from 'node:url';",
      'globalThis.require ??= __kilnCreateRequire(import.meta.url);',
      'globalThis.__filename ??= __kilnFileURLToPath(import.meta.url);',
      "globalThis.__dirname ??= __kilnFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
});
chmodSync('dist/cli/kiln.js', 0o755);
console.log('built dist/cli/kiln.js');
// the model-serving server each deploy copies into its image (core finds it next to the CLI)
console.log(`built ${await buildServing('dist/serving/server.js')}`);
