import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../../../src/core/models/compare-versions.js';
import type { ModelVersion } from '../../../../src/shared/contract/index.js';

const v = (version: number, over: Partial<ModelVersion>): ModelVersion => ({
  name: 'm',
  version,
  format: 'onnx',
  digest: `sha256:${version}`,
  manifestDigest: `sha256:${version}`,
  sizeBytes: 100,
  files: 1,
  createdAt: 0,
  author: '',
  message: '',
  aliases: [],
  signature: null,
  lineage: { runId: null, runNumber: null, stage: null, output: null, datasetVersions: [], imageId: null, params: {}, codeDigest: null, complete: false },
  metrics: {},
  gateReport: null,
  card: '',
  unsafe: false,
  warnings: [],
  ...over,
});

describe('compareVersions', () => {
  it('lists params that differ, tensors one side lacks or that changed, format and size deltas', () => {
    const a = v(1, {
      lineage: { ...v(1, {}).lineage, params: { lr: 0.1, epochs: 5 } },
      signature: { inputs: [{ name: 'x', dtype: 'float32', shape: [null, 4] }], outputs: [{ name: 'y', dtype: 'float32', shape: [null, 2] }] },
      metrics: { loss: { last: 0.5, lastStep: 1, min: 0.5, max: 1, count: 2, nanCount: 0, infCount: 0 } },
    });
    const b = v(2, {
      format: 'safetensors',
      sizeBytes: 60,
      lineage: { ...v(2, {}).lineage, params: { lr: 0.01, epochs: 5, seed: 1 } },
      signature: { inputs: [{ name: 'x', dtype: 'float16', shape: [null, 4] }], outputs: [{ name: 'z', dtype: 'float32', shape: [null, 2] }] },
      metrics: { loss: { last: 0.25, lastStep: 1, min: 0.25, max: 1, count: 2, nanCount: 0, infCount: 0 } },
    });
    const c = compareVersions(a, b);
    expect(c.formatEqual).toBe(false);
    expect(c.sizeDelta).toBe(-40);
    expect(c.metrics).toEqual([{ metric: 'loss', a: 0.5, b: 0.25, delta: -0.25 }]);
    expect(c.params.filter((p) => p.differs).map((p) => [p.key, p.a, p.b])).toEqual([
      ['lr', 0.1, 0.01],
      ['seed', null, 1],
    ]);
    expect(c.signatureEqual).toBe(false);
    expect(c.signatureDiff.map((d) => [d.io, d.name, d.a?.dtype ?? null, d.b?.dtype ?? null])).toEqual([
      ['input', 'x', 'float32', 'float16'],
      ['output', 'y', 'float32', null],
      ['output', 'z', null, 'float32'],
    ]);
    expect(compareVersions(a, a).signatureDiff).toEqual([]);
  });
});
