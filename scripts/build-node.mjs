// Builds the Node entry points that electron-vite does not: the `kiln` CLI (which also carries
// the web server) and core's worker threads. Dependencies stay external (native modules).
import { build } from 'esbuild';
import { readFileSync, chmodSync } from 'node:fs';
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

await build({
  plugins: [lazyDockerDeps, zodEnglishOnly],
  entryPoints: { kiln: 'src/cli/index.ts', ...workerEntries },
  outdir: 'dist/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // commands load what only they need (the web server, its WebSocket) on first use
  splitting: true,
  // a smaller source compiles faster: ESM is compiled whole at start-up (sourcemaps keep stacks readable)
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  chunkNames: '[name]-[hash]',
  // Dependencies are bundled too: resolving and loading hundreds of small module files made
  // every `kiln` command spend most of its start-up in the module loader (a cached `kiln run`
  // used ~40% more CPU unbundled). Native modules and optional native add-ons stay external.
  // ssh2 and gRPC (dockerode's ssh:// and BuildKit paths) are required lazily (plugin above); kept
  // external they are not even parsed unless used (~1.5 MB less to parse on every command).
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
  ],
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
// the model-serving server each deploy copies into its image (core finds it next to the CLI)
console.log(`built ${await buildServing('dist/serving/server.js')}`);
