import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import { StageExecutor } from '../../../src/core/pipelines/stage-executor.js';
import { RunRecord, type RunRecordEvents } from '../../../src/core/runs/run-record.js';
import { getRun } from '../../../src/core/runs/get-run.js';
import { loadPipeline } from '../../../src/core/pipelines/load-pipeline.js';
import { TreeHasher } from '../../../src/core/pipelines/tree-digest.js';
import { getDatasetApi } from '../../../src/core/datasets/get-dataset-api.js';
import { MetricsWriter } from '../../../src/core/metrics/metrics-writer.js';
import { GpuScheduler } from '../../../src/core/gpu/gpu-scheduler.js';
import type { RunLogEvent, RunStageEvent } from '../../../src/shared/contract/index.js';
import type { CoreWithContext } from '../../helpers/core-with-context.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { kilnContainers, pipelineWorkspace } from './pipeline-workspace.js';

// The stage executor alone, on the real engine: no scheduler, no pipeline service; a run record
// and the executor's own dependencies, as runPipeline would hand them over.
describe('StageExecutor', () => {
  const tmp = useTempDir('kiln-exec-');
  let core: CoreWithContext | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  async function setup(yaml: (img: string) => string) {
    const img = await busyboxImage();
    const dir = tmp();
    core = await pipelineWorkspace(dir, yaml(img));
    const ws = core.context.workspaces.get();
    const p = await loadPipeline(ws);
    const docker = new Docker();
    const imageId = (await docker.getImage(img).inspect()).Id;
    const stages: RunStageEvent[] = [];
    const logs: RunLogEvent[] = [];
    const events: RunRecordEvents = { status: () => undefined, changed: () => undefined, stage: (e) => stages.push(e) };
    const executor = (signal = new AbortController().signal, force = false) => {
      const record = RunRecord.start(ws.db, events, { pipelineDigest: p.digest, params: {}, stages: p.order, inputs: [], jobId: 'test' });
      const ex = new StageExecutor(
        {
          ws,
          docker,
          datasets: getDatasetApi(ws),
          hasher: new TreeHasher(ws.db, ws.root),
          metrics: new MetricsWriter(ws.db),
          gpus: async () => new GpuScheduler([]),
          machine: async () => ({ cpus: 2, memoryBytes: 0 }),
          graceMs: 1000,
          log: (e) => logs.push(e),
        },
        { record, images: new Map(p.order.map((n) => [n, imageId])), code: { digest: 'sha256:code-v1' }, versions: new Map(), force, signal },
      );
      return { record, ex };
    };
    return { ws, p, stages, logs, executor, imageId };
  }

  it('runs a stage in a container: live log, metrics, outputs digested then stored, every change through the record', async () => {
    const s = await setup(
      (img) =>
        `stages:\n  make:\n    image: ${img}\n    cmd: sh -c 'echo hello; echo "{\\"metric\\":\\"loss\\",\\"step\\":1,\\"value\\":0.5}" >> $KILN_METRICS; echo 42 > out/n'\n    outputs: [out]\n`,
    );
    const { record, ex } = s.executor();
    expect(await ex.run(s.p.stages[0]!)).toBe('done');
    await ex.settled();
    expect(s.stages.map((e) => e.status)).toEqual(['running', 'done']);
    expect(s.logs.flatMap((l) => l.lines)).toContain('hello');
    const stage = getRun(s.ws.db, record.id).stages[0]!;
    expect(stage).toMatchObject({ status: 'done', exitCode: 0, imageId: s.imageId, codeDigest: 'sha256:code-v1', metricPoints: 1, cached: false });
    expect(readFileSync(join(s.ws.root, 'out', 'n'), 'utf8')).toBe('42\n');
    // once settled, the output's tree is in the store (what a cache hit restores from)
    expect(getRun(s.ws.db, record.id).outputs[0]!.tree).toMatch(/^sha256:/);
    expect(await kilnContainers(s.ws.root)).toEqual([]);
  });

  it('the same key again is a cache hit: no container, outputs restored from the store when deleted; force runs it', async () => {
    const s = await setup((img) => `stages:\n  make:\n    image: ${img}\n    cmd: sh -c 'echo 7 > out/n'\n    outputs: [out]\n`);
    const first = s.executor();
    expect(await first.ex.run(s.p.stages[0]!)).toBe('done');
    await first.ex.settled();
    rmSync(join(s.ws.root, 'out'), { recursive: true });
    const again = s.executor();
    expect(await again.ex.run(s.p.stages[0]!)).toBe('cached');
    expect(readFileSync(join(s.ws.root, 'out', 'n'), 'utf8')).toBe('7\n');
    expect(getRun(s.ws.db, again.record.id).stages[0]).toMatchObject({ status: 'cached', cached: true, logPath: null, imageId: s.imageId });
    const forced = s.executor(undefined, true);
    expect(await forced.ex.run(s.p.stages[0]!)).toBe('done');
  });

  it('a missing input fails the stage without a container; a cancelled run cancels a stage waiting for resources', async () => {
    const s = await setup((img) => `stages:\n  a:\n    image: ${img}\n    cmd: [cat, in/x]\n    inputs: [in/x]\n`);
    const { record, ex } = s.executor();
    expect(await ex.run(s.p.stages[0]!)).toBe('failed');
    expect(getRun(s.ws.db, record.id).stages[0]).toMatchObject({ status: 'failed', error: 'input in/x is missing', logPath: null });
    const ctrl = new AbortController();
    ctrl.abort();
    const c = s.executor(ctrl.signal);
    const gpuStage = { ...s.p.stages[0]!, inputs: [], gpus: 1 };
    expect(await c.ex.run(gpuStage)).toBe('cancelled');
    expect(existsSync(join(s.ws.root, '.kiln', 'runs', c.record.id, 'a.log'))).toBe(false);
  });
});
