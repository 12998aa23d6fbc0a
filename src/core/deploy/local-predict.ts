import type * as Tf from '@tensorflow/tfjs';
import { importExternal } from '../import-external.js';

/**
 * In-app prediction of a checked-out TF.js model, for registries without `models:predict`:
 * the same loader the serving image runs, on this process's TF.js backend. Loaded on first use
 * only, so TF.js never slows other commands' start-up.
 */
export async function predictLocally(dir: string, rows: number[][], shape: number[]): Promise<number[][]> {
  const tf = await importExternal<typeof Tf>('@tensorflow/tfjs');
  const { loadModel } = await import('../../../resources/serving/src/load-model.js');
  const m = await loadModel(dir);
  const ys = tf.tidy(() => m.predict([tf.tensor(rows.flat(), shape, 'float32')]).map((t) => t.arraySync()));
  return (ys[0] as unknown[]).map((r) => (Array.isArray(r) ? (r.flat(8) as number[]) : [r as number]));
}
