import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../src/core/index.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { makeModel } from '../../helpers/tfjs-models.js';
import { pipelineWorkspace } from '../pipelines/pipeline-workspace.js';
import { rejection } from '../datasets/data-workspace.js';

// needs the Docker engine: fails (does not skip) without it
describe('models: register a run stage output (real pipeline run on the engine)', () => {
  const tmp = useTempDir('kiln-models-run-');
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('uses the bytes already in the store, with lineage and the run metric summary', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    core = await pipelineWorkspace(
      dir,
      `stages:
  train:
    image: ${img}
    cmd: sh -c 'mkdir -p out/model && cp src/* out/model/ && echo note > out/README && echo "{\\"metric\\":\\"loss\\",\\"step\\":1,\\"value\\":0.25}" >> $KILN_METRICS'
    inputs: [data:train@latest, src]
    params: {lr: 0.01}
    outputs: [out]
`,
    );
    const ws = join(dir, 'ws');
    mkdirSync(join(dir, 'train'));
    cpSync(new URL('../../../package.json', import.meta.url), join(dir, 'train', 'rows.json'));
    await core.invoke('datasets:add', { dataset: 'train', source: { kind: 'paths', paths: [join(dir, 'train')] } });
    await makeModel(join(ws, 'src'), 'good');
    const run = await core.invoke('pipelines:run', {});
    expect(run.stages.map((s) => s.status)).toEqual(['done']);

    const chunks = () => (core as Core).invoke('datasets:verify', {}).then((v) => v.chunks);
    const before = await chunks();
    const v = await core.invoke('models:register', { name: 'digits', fromRun: run.id, output: 'out/model' });
    expect(await chunks()).toBe(before); // no byte was copied
    expect(v).toMatchObject({ version: 1, format: 'tfjs-layers', files: 2 });
    expect(v.lineage).toMatchObject({ runId: run.id, stage: 'train', output: 'out', params: { 'train.lr': 0.01 }, complete: true });
    expect(v.lineage.imageId).toMatch(/^sha256:/);
    expect(v.lineage.codeDigest).toMatch(/^sha256:/);
    expect(v.lineage.datasetVersions).toEqual([expect.objectContaining({ dataset: 'train', version: 1, role: 'input', stage: 'train' })]);
    expect(v.metrics.loss?.last).toBe(0.25);
    expect(v.card).toContain(`Run: #${v.lineage.runNumber}`);

    const whole = await core.invoke('models:register', { name: 'bundle', fromRun: String(v.lineage.runNumber), output: 'out' });
    expect(whole.files).toBe(3);
    const run2 = await core.invoke('runs:get', { runId: run.id });
    expect(whole.digest).toBe(run2.outputs[0]!.tree);

    const co = join(dir, 'co');
    await core.invoke('models:checkout', { ref: 'digits@1', dir: co });
    expect(readFileSync(join(co, 'weights.bin')).equals(readFileSync(join(ws, 'src', 'weights.bin')))).toBe(true);

    const missing = await rejection(core.invoke('models:register', { name: 'digits', fromRun: run.id, output: 'nope' }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('its outputs: out (train)');
    expect((await rejection(core.invoke('models:register', { name: 'digits', fromRun: '999', output: 'out' }))).code).toBe('RUN_NOT_FOUND');
    expect((await core.invoke('models:list', {})).map((m) => [m.name, m.versions])).toEqual([
      ['bundle', 1],
      ['digits', 1],
    ]);
  });
});
