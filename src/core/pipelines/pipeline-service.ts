import type Docker from 'dockerode';
import {
  KilnError,
  type OpParsed,
  type ImageCheck,
  type SpecIssue,
  type SpecText,
  type PipelineGetResult,
  type PipelineLogs,
  type RunDetail,
  type StagePlan,
  type StageStaleness,
} from '../../shared/contract/index.js';
import type { ServiceContext } from '../service-context.js';
import type { Workspace } from '../workspace/workspace.js';
import { getDatasetApi } from '../datasets/get-dataset-api.js';
import type { MetricsSink } from '../metrics/metrics-api.js';
import { resolveRunId } from '../runs/resolve-run.js';
import { getRun } from '../runs/get-run.js';
import { listGpus } from '../gpu/list-gpus.js';
import { GpuScheduler } from '../gpu/gpu-scheduler.js';
import { GpuMonitor } from '../gpu/gpu-monitor.js';
import { gpuUnsupportedReason } from '../gpu/gpu-support.js';
import { loadPipeline, readPipeline } from './load-pipeline.js';
import { selectStages } from './select-stages.js';
import { checkContained, checkInputs } from './stage-inputs.js';
import { TreeHasher } from './tree-digest.js';
import { runPipeline } from './run-pipeline.js';
import { registerRunModels } from '../models/register-run-models.js';
import { computeStaleness } from './staleness.js';
import { readLogLines } from './read-logs.js';
import { recoverContainers } from './recover-containers.js';
import { planStages } from './plan-stages.js';
import { checkImages } from './check-images.js';
import { SpecWatcher } from './spec-watcher.js';
import { checkSpecText, readSpecText, specSchema, writeSpecText } from './spec-file.js';

const DEFAULT_GRACE_MS = 10_000;

/** Owns the runs in flight of one core: start, cancel, GPUs, and clean-up after a crash. */
export class PipelineService {
  private readonly active = new Map<string, AbortController>();
  private gpuScheduler: Promise<GpuScheduler> | null = null;
  private scheduler: GpuScheduler | null = null;
  private readonly monitor: GpuMonitor;
  private readonly background = new Set<Promise<void>>();
  private readonly specWatcher: SpecWatcher;

  /** `metricsSink`: where a stage's `$KILN_METRICS` points go (the metrics domain's writer, emitting on this core's bus). */
  constructor(
    private readonly ctx: ServiceContext,
    private readonly metricsSink: (ws: Workspace) => MetricsSink,
  ) {
    this.specWatcher = new SpecWatcher(ctx.bus);
    this.monitor = new GpuMonitor(
      ctx.options.env ?? process.env,
      (e) => ctx.bus.emit('gpus:stats', e),
      () => this.scheduler?.holders() ?? {},
    );
    ctx.workspaces.onOpen((ws) => this.recover(ws));
    // only hosts with a UI follow kiln.yaml; a CLI command reads it once
    if (ctx.options.host !== 'cli') {
      ctx.workspaces.onOpen((ws) => this.specWatcher.start(ws));
      ctx.workspaces.onClose(() => this.specWatcher.stop());
    }
  }

  async get(status: boolean): Promise<PipelineGetResult> {
    const ws = this.ctx.workspaces.get();
    const r = await readPipeline(ws);
    if (!status || !r.pipeline) return { ...r, staleness: null };
    return { ...r, staleness: await this.staleness(ws, r.pipeline.order) };
  }

  async status(stages: string[] | undefined): Promise<StageStaleness[]> {
    const ws = this.ctx.workspaces.get();
    const p = await loadPipeline(ws);
    return this.staleness(ws, selectStages(p, stages));
  }

  private async staleness(ws: Workspace, stages: string[]): Promise<StageStaleness[]> {
    const p = await loadPipeline(ws);
    const docker = await this.ctx.engine.require().catch(() => null);
    return computeStaleness(ws, p, stages, docker, getDatasetApi(ws), this.ctx.options.env ?? process.env);
  }

  specRead(): Promise<SpecText> {
    return readSpecText(this.ctx.workspaces.get());
  }

  specCheck(text: string): SpecIssue[] {
    return checkSpecText(text);
  }

  async specWrite(text: string): Promise<PipelineGetResult> {
    const ws = this.ctx.workspaces.get();
    writeSpecText(ws, text);
    this.ctx.bus.emit('pipelines:changed', { file: 'kiln.yaml' });
    return { ...(await readPipeline(ws)), staleness: null };
  }

  specSchema(): Record<string, unknown> {
    return specSchema();
  }

  async images(): Promise<ImageCheck[]> {
    const p = await loadPipeline(this.ctx.workspaces.get());
    return checkImages(p, await this.ctx.engine.require().catch(() => null), this.ctx.options.env ?? process.env);
  }

