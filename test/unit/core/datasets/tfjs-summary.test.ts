import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { tfjsSummary } from '../../../../src/core/datasets/tfjs-summary.js';
import { saveLayersModel } from '../../../helpers/tfjs-models.js';

const dir = mkdtempSync(join(tmpdir(), 'kiln-tfjs-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tfjsSummary', () => {
  it('lists a saved model’s layers with the output shapes and parameter counts TF.js itself reports, and its shards’ sizes', async () => {
    const m = tf.sequential();
    m.add(tf.layers.reshape({ targetShape: [8, 8, 1], inputShape: [64] }));
    m.add(tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 16, activation: 'relu' }));
    m.add(tf.layers.dropout({ rate: 0.2 }));
    m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
    const out = join(dir, 'm');
    await saveLayersModel(m, out);
    const json: unknown = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    const bin = statSync(join(out, 'weights.bin')).size;
    const s = tfjsSummary('model/model.json', json, (p) => (p === 'model/weights.bin' ? bin : undefined))!;
    expect(s.format).toBe('layers');
    expect(s.layers.map((l) => l.className)).toEqual(['Reshape', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dropout', 'Dense']);
    expect(s.layers.map((l) => l.outputShape)).toEqual(m.layers.map((l) => l.outputShape));
    expect(s.layers.map((l) => l.params)).toEqual(m.layers.map((l) => l.countParams()));
    expect(s.totalParams).toBe(m.countParams());
    expect(s.shards).toEqual([{ path: 'model/weights.bin', size: bin }]);
    expect(bin).toBe(m.countParams() * 4);
  });

  it('marks a missing shard and is null for JSON that is not a TF.js model', () => {
    const j = { modelTopology: { class_name: 'Sequential', config: { layers: [] } }, weightsManifest: [{ paths: ['w.bin'], weights: [] }] };
    expect(tfjsSummary('model.json', j, () => undefined)!.shards).toEqual([{ path: 'w.bin', size: null }]);
    expect(tfjsSummary('data.json', { rows: [1, 2] }, () => undefined)).toBeNull();
    expect(tfjsSummary('data.json', [1, 2], () => undefined)).toBeNull();
  });
});
