import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KilnError } from '../../shared/contract/index.js';

/**
 * The folder holding the bundled serving server (`server.js`) and its `Dockerfile`: next to the
 * built CLI (dist/serving), found by walking up from this module (source runs, the Electron main
 * bundle), or named by KILN_SERVING_DIR.
 */
export function servingDir(env: NodeJS.ProcessEnv = process.env): string {
  const ok = (d: string) => existsSync(join(d, 'server.js')) && existsSync(join(d, 'Dockerfile'));
  if (env.KILN_SERVING_DIR) {
    if (ok(env.KILN_SERVING_DIR)) return env.KILN_SERVING_DIR;
    throw new KilnError('DEPLOY_FAILED', `KILN_SERVING_DIR=${env.KILN_SERVING_DIR} holds no server.js and Dockerfile`);
  }
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    for (const c of [join(d, 'serving'), join(d, 'dist', 'serving')]) if (ok(c)) return c;
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  throw new KilnError('DEPLOY_FAILED', 'the serving server is not built (no dist/serving/server.js): run `npm run build`');
}
