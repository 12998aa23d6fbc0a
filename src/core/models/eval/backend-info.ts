import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackendInfo } from '../../../shared/contract/index.js';

const CANDIDATES = [
  { name: 'tensorflow-gpu', package: '@tensorflow/tfjs-node-gpu' },
  { name: 'tensorflow', package: '@tensorflow/tfjs-node' },
  { name: 'wasm', package: '@tensorflow/tfjs-backend-wasm' },
  { name: 'cpu', package: '@tensorflow/tfjs-backend-cpu' },
];
const NATIVE = new Set(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);

/**
 * Whether a tfjs-node package has its native add-on (lib/napi-v*\/tfjs_binding.node). Its install
 * script downloads libtensorflow and builds it; where that failed the package is there without it,
 * and requiring it loads all of TF.js (~0.35 s) only to throw.
 */
export function hasNativeBinding(req: NodeJS.Require, pkg: string): boolean {
  try {
    const lib = join(dirname(req.resolve(`${pkg}/package.json`)), 'lib');
    return readdirSync(lib).some((d) => d.startsWith('napi-v') && existsSync(join(lib, d, 'tfjs_binding.node')));
  } catch {
    return false;
  }
}

/**
 * Which TF.js backends are installed, best first, without loading any (tfjs-node's native library
 * takes seconds to load): the evaluation worker tries them in this order and reports the one it got.
 */
export function backendInfo(): BackendInfo {
  const req = createRequire(import.meta.url);
  const candidates = CANDIDATES.map((c) => {
    try {
      req.resolve(`${c.package}/package.json`);
    } catch {
      return { ...c, available: false, reason: `${c.package} is not installed` };
    }
    if (NATIVE.has(c.package) && !hasNativeBinding(req, c.package))
      return { ...c, available: false, reason: `${c.package} is installed without its native add-on, tfjs_binding.node (its install fetches libtensorflow)` };
    return { ...c, available: true, reason: null };
  });
  return { backend: candidates.find((c) => c.available)?.name ?? 'none', candidates };
}
