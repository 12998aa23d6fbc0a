import { describe, expect, it } from 'vitest';
import type { AliasEvent, ModelLineage, ModelVersion } from '../../../../../src/shared/contract/index.js';
import { holderStack } from '../../../../../src/renderer/views/models/holder-stack';
import { lineageGraph } from '../../../../../src/renderer/views/models/lineage-graph';
import { gateState, lowerIsBetter, metricColumns, metricOf } from '../../../../../src/renderer/views/models/version-metrics';

const ev = (id: number, kind: AliasEvent['kind'], fromVersion: number | null, toVersion: number): AliasEvent => ({
  id,
  name: 'digits',
  alias: 'champion',
  kind,
  fromVersion,
  toVersion,
  actor: 'me',
  at: id,
  reason: '',
  gateReport: null,
});

const noLineage: ModelLineage = {
  runId: null,
  runNumber: null,
  stage: null,
  output: null,
  datasetVersions: [],
  imageId: null,
  params: {},
  codeDigest: null,
  complete: false,
};

function version(over: Partial<ModelVersion>): ModelVersion {
  return {
    name: 'digits',
    version: 1,
    format: 'tfjs-layers',
    digest: 'sha256:ab',
    manifestDigest: 'sha256:ab',
    sizeBytes: 1,
    files: 1,
    createdAt: 0,
    author: '',
    message: '',
    aliases: [],
    signature: null,
    lineage: noLineage,
    metrics: {},
    gateReport: null,
    card: '',
    unsafe: false,
    warnings: [],
    ...over,
  };
}

describe('holderStack', () => {
  it('pushes promotions and pops rollbacks, like the core', () => {
    expect(holderStack([ev(1, 'promote', null, 1), ev(2, 'promote', 1, 3)])).toEqual([1, 3]);
    expect(holderStack([ev(1, 'promote', null, 1), ev(2, 'promote', 1, 3), ev(3, 'rollback', 3, 1)])).toEqual([1]);
    // after a rollback, another rollback goes further back, not forward again
    expect(holderStack([ev(1, 'promote', null, 1), ev(2, 'promote', 1, 2), ev(3, 'promote', 2, 3), ev(4, 'rollback', 3, 2)])).toEqual([1, 2]);
  });
});

describe('lineageGraph', () => {
  it('links each input dataset version to the run and the run to the model', () => {
    const g = lineageGraph('digits', 4, {
      ...noLineage,
      runId: 'r-1',
      runNumber: 7,
      stage: 'train',
      output: 'out/model',
      datasetVersions: [
        { dataset: 'mnist', version: 2, digest: 'sha256:1', role: 'input', stage: 'train' },
        { dataset: 'mnist', version: 2, digest: 'sha256:1', role: 'input', stage: 'eval' },
        { dataset: 'features', version: 1, digest: 'sha256:2', role: 'output', stage: 'prep' },
      ],
    });
    expect(g.nodes.map((n) => n.id)).toEqual(['run:r-1', 'ds:mnist@2', 'model']);
    expect(g.layout.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['ds:mnist@2>run:r-1', 'run:r-1>model']);
    const x = Object.fromEntries(g.layout.nodes.map((n) => [n.name, n.x]));
    expect(x['ds:mnist@2']!).toBeLessThan(x['run:r-1']!);
    expect(x['run:r-1']!).toBeLessThan(x.model!);
  });

  it('says a folder registration has no run', () => {
    const g = lineageGraph('digits', 1, noLineage);
    expect(g.nodes.map((n) => n.kind)).toEqual(['missing', 'model']);
  });
});

describe('version metrics', () => {
  const report = {
    ref: 'digits@1',
    version: 1,
    task: 'classification' as const,
    backend: 'cpu',
    holdout: null,
    metrics: { accuracy: 0.5, size_mb: 1, f1: 0.4 },
    confusionMatrix: null,
    classes: null,
    latency: [],
    gates: [],
    passed: false,
    evaluatedAt: 0,
    durationMs: 0,
  };
  it('prefers the evaluation over the run, and orders the usual metrics first', () => {
    const v = version({
      gateReport: report,
      metrics: {
        accuracy: { last: 0.9, lastStep: 1, min: 0, max: 1, count: 1, nanCount: 0, infCount: 0 },
        loss: { last: 0.1, lastStep: 1, min: 0, max: 1, count: 1, nanCount: 0, infCount: 0 },
      },
    });
    expect(metricOf(v, 'accuracy')).toBe(0.5);
    expect(metricOf(v, 'loss')).toBe(0.1);
    expect(metricOf(v, 'nope')).toBeNull();
    expect(metricColumns([v])).toEqual(['accuracy', 'f1', 'loss']);
    expect(gateState(v)).toBe('failed');
    expect(gateState(version({}))).toBe('none');
  });
  it('knows which metrics are better low', () => {
    expect(lowerIsBetter('val_loss')).toBe(true);
    expect(lowerIsBetter('rmse')).toBe(true);
    expect(lowerIsBetter('accuracy')).toBe(false);
  });
});