  /** Checks done before a run starts anything: inputs resolve, GPUs exist when asked for, the engine answers. */
  private async prepare(stageNames: string[] | undefined) {
    const ws = this.ctx.workspaces.get();
    const p = await loadPipeline(ws);
    const stages = selectStages(p, stageNames);
    const datasets = getDatasetApi(ws);
    checkContained(p, stages, ws.root);
    const versions = await checkInputs(p, stages, datasets, new TreeHasher(ws.db, ws.root));
    const gpuStages = stages.filter((n) => p.stages.find((s) => s.name === n)!.gpus !== 0);
    if (gpuStages.length) await this.checkGpus(gpuStages);
    const docker = await this.ctx.engine.require();
    return { ws, p, stages, datasets, versions, gpuStages, docker };
  }

  async plan(input: OpParsed<'pipelines:plan'>): Promise<StagePlan[]> {
    const { ws, p, stages, datasets, docker } = await this.prepare(input.stages);
    return planStages(await computeStaleness(ws, p, stages, docker, datasets, this.ctx.options.env ?? process.env), input.force);
  }

  run(input: OpParsed<'pipelines:run'>): Promise<RunDetail> {
    return this.ctx.jobs.run('pipelines:run', 'Pipeline run', input.jobId, async (job) => {
      const { ws, p, stages, datasets, versions, gpuStages, docker } = await this.prepare(input.stages);
      if (gpuStages.length) this.monitor.start();
      try {
        const result = await runPipeline(
          {
            bus: this.ctx.bus,
            ws,
            docker,
            datasets,
            metrics: this.metricsSink(ws),
            gpus: () => this.gpus(),
            machine: () => machine(docker),
            graceMs: Number(this.ctx.options.env?.KILN_STOP_GRACE_MS ?? DEFAULT_GRACE_MS),
          },
          { pipeline: p, stages, force: input.force, versions, job, localImage: input.localImage, env: this.ctx.options.env ?? process.env },
          (runId, abort) => this.active.set(runId, abort),
        );
        // kiln.yaml models with `output:` become new versions from what this run produced
        await registerRunModels(ws, this.ctx.bus, result.id);
        return result;
      } finally {
        if (gpuStages.length) this.monitor.stop();
        for (const [id, a] of this.active) if (a.signal.aborted || !this.isRunning(ws, id)) this.active.delete(id);
      }
    });
  }

  cancel(runId: string): { cancelled: boolean } {
    const id = resolveRunId(this.ctx.workspaces.get().db, runId, { kind: 'pipeline' });
    const a = this.active.get(id);
    if (!a) return { cancelled: false };
    a.abort();
    return { cancelled: true };
  }

  async logs(input: OpParsed<'pipelines:logs'>): Promise<PipelineLogs> {
    const db = this.ctx.workspaces.get().db;
    const run = getRun(db, resolveRunId(db, input.runId, { kind: 'pipeline' }));
    const st = run.stages.find((s) => s.stage === input.stage);
    if (!st) throw new KilnError('NOT_FOUND', `run #${run.seq} has no stage "${input.stage}" (stages: ${run.stages.map((s) => s.stage).join(', ')})`);
    if (!st.logPath) throw new KilnError('NOT_FOUND', `stage ${input.stage} of run #${run.seq} has no log: it was ${st.status.replace('_', ' ')}`);
    return readLogLines(st.logPath, run.id, input.stage, input.offset, input.limit);
  }

  private isRunning(ws: Workspace, runId: string): boolean {
    return ws.db.prepare(`SELECT 1 FROM runs WHERE id = ? AND status = 'running'`).get(runId) !== undefined;
  }

  private async checkGpus(stages: string[]): Promise<void> {
    const [gpus, info] = await Promise.all([listGpus(this.ctx.options.env), this.ctx.engine.info()]);
    const why = gpuUnsupportedReason(gpus, info);
    if (why)
      throw new KilnError(
        'GPU_UNAVAILABLE',
        `stage${stages.length > 1 ? 's' : ''} ${stages.join(', ')} ask${stages.length > 1 ? '' : 's'} for GPUs, but ${why}`,
      );
  }

  private gpus(): Promise<GpuScheduler> {
    this.gpuScheduler ??= listGpus(this.ctx.options.env).then((l) => (this.scheduler = new GpuScheduler(l.gpus.map((g) => g.uuid))));
    return this.gpuScheduler;
  }

  private async recover(ws: Workspace): Promise<void> {
    const docker = await this.ctx.engine.require().catch(() => null);
    if (!docker) return;
    await recoverContainers(docker, ws, (p) => {
      this.background.add(p);
      void p.finally(() => this.background.delete(p));
    }).catch(() => undefined);
  }
}

async function machine(docker: Docker): Promise<{ cpus: number; memoryBytes: number }> {
  const info = (await docker.info()) as { NCPU?: number; MemTotal?: number };
  return { cpus: Math.max(1, Number(info.NCPU ?? 1)), memoryBytes: Number(info.MemTotal ?? 0) };
}
