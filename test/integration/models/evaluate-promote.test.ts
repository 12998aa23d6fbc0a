import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '../../helpers/temp-dir.js';
import { holdoutCsv, makeModel } from '../../helpers/tfjs-models.js';
import { rejection, useDataCore } from '../datasets/data-workspace.js';
import type { Core } from '../../../src/core/index.js';

const tmp = useTempDir('kiln-models-eval-');
const dataCore = useDataCore(tmp);

async function holdout(core: Core, base: string, name: string, rows: number, opts: Parameters<typeof holdoutCsv>[2] = {}) {
  const d = join(base, `holdout-${name}`);
  mkdirSync(d, { recursive: true });
  holdoutCsv(join(d, 'holdout.csv'), rows, opts);
  await core.invoke('datasets:add', { dataset: name, source: { kind: 'paths', paths: [d] } });
}

const YAML = `models:
  digits:
    holdout: data:holdout@latest
    label: label
    gates:
      - accuracy >= 0.9
      - accuracy >= champion.accuracy - 0.01
      - size_mb <= 200
`;

describe('models: evaluation, gates, promotion and rollback', () => {
  it('evaluates a classifier on the holdout with every metric, latency and the backend, and stores the report', async () => {
    const { core, base, root } = await dataCore();
    await holdout(core, base, 'holdout', 500);
    writeFileSync(join(root, 'kiln.yaml'), YAML);
    await core.invoke('models:register', { name: 'digits', path: await makeModel(join(base, 'good'), 'good') });
    const phases: string[] = [];
    const off = core.on('jobs:progress', (p) => phases.push(p.phase));
    const r = await core.invoke('models:validate', { ref: 'digits@1' });
    off();
    expect(r.task).toBe('classification');
    expect(r.metrics).toMatchObject({ accuracy: 1, precision: 1, recall: 1, f1: 1, roc_auc: 1 });
    expect(r.confusionMatrix!.flat().reduce((a, b) => a + b, 0)).toBe(500);
    expect(r.confusionMatrix![0]![1]).toBe(0);
    expect(['wasm', 'cpu', 'tensorflow', 'tensorflow-gpu']).toContain(r.backend);
    expect(r.latency.map((l) => l.batchSize)).toEqual([1, 32]);
    expect(r.latency[0]!.p95Ms).toBeGreaterThanOrEqual(r.latency[0]!.p50Ms);
    expect(r.gates.map((g) => [g.gate, g.pass])).toEqual([
      ['accuracy >= 0.9', true],
      ['accuracy >= champion.accuracy - 0.01', true],
      ['size_mb <= 200', true],
    ]);
    expect(r.gates[0]).toMatchObject({ line: 6, column: 9, measured: 1, threshold: 0.9 });
    expect(phases).toContain('predicting');
    expect((await core.invoke('models:get', { ref: 'digits@1' })).gateReport?.metrics.accuracy).toBe(1);
  });

  it('evaluates a regressor: RMSE, MAE and R²', async () => {
    const { core, base, root } = await dataCore();
    await holdout(core, base, 'reg', 300, { regression: true, columns: ['x0', 'x1', 'y'] });
    writeFileSync(join(root, 'kiln.yaml'), 'models:\n  lin:\n    holdout: data:reg@1/holdout.csv\n    label: y\n    gates: ["r2 >= 0.99", "rmse < 0.01"]\n');
    await core.invoke('models:register', { name: 'lin', path: await makeModel(join(base, 'reg'), 'regressor') });
    const r = await core.invoke('models:validate', { ref: 'lin@1' });
    expect(r.task).toBe('regression');
    expect(r.metrics.rmse).toBeLessThan(1e-4);
    expect(r.metrics.mae).toBeLessThan(1e-4);
    expect(r.metrics.r2).toBeGreaterThan(0.9999);
    expect(r.passed).toBe(true);
  });

  it('promotes through the gates, refuses naming the failing gate, rolls back, and keeps every move in the log', async () => {
    const { core, base, root } = await dataCore();
    await holdout(core, base, 'holdout', 400);
    writeFileSync(join(root, 'kiln.yaml'), YAML);
    await core.invoke('models:register', { name: 'digits', path: await makeModel(join(base, 'good'), 'good') });
    await core.invoke('models:register', { name: 'digits', path: await makeModel(join(base, 'bad'), 'bad') });
    await core.invoke('models:register', { name: 'digits', path: await makeModel(join(base, 'good2'), 'hidden') });
    await core.invoke('models:register', { name: 'digits', path: join(base, 'good') });
    const e1 = await core.invoke('models:promote', { ref: 'digits@1', alias: 'champion', reason: 'first' });
    expect(e1).toMatchObject({ alias: 'champion', kind: 'promote', fromVersion: null, toVersion: 1, reason: 'first' });
    expect(e1.gateReport?.passed).toBe(true);
    // the version row carries the gated report: pass/fail per gate, not just "evaluated"
    const v1 = await core.invoke('models:get', { ref: 'digits@1' });
    expect(v1.gateReport?.gates.map((g) => g.pass)).toEqual([true, true, true]);

    const refused = await rejection(core.invoke('models:promote', { ref: 'digits@2', alias: 'champion' }));
    expect(refused.code).toBe('GATE_FAILED');
    expect(refused.message).toContain('accuracy >= 0.9');
    expect(refused.message).toContain('accuracy >= champion.accuracy - 0.01');
    expect(refused.message).not.toContain('size_mb');
    expect((await core.invoke('models:get', { ref: 'digits@champion' })).version).toBe(1);
    // a refused promotion still records which gates failed on the version
    const page = await core.invoke('models:versions', { name: 'digits' });
    const v2 = page.versions.find((v) => v.version === 2)!;
    expect(v2.gateReport?.passed).toBe(false);
    expect(v2.gateReport?.gates.filter((g) => !g.pass).map((g) => g.gate)).toEqual(['accuracy >= 0.9', 'accuracy >= champion.accuracy - 0.01']);
    expect(page.versions.find((v) => v.version === 1)!.gateReport?.passed).toBe(true);

    await core.invoke('models:promote', { ref: 'digits@4', alias: 'champion', reason: 'retrained' });
    expect((await core.invoke('models:get', { ref: 'digits@champion' })).version).toBe(4);
    await core.invoke('models:promote', { ref: 'digits@1', alias: 'staging' });
    const rb = await core.invoke('models:rollback', { name: 'digits', alias: 'champion', reason: 'bad in prod' });
    expect(rb).toMatchObject({ kind: 'rollback', fromVersion: 4, toVersion: 1, reason: 'bad in prod' });
    expect((await core.invoke('models:get', { ref: 'digits@champion' })).aliases.sort()).toEqual(['champion', 'staging']);
    const none = await rejection(core.invoke('models:rollback', { name: 'digits', alias: 'champion' }));
    expect(none.code).toBe('CONFLICT');

    const h = await core.invoke('models:history', { name: 'digits' });
    expect(h.events.map((e) => [e.alias, e.kind, e.fromVersion, e.toVersion])).toEqual([
      ['champion', 'promote', null, 1],
      ['champion', 'promote', 1, 4],
      ['staging', 'promote', null, 1],
      ['champion', 'rollback', 4, 1],
    ]);
    expect((await core.invoke('models:history', { name: 'digits', alias: 'staging' })).events).toHaveLength(1);
    expect(h.events.every((e) => e.actor.length > 0 && e.at > 0)).toBe(true);
  });

  it('names each bad input and registers or moves nothing', async () => {
    const { core, base, root } = await dataCore();
    await holdout(core, base, 'holdout', 100);
    await holdout(core, base, 'wide', 100, { columns: ['x0', 'x1', 'label', 'x2'] });
    writeFileSync(join(root, 'kiln.yaml'), YAML);
    await core.invoke('models:register', { name: 'digits', path: await makeModel(join(base, 'good'), 'good') });
    await core.invoke('models:register', { name: 'other', path: await makeModel(join(base, 'good2'), 'good') });
    await core.invoke('models:register', { name: 'digits', path: await makeModel(join(base, 'nan'), 'nan') });
    await core.invoke('models:promote', { ref: 'digits@1', alias: 'champion' });

    // unknown alias
    const ua = await rejection(core.invoke('models:get', { ref: 'digits@prod' }));
    expect(ua.code).toBe('ALIAS_NOT_FOUND');
    expect(ua.message).toContain('champion');
    expect((await rejection(core.invoke('models:rollback', { name: 'digits', alias: 'prod' }))).code).toBe('ALIAS_NOT_FOUND');
    // another model's version
    const other = await rejection(core.invoke('models:promote', { ref: 'other@1', alias: 'champion', model: 'digits' }));
    expect(other.code).toBe('CONFLICT');
    expect(other.message).toContain('other@1 is a version of other, not of digits');
    // NaN predictions
    const nan = await rejection(core.invoke('models:validate', { ref: 'digits@2' }));
    expect(nan.code).toBe('PREDICTION_INVALID');
    expect(nan.message).toMatch(/NaN/);
    expect((await core.invoke('models:get', { ref: 'digits@2' })).gateReport).toBeNull();
    // holdout columns do not match the model's input
    writeFileSync(join(root, 'kiln.yaml'), YAML.replace('data:holdout@latest', 'data:wide@latest'));
    const cols = await rejection(core.invoke('models:validate', { ref: 'digits@1' }));
    expect(cols.code).toBe('HOLDOUT_INVALID');
    expect(cols.message).toContain('3 input columns (x0, x1, x2');
    expect(cols.message).toContain('takes 2 inputs');
    // a label that is not one of the model's classes, named by its row
    const bl = join(base, 'holdout-badlabel');
    mkdirSync(bl);
    const lines = readFileSync(holdoutCsv(join(bl, 'holdout.csv'), 100), 'utf8').split('\n');
    lines[41] = lines[41]!.replace(/,[01]$/, ',5');
    writeFileSync(join(bl, 'holdout.csv'), lines.join('\n'));
    await core.invoke('datasets:add', { dataset: 'badlabel', source: { kind: 'paths', paths: [bl] } });
    writeFileSync(join(root, 'kiln.yaml'), YAML.replace('data:holdout@latest', 'data:badlabel@latest'));
    const lab = await rejection(core.invoke('models:validate', { ref: 'digits@1' }));
    expect(lab.code).toBe('HOLDOUT_INVALID');
    expect(lab.message).toContain('label 5 at row 42 of holdout.csv is not a class of digits@1 (it outputs 2 classes');
    // a regression task declared for a model with two outputs per row
    writeFileSync(join(root, 'kiln.yaml'), YAML.replace('label: label', 'label: label\n    task: regression'));
    const reg = await rejection(core.invoke('models:validate', { ref: 'digits@1' }));
    expect(reg.code).toBe('HOLDOUT_INVALID');
    expect(reg.message).toContain('task is regression but digits@1 outputs 2 values per row');
    expect((await core.invoke('models:get', { ref: 'digits@1' })).gateReport?.holdout?.dataset).not.toBe('badlabel');
    // a gate naming an unknown metric: file, line and column
    writeFileSync(join(root, 'kiln.yaml'), YAML.replace('accuracy >= 0.9', 'acuracy >= 0.9'));
    const gate = await rejection(core.invoke('models:promote', { ref: 'digits@2', alias: 'champion' }));
    expect(gate.code).toBe('GATE_INVALID');
    expect(gate.message).toMatch(/kiln\.yaml:6:9: .*unknown metric "acuracy" — did you mean "accuracy"\?/);
    writeFileSync(join(root, 'kiln.yaml'), YAML.replace('champion.accuracy - 0.01', 'champion.accuracy -'));
    const syn = await rejection(core.invoke('models:validate', { ref: 'digits@1' }));
    expect(syn.message).toMatch(/kiln\.yaml:7:\d+: .*ends early/);

    const h = await core.invoke('models:history', { name: 'digits' });
    expect(h.events).toHaveLength(1);
    expect((await core.invoke('models:get', { ref: 'digits@champion' })).version).toBe(1);
  });

  it('predicts in the app and names the backend', async () => {
    const { core, base } = await dataCore();
    await core.invoke('models:register', { name: 'digits', path: await makeModel(join(base, 'good'), 'good') });
    const r = await core.invoke('models:predict', {
      ref: 'digits@1',
      inputs: [
        [0.9, 0.1],
        [0.1, 0.9],
      ],
    });
    expect(r.outputs[0]![1]).toBeGreaterThan(0.99);
    expect(r.outputs[1]![0]).toBeGreaterThan(0.99);
    const b = await core.invoke('models:backend', {});
    expect(b.candidates.find((c) => c.name === 'wasm')?.available).toBe(true);
  });
});

