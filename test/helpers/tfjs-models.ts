import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * Real TF.js layers models for tests, saved as model.json + weights.bin like tfjs's file handler.
 * `good` classifies label = (x0 > x1) exactly, `bad` predicts the opposite, `regressor` outputs
 * 2·x0 − x1 (one unit, linear), `nan` outputs NaN.
 */
export type TestModelKind = 'good' | 'bad' | 'regressor' | 'nan' | 'hidden';

export async function saveLayersModel(model: tf.LayersModel, out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (art) => {
      writeFileSync(join(out, 'weights.bin'), Buffer.from(art.weightData as ArrayBuffer));
      writeFileSync(
        join(out, 'model.json'),
        JSON.stringify({
          format: 'layers-model',
          generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
          convertedBy: null,
          modelTopology: art.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: art.weightSpecs }],
        }),
      );
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

export function buildModel(kind: TestModelKind, inputs = 2): tf.Sequential {
  const model = tf.sequential();
  if (kind === 'regressor') {
    model.add(tf.layers.dense({ units: 1, inputShape: [inputs], activation: 'linear', name: 'out' }));
    const w = Array.from({ length: inputs }, (_, i) => [i === 0 ? 2 : i === 1 ? -1 : 0]);
    model.layers[0]!.setWeights([tf.tensor2d(w), tf.zeros([1])]);
  } else if (kind === 'hidden') {
    // a wider model for timing: 2 → 256 → 256 → 2
    model.add(tf.layers.dense({ units: 256, inputShape: [inputs], activation: 'relu' }));
    model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  } else {
    const s = kind === 'bad' ? -1 : 1;
    model.add(tf.layers.dense({ units: 2, inputShape: [inputs], activation: 'softmax', name: 'out' }));
    const w = Array.from({ length: inputs }, (_, i) => (i === 0 ? [-10 * s, 10 * s] : i === 1 ? [10 * s, -10 * s] : [0, 0]));
    model.layers[0]!.setWeights([tf.tensor2d(w), kind === 'nan' ? tf.tensor1d([NaN, NaN]) : tf.zeros([2])]);
  }
  return model;
}

export async function makeModel(out: string, kind: TestModelKind, inputs = 2): Promise<string> {
  await saveLayersModel(buildModel(kind, inputs), out);
  return out;
}

/** x0,x1,label with label = (x0 > x1 ? 1 : 0); for `regression`, target = 2·x0 − x1. */
export function holdoutCsv(file: string, rows: number, opts: { regression?: boolean; columns?: string[] } = {}): string {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const cols = opts.columns ?? ['x0', 'x1', 'label'];
  let s = `${cols.join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    const x0 = rnd();
    let x1 = rnd();
    if (Math.abs(x0 - x1) < 0.01) x1 = x0 + 0.05;
    const y = opts.regression ? (2 * x0 - x1).toFixed(6) : String(x0 > x1 ? 1 : 0);
    const extra = cols.slice(3).map(() => '0');
    s += `${[x0.toFixed(4), x1.toFixed(4), y, ...extra].join(',')}\n`;
  }
  writeFileSync(file, s);
  return file;
}
