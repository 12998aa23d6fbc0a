import { createInterface } from 'node:readline/promises';
import type { Core } from '../core/index.js';
import type { LocalImagePolicy } from '../shared/contract/index.js';

/**
 * What `kiln run` does with a node image it can neither find nor pull: the flag when given;
 * on a terminal, ask (only when an image really cannot be had); otherwise (CI, scripts) build it,
 * since a run that fails on a missing base image helps nobody and the build downloads nothing.
 */
export async function localImageChoice(core: Core, flag: boolean | undefined, out: NodeJS.WriteStream = process.stderr): Promise<LocalImagePolicy> {
  if (flag !== undefined) return flag ? 'build' : 'never';
  if (!process.stdin.isTTY || !out.isTTY) return 'build';
  const missing = (await core.invoke('pipelines:images', {}).catch(() => [])).filter((i) => i.state === 'unpullable' && i.canBuildLocal);
  if (!missing.length) return 'build';
  for (const m of missing) out.write(`${m.message}\n`);
  const rl = createInterface({ input: process.stdin, output: out });
  try {
    const a = (await rl.question(`Build an equivalent image from this machine's node ${process.versions.node} now and use it? [Y/n] `)).trim().toLowerCase();
    return a === '' || a.startsWith('y') ? 'build' : 'never';
  } finally {
    rl.close();
  }
}