describe('models: cancelling an evaluation, and the append-only log', () => {
  it('cancels validate mid-prediction: CANCELLED, progress seen first, no report stored', async () => {
    const { core, base, root } = await dataCore();
    await holdout(core, base, 'holdout', 200_000);
    writeFileSync(join(root, 'kiln.yaml'), YAML);
    await core.invoke('models:register', { name: 'digits', path: await makeModel(join(base, 'h'), 'hidden') });
    const seen: number[] = [];
    const off = core.on('jobs:progress', (p) => {
      if (p.jobId !== 'val-1' || p.phase !== 'predicting') return;
      seen.push(p.filesDone);
      if (p.filesDone > 0 && seen.filter((n) => n > 0).length === 1) void core.invoke('jobs:cancel', { jobId: 'val-1' });
    });
    const e = await rejection(core.invoke('models:validate', { ref: 'digits@1', jobId: 'val-1' }));
    off();
    expect(e.code).toBe('CANCELLED');
    expect(seen.some((n) => n > 0)).toBe(true);
    expect((await core.invoke('models:get', { ref: 'digits@1' })).gateReport).toBeNull();
  });

  it('refuses to edit or delete alias history in the database itself', async () => {
    const { core, base, root } = await dataCore();
    await core.invoke('models:register', { name: 'digits', path: await makeModel(join(base, 'good'), 'good') });
    await core.invoke('models:promote', { ref: 'digits@1', alias: 'staging' });
    const { openDatabase } = await import('../../../src/core/db/open-database.js');
    const db = openDatabase(join(root, '.kiln', 'kiln.db'));
    try {
      expect(() => db.exec('UPDATE alias_events SET to_version = 2')).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM alias_events')).toThrow(/append-only/);
    } finally {
      db.close();
    }
    expect((await core.invoke('models:history', { name: 'digits' })).events).toHaveLength(1);
  });
});
