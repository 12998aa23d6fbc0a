import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../src/core/db/open-database.js';
import { ModelRepo, type NewVersion } from '../../../../src/core/models/model-repo.js';
import type { EvalReport, GateResult } from '../../../../src/shared/contract/index.js';
import { gateTitle } from '../../../../src/renderer/views/models/version-metrics';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir();

const gate = (g: string, pass: boolean): GateResult => ({
  gate: g,
  metric: 'accuracy',
  op: '>=',
  measured: 0.5,
  threshold: 0.9,
  pass,
  message: pass ? 'passes' : 'accuracy = 0.5, needs >= 0.9',
  line: 1,
  column: 1,
});
const report = (gates: GateResult[], at: number): EvalReport => ({
  ref: 'm@1',
  version: 1,
  task: 'classification',
  backend: 'cpu',
  holdout: null,
  metrics: { accuracy: 0.5 },
  confusionMatrix: null,
  classes: null,
  latency: [],
  gates,
  passed: gates.every((g) => g.pass),
  evaluatedAt: at,
  durationMs: 1,
});
const newVersion = (manifest: string): NewVersion => ({
  manifest,
  format: 'onnx',
  sizeBytes: 1,
  files: 1,
  author: 'me',
  message: '',
  signature: null,
  unsafe: false,
  warnings: [],
  metrics: {},
  lineage: { runId: null, runNumber: null, stage: null, output: null, datasetVersions: [], imageId: null, params: {}, codeDigest: null, complete: false },
  card: () => '',
});

describe('a promoted version shows the gates it passed', () => {
  it('reads the gated report from the alias log when the version kept only the ungated evaluation', () => {
    const repo = new ModelRepo(openDatabase(join(tmp(), 'kiln.db')));
    repo.db.transaction(() => {
      repo.insertVersion('m', newVersion('sha256:a'));
      repo.insertVersion('m', newVersion('sha256:b'));
    });
    // what promotion stored before: the evaluation without gates on the version, the gated one in the log
    repo.setReport('m', 1, report([], 10));
    repo.db.transaction(() =>
      repo.appendMove('m', {
        alias: 'champion',
        kind: 'promote',
        from: null,
        to: 1,
        actor: 'me',
        reason: '',
        report: report([gate('accuracy >= 0.4', true)], 10),
      }),
    );
    const [v2, v1] = repo.versions('m', 0, 10);
    expect(v1!.gateReport?.gates.map((g) => [g.gate, g.pass])).toEqual([['accuracy >= 0.4', true]]);
    expect(repo.get('m', 1).gateReport?.passed).toBe(true);
    expect(v2!.gateReport).toBeNull();
    // a later evaluation with gates on the version wins over the older log entry
    repo.setReport('m', 1, report([gate('accuracy >= 0.9', false)], 20));
    expect(repo.get('m', 1).gateReport?.passed).toBe(false);
  });

  it('says on hover which gates failed and why', () => {
    const t = gateTitle(report([gate('accuracy >= 0.9', false), gate('size_mb <= 200', true)], 1));
    expect(t).toBe('Failed:\n✗ accuracy >= 0.9 — accuracy = 0.5, needs >= 0.9\nPassed:\n✓ size_mb <= 200');
    expect(gateTitle(report([gate('size_mb <= 200', true)], 1))).toBe('All gates passed:\n✓ size_mb <= 200');
  });
});
