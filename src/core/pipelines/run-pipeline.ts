import type Docker from 'dockerode';
import { KilnError, type LocalImagePolicy, type PipelineView, type RunDetail, type RunStatus } from '../../shared/contract/index.js';
import type { EventBus } from '../event-bus.js';
import type { Workspace } from '../workspace/workspace.js';
import type { DatasetApi, VersionRef } from '../datasets/dataset-api.js';
import type { MetricsSink } from '../metrics/metrics-api.js';
import type { GpuScheduler } from '../gpu/gpu-scheduler.js';
import type { Job } from '../jobs/job-registry.js';
import { RunRecord, type RunRecordEvents } from '../runs/run-record.js';
import { ImageResolver } from './image-resolver.js';
import { TreeHasher } from './tree-digest.js';
import { codeSkipper } from './stage-inputs.js';
import { scheduleStages } from './schedule-stages.js';
import { StageExecutor } from './stage-executor.js';
import { workspaceId } from './workspace-id.js';

export interface RunnerDeps {
  bus: EventBus;
  ws: Workspace;
  docker: Docker;
  datasets: DatasetApi;
  metrics: MetricsSink;
  gpus: () => Promise<GpuScheduler>;
  /** the machine's CPUs and memory; asked only when a stage has to run (a fully cached run never asks) */
  machine: () => Promise<{ cpus: number; memoryBytes: number }>;
  graceMs: number;
}

export interface RunRequest {
  pipeline: PipelineView;
  stages: string[];
  force: boolean;
  versions: Map<string, VersionRef>;
  job: Job;
  localImage: LocalImagePolicy;
  env: NodeJS.ProcessEnv;
}

/**
 * One pipeline run, put together from its three parts: the run record (what is written and
 * announced), the scheduler (which stage may start) and the stage executor (cache or container).
 * Images are resolved first, so a missing one fails the run before any container starts.
 */
export async function runPipeline(d: RunnerDeps, r: RunRequest, onRunId: (runId: string, abort: AbortController) => void): Promise<RunDetail> {
  const { ws, bus, docker } = d;
  const p = r.pipeline;
  const spec = (n: string) => p.stages.find((s) => s.name === n)!;
  const record = RunRecord.start(ws.db, recordEvents(bus, r), {
    pipelineDigest: p.digest,
    params: Object.fromEntries(r.stages.flatMap((n) => Object.entries(spec(n).params).map(([k, v]) => [`${n}.${k}`, v]))),
    stages: r.stages,
    inputs: r.stages.flatMap((n) =>
      spec(n).inputs.flatMap((inp) => {
        const v = inp.kind === 'dataset' ? r.versions.get(inp.raw) : undefined;
        return v ? [{ stage: n, name: inp.raw, dataset: v.dataset, version: v.version, digest: v.digest }] : [];
      }),
    ),
    jobId: r.job.id,
  });
  const abort = new AbortController();
  r.job.signal.addEventListener('abort', () => abort.abort(), { once: true });
  onRunId(record.id, abort);
  let runError: string | null = null;
  let engineLost = false;
  try {
    const images = await resolveImages(d, r, record);
    const hasher = new TreeHasher(ws.db, ws.root);
    const codeTree = await hasher.digest('.', codeSkipper(p));
    const code = {
      digest: codeTree?.digest ?? 'sha256:empty',
      ...(codeTree && codeTree.files.length <= 5000 ? { files: Object.fromEntries(codeTree.files.map((f) => [f.path, f.sha256])) } : {}),
    };
    const executor = new StageExecutor(
      {
        ws,
        docker,
        datasets: d.datasets,
        hasher,
        metrics: d.metrics,
        gpus: d.gpus,
        machine: d.machine,
        graceMs: d.graceMs,
        log: (e) => bus.emit('runs:log', e),
      },
      { record, images, code, versions: r.versions, force: r.force, signal: abort.signal },
    );
    const upstream = (n: string) => p.edges.filter((e) => e.to === n && r.stages.includes(e.from)).map((e) => e.from);
    try {
      await scheduleStages(
        r.stages,
        upstream,
        {
          run: (n) => executor.run(spec(n)),
          skip: (n, status, why) => void record.update(n, { status, error: why }),
        },
        abort.signal,
      );
    } finally {
      engineLost = executor.engineLost;
    }
    await executor.settled();
  } catch (e) {
    runError = e instanceof Error ? e.message : String(e);
  }
  const failed = record.all().find((x) => x.status === 'failed');
  const status: RunStatus = abort.signal.aborted ? 'cancelled' : failed || runError ? 'failed' : 'done';
  if (failed && !runError) runError = `stage ${failed.stage} failed: ${failed.error ?? 'unknown error'}`;
  if (engineLost) runError = `the Docker engine went away during the run: ${failed?.error ?? ''}`.trim();
  return record.finish(status, runError);
}

/** Live events of the record go on the bus; each stage change also moves the job's progress. */
function recordEvents(bus: EventBus, r: RunRequest): RunRecordEvents {
  const statuses = new Map<string, string>();
  return {
    status: (e) => bus.emit('runs:status', e),
    changed: (e) => bus.emit('runs:changed', e),
    stage: (e) => {
      bus.emit('runs:stage', e);
      statuses.set(e.stage, e.status);
      const all = [...statuses.values()];
      const ended = all.filter((s) => s !== 'queued' && s !== 'running').length;
      const ok = all.filter((s) => s === 'done' || s === 'cached').length;
      r.job.progress({ phase: `${ended}/${r.stages.length} stages`, filesDone: ok, filesTotal: r.stages.length, message: `${e.stage}: ${e.status}` });
    },
  };
}

/** Every stage's image, before anything runs; a missing one fails its stage, marks the rest not run and stops the run. */
async function resolveImages(d: RunnerDeps, r: RunRequest, record: RunRecord): Promise<Map<string, string>> {
  const resolver = new ImageResolver(d.docker, d.ws.root, workspaceId(d.ws.root), r.localImage, r.env);
  const images = new Map<string, string>();
  for (const n of r.stages) {
    try {
      images.set(
        n,
        (
          await resolver.resolve(
            r.pipeline.stages.find((s) => s.name === n)!,
            (m, notice) => r.job.progress({ phase: 'image', message: m }, notice),
          )
        ).id,
      );
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      record.update(n, { status: 'failed', error: why, endedAt: Date.now() });
      for (const o of r.stages)
        if (o !== n && record.stage(o).status === 'queued') record.update(o, { status: 'not_run', error: `not run: the image of stage "${n}" is missing` });
      throw new KilnError('IMAGE_NOT_FOUND', why);
    }
  }
  return images;
}
