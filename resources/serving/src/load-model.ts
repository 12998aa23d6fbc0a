import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** What the server needs of a TF.js model, layers or graph: its tensors' names and a predict. */
export interface ServedModel {
  inputs: { name: string; shape: (number | null)[] }[];
  outputs: { name: string; shape: (number | null)[] }[];
  predict(inputs: tf.Tensor[]): tf.Tensor[];
}

interface ModelJson {
  format?: string;
  modelTopology?: unknown;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/**
 * Loads `model.json` and its weight shards from a folder. The pure-JS TF.js has no file:// loader
 * in Node, and tfjs-node (which has one) is a native add-on the serving image does not carry.
 */
export async function loadModel(dir: string): Promise<ServedModel> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson;
  const manifest = json.weightsManifest ?? [];
  const shards: Buffer[] = [];
  for (const group of manifest) for (const p of group.paths) shards.push(await readFile(join(dir, p)));
  const weightData = concat(shards);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: manifest.flatMap((g) => g.weights),
    weightData,
    format: json.format,
  };
  const handler = tf.io.fromMemory(artifacts);
  if (json.format === 'graph-model') {
    const g = await tf.loadGraphModel(handler);
    return {
      inputs: g.inputs.map((t) => ({ name: t.name, shape: (t.shape ?? []).map((d) => (d < 0 ? null : d)) })),
      outputs: g.outputs.map((t) => ({ name: t.name, shape: (t.shape ?? []).map((d) => (d < 0 ? null : d)) })),
      predict: (xs) => {
        const y = g.predict(xs.length === 1 ? xs[0]! : xs);
        return Array.isArray(y) ? y : y instanceof tf.Tensor ? [y] : Object.values(y);
      },
    };
  }
  const m = await tf.loadLayersModel(handler);
  return {
    inputs: m.inputs.map((t) => ({ name: t.name, shape: t.shape })),
    outputs: m.outputs.map((t) => ({ name: t.name, shape: t.shape })),
    predict: (xs) => {
      const y = m.predict(xs.length === 1 ? xs[0]! : xs);
      return Array.isArray(y) ? y : [y];
    },
  };
}

function concat(parts: Buffer[]): ArrayBuffer {
  const total = parts.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of parts) {
    out.set(b, o);
    o += b.byteLength;
  }
  return out.buffer;
}
