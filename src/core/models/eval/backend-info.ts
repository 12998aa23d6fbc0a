import { createRequire } from 'node:module';
import type { BackendInfo } from '../../../shared/contract/index.js';

const CANDIDATES = [
  { name: 'tensorflow-gpu', package: '@tensorflow/tfjs-node-gpu' },
  { name: 'tensorflow', package: '@tensorflow/tfjs-node' },
  { name: 'wasm', package: '@tensorflow/tfjs-backend-wasm' },
  { name: 'cpu', package: '@tensorflow/tfjs-backend-cpu' },
];

/**
 * Which TF.js backends are installed, best first, without loading any (tfjs-node's native library
 * takes seconds to load): the evaluation worker tries them in this order and reports the one it got.
 */
export function backendInfo(): BackendInfo {
  const req = createRequire(import.meta.url);
  const candidates = CANDIDATES.map((c) => {
    try {
      req.resolve(`${c.package}/package.json`);
      return { ...c, available: true, reason: null };
    } catch {
      return { ...c, available: false, reason: `${c.package} is not installed` };
    }
  });
  return { backend: candidates.find((c) => c.available)?.name ?? 'none', candidates };
}
