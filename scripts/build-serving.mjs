// Bundles the model-serving server (resources/serving/src) into one CommonJS file with
// TensorFlow.js inside, so a serving image needs only a `node` binary and this file.
import { build } from 'esbuild';
import { copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const SERVING_ENTRY = 'resources/serving/src/main.ts';

/** Writes the bundle to `outfile` (default dist/serving/server.js). */
export async function buildServing(outfile = 'dist/serving/server.js', cwd = process.cwd()) {
  await build({
    absWorkingDir: cwd,
    entryPoints: [SERVING_ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    // tfjs-core probes for node-fetch only when fetch is missing; Node >= 18 has fetch
    external: ['node-fetch'],
    logLevel: 'warning',
    legalComments: 'none',
  });
  // the Dockerfile travels with the bundle: core finds both in one folder
  copyFileSync(resolve(cwd, 'resources/serving/Dockerfile'), join(dirname(resolve(cwd, outfile)), 'Dockerfile'));
  return outfile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`built ${await buildServing(process.argv[2])}`);
}
