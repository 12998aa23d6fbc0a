import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/index.js';
import { dockerAvailable } from '../../helpers/docker.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { nodeImage } from '../../helpers/test-images.js';
import { containersCreatedSince } from './pipeline-workspace.js';

const hasDocker = await dockerAvailable();

describe.skipIf(!hasDocker)('the example MNIST workspace (kiln init --example)', () => {
  const tmp = useTempDir('kiln-example-');
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('prepares, trains with TensorFlow.js and evaluates in containers on the node image, then re-runs fully cached', async () => {
    const image = await nodeImage();
    const dir = tmp();
    const env = { ...process.env, KILN_EXAMPLE_IMAGE: image };
    core = await createCore({ host: 'cli', kilnHome: join(dir, '.home'), env });
    await core.invoke('workspaces:create', { path: join(dir, 'ws'), example: true });
    const ws = join(dir, 'ws');
    expect(readFileSync(join(ws, 'kiln.yaml'), 'utf8')).toContain(`image: ${image}`);
    // the digits are a dataset version added at init; the first stage reads it
    const digits = await core.invoke('datasets:tree', { dataset: 'mnist-digits', version: 'latest' });
    expect(digits.version).toBe(1);
    expect(digits.entries.map((e) => e.path)).toEqual(expect.arrayContaining(['images.u8', 'labels.csv', 'samples/digit-0.png', 'README.md']));
    const got = await core.invoke('pipelines:get', {});
    expect(got.pipeline!.order).toEqual(['prepare', 'train', 'evaluate']);

    const r = await core.invoke('pipelines:run', {});
    expect(r.stages.map((s) => `${s.stage}:${s.status}:${s.error ?? ''}`)).toEqual(['prepare:done:', 'train:done:', 'evaluate:done:']);
    const report = JSON.parse(readFileSync(join(ws, 'eval', 'report.json'), 'utf8')) as { accuracy: number; samples: number };
    expect(report.samples).toBe(500);
    expect(report.accuracy).toBeGreaterThan(0.5); // 10 classes: chance is 0.1
    const train = r.stages.find((s) => s.stage === 'train')!;
    expect(train.metricPoints).toBeGreaterThan(12); // batch_loss per batch plus epoch metrics
    expect(train.malformedMetricLines).toBe(0);
    expect(readFileSync(join(ws, 'model', 'model.json'), 'utf8')).toContain('layers-model');
    // the trained model is registered from the run's output (kiln.yaml models.mnist.output)
    const mnist = await core.invoke('models:get', { ref: 'mnist@latest' });
    expect(mnist).toMatchObject({ version: 1, format: 'tfjs-layers', lineage: { runId: r.id, stage: 'train', output: 'model', complete: true } });
    expect(mnist.lineage.params).toBeTypeOf('object');
    expect(mnist.signature?.inputs[0]?.shape).toEqual([null, 784]);
    // lineage on the run's page: mnist-digits@1 → run → mnist@1
    const detail = await core.invoke('runs:get', { runId: r.id });
    expect(detail.datasets.filter((d) => d.role === 'input').map((d) => `${d.dataset}@${d.version}`)).toEqual(['mnist-digits@1']);
    expect(detail.models).toEqual([{ name: 'mnist', version: 1, output: 'model' }]);
    const files = await core.invoke('runs:files', { runId: r.id });
    expect(files.entries.map((e) => e.path)).toEqual(expect.arrayContaining(['data/meta.json', 'model/model.json', 'eval/report.json']));
    const modelPreview = await core.invoke('runs:preview', { runId: r.id, path: 'model/model.json' });
    expect(modelPreview).toMatchObject({ kind: 'tfjs-model', format: 'layers', totalParams: 784 * 64 + 64 + 64 * 10 + 10 });
    const promoted = await core.invoke('models:promote', { ref: 'mnist@1', alias: 'champion' });
    expect(promoted.gateReport?.gates.map((g) => g.pass)).toEqual([true, true]);

    const since = Math.floor(Date.now() / 1000);
    const again = await core.invoke('pipelines:run', {});
    expect(again.stages.map((s) => s.status)).toEqual(['cached', 'cached', 'cached']);
    expect(await containersCreatedSince(since, ws)).toBe(0);
    // same model files: no new version
    expect((await core.invoke('models:list', {}))[0]).toMatchObject({ name: 'mnist', versions: 1, aliases: { champion: 1 } });
    // a rerun that registered nothing still leads to the version holding its model files
    expect((await core.invoke('runs:get', { runId: again.id })).models).toEqual([{ name: 'mnist', version: 1, output: 'model' }]);
  });
});
