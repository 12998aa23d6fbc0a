import { mkdir, rm } from 'node:fs/promises';
import { materializeInput } from './input-cache.js';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { KilnError, type LocalImagePolicy, type PipelineView, type RunResult, type RunStatus, type StageResult, type StageSpec, type StageState } from '../../shared/contract/index.js';
import type { EventBus } from '../event-bus.js';
import type { Workspace } from '../workspace/workspace.js';
import type { DatasetApi, VersionRef } from '../datasets/dataset-api.js';
import type { MetricsSink } from '../metrics/metrics-api.js';
import type { GpuScheduler } from '../gpu/gpu-scheduler.js';
import type { Job } from '../jobs/job-registry.js';
import { ImageResolver } from './image-resolver.js';
import { TreeHasher } from './tree-digest.js';
import { RunStore } from './run-store.js';
import { cacheKey, keyParts, type KeyParts } from './cache-key.js';
import { codeSkipper, inputDigests } from './stage-inputs.js';
import { containerOptions } from './container-spec.js';
import { executeStage } from './stage-executor.js';
import { LogSink } from './log-sink.js';
import { MetricsTail } from './metrics-tail.js';
import { ResourcePool } from './resource-pool.js';
import { digestOutputs, restoreOutputs, storeTrees } from './stage-outputs.js';
import { appendFile } from 'node:fs/promises';
import { workspaceId } from './workspace-id.js';

export interface RunnerDeps {
  bus: EventBus;
  ws: Workspace;
  docker: Docker;
  datasets: DatasetApi;
  metrics: () => MetricsSink;
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
  jobId: string;
  job: Job;
  localImage: LocalImagePolicy;
  env: NodeJS.ProcessEnv;
}

const blank = (stage: string): StageResult => ({
  stage, state: 'queued', cached: false, cacheKey: null, exitCode: null, oomKilled: false, error: null, logPath: null,
  startedAt: null, endedAt: null, gpus: [], outputs: {}, metricPoints: 0, malformedMetricLines: 0,
});

/**
 * One pipeline run: images first (a missing one fails the run before any container starts),
 * then each stage as soon as its upstream is done: cache key → restore from an identical
 * earlier run, or a container within the machine's CPUs, memory and GPUs.
 */
export async function runPipeline(d: RunnerDeps, r: RunRequest, onRunId: (runId: string, abort: AbortController) => void): Promise<RunResult> {
  const { ws, bus, docker } = d;
  const p = r.pipeline;
  const store = new RunStore(ws.db);
  const hasher = new TreeHasher(ws.db, ws.root);
  const spec = (n: string) => p.stages.find((s) => s.name === n)!;
  const params = Object.fromEntries(r.stages.flatMap((n) => Object.entries(spec(n).params).map(([k, v]) => [`${n}.${k}`, v])));
  const run = store.createRun(p.digest, params, r.stages);
  store.saveInputs(run.id, r.stages.flatMap((n) => spec(n).inputs.flatMap((inp) => {
    const v = inp.kind === 'dataset' ? r.versions.get(inp.raw) : undefined;
    return v ? [{ stage: n, name: inp.raw, dataset: v.dataset, version: v.version, digest: v.digest }] : [];
  })));
  const abort = new AbortController();
  r.job.signal.addEventListener('abort', () => abort.abort(), { once: true });
  onRunId(run.id, abort);
  const results = new Map(r.stages.map((n) => [n, blank(n)]));
  const runDir = ws.path('runs', run.id);
  await mkdir(runDir, { recursive: true });
  let runError: string | null = null;
  let engineLost = false;
  let storing: Promise<void> = Promise.resolve();

  const status = (s: RunStatus, endedAt: number | null) =>
    bus.emit('runs:status', { runId: run.id, seq: run.seq, jobId: r.jobId, status: s, stages: [...results.values()].map((x) => ({ stage: x.stage, state: x.state })), error: runError, startedAt: run.startedAt, endedAt });
  const update = (name: string, patch: Partial<StageResult>, key: KeyParts | null = null) => {
    const next = { ...results.get(name)!, ...patch };
    results.set(name, next);
    store.saveStage(run.id, next, key);
    bus.emit('runs:stage', { ...next, runId: run.id });
    r.job.progress({ phase: `${[...results.values()].filter((x) => !['queued', 'running'].includes(x.state)).length}/${results.size} stages`, filesDone: [...results.values()].filter((x) => x.state === 'done' || x.state === 'cached').length, filesTotal: results.size, message: `${name}: ${next.state}` });
  };
  status('running', null);

  try {
    // Images before anything runs, so a missing one stops the run with nothing half done.
    const resolver = new ImageResolver(docker, ws.root, workspaceId(ws.root), r.localImage, r.env);
    const images = new Map<string, string>();
    for (const n of r.stages) {
      try {
        images.set(n, (await resolver.resolve(spec(n), (m, notice) => r.job.progress({ phase: 'image', message: m }, notice))).id);
      } catch (e) {
        runError = e instanceof Error ? e.message : String(e);
        update(n, { state: 'failed', error: runError, endedAt: Date.now() });
        for (const o of r.stages) if (o !== n && results.get(o)!.state === 'queued') update(o, { state: 'not_run', error: `not run: the image of stage "${n}" is missing` });
        throw new KilnError('IMAGE_NOT_FOUND', runError);
      }
    }
    const codeTree = await hasher.digest('.', codeSkipper(p));
    const code = codeTree?.digest ?? 'sha256:empty';
    const codeFiles = codeTree && codeTree.files.length <= 5000 ? Object.fromEntries(codeTree.files.map((f) => [f.path, f.sha256])) : undefined;
    let pool: Promise<{ pool: ResourcePool; cpus: number }> | null = null;
    const getPool = () => (pool ??= d.machine().then((m) => ({ pool: new ResourcePool(m.cpus, m.memoryBytes), cpus: m.cpus })));
    const upstream = (n: string) => p.edges.filter((e) => e.to === n && r.stages.includes(e.from)).map((e) => e.from);
    const finished = new Map<string, Promise<StageState>>();

    const runStage = async (n: string): Promise<StageState> => {
      const ups = await Promise.all(upstream(n).map((u) => finished.get(u)!));
      const s = spec(n);
      if (abort.signal.aborted) return (update(n, { state: 'cancelled', error: 'the run was cancelled' }), 'cancelled');
      const bad = upstream(n).find((_, i) => ups[i] !== 'done' && ups[i] !== 'cached');
      if (bad) return (update(n, { state: 'not_run', error: `not run: upstream stage "${bad}" ${results.get(bad)!.state === 'cancelled' ? 'was cancelled' : 'did not succeed'}` }), 'not_run');
      const inputs = await inputDigests(s, r.versions, hasher);
      if ('missing' in inputs) return (update(n, { state: 'failed', error: `input ${inputs.missing} is missing`, endedAt: Date.now() }), 'failed');
      const parts = keyParts(s, images.get(n)!, inputs, code, codeFiles);
      const key = cacheKey(parts);
      if (s.cache && !r.force) {
        const hit = store.findHit(n, key);
        if (hit && (await restoreOutputs(hit.outputs, ws.root, hasher, d.datasets))) {
          store.saveOutputs(run.id, n, hit.outputs);
          const now = Date.now();
          update(n, { state: 'cached', cached: true, cacheKey: key, startedAt: now, endedAt: now, outputs: Object.fromEntries(hit.outputs.map((o) => [o.path, o.tree ?? o.digest])) }, parts);
          return 'cached';
        }
      }
      return execute(s, key, parts);
    };

    const execute = async (s: StageSpec, key: string, parts: KeyParts): Promise<StageState> => {
      const n = s.name;
      let gpuIds: string[] = [];
      let gpus: GpuScheduler | null = null;
      let release: (() => void) | undefined;
      try {
        if (s.gpus !== 0) {
          gpus = await d.gpus();
          gpuIds = await gpus.acquire(`${run.id}/${n}`, s.gpus, abort.signal);
        }
        const { pool: p2, cpus } = await getPool();
        release = await p2.acquire(Math.min(s.cpus ?? 1, cpus), s.memoryBytes ?? 0, abort.signal);
      } catch (e) {
        if (gpus) gpus.release(gpuIds);
        const cancelled = abort.signal.aborted;
        update(n, { state: cancelled ? 'cancelled' : 'failed', error: cancelled ? 'the run was cancelled' : (e as Error).message, endedAt: Date.now() });
        return cancelled ? 'cancelled' : 'failed';
      }
      const logPath = join(runDir, `${n}.log`);
      const log = new LogSink(logPath, run.id, n, (e) => bus.emit('runs:log', e));
      const metricsDir = s.metrics ? join(runDir, `${n}.metrics`) : null;
      let tail: MetricsTail | null = null;
      try {
        update(n, { state: 'running', cacheKey: key, startedAt: Date.now(), logPath, gpus: gpuIds }, parts);
        const outputs = s.outputs.map((o) => ({ path: o, host: join(ws.root, o) }));
        for (const o of outputs) {
          await rm(o.host, { recursive: true, force: true });
          await mkdir(o.host, { recursive: true });
        }
        const datasets: { host: string; name: string }[] = [];
        for (const inp of s.inputs) {
          if (inp.kind !== 'dataset') continue;
          const v = r.versions.get(inp.raw)!;
          const dir = await materializeInput(d.datasets, v.digest, ws.path('cache', 'inputs'), abort.signal);
          datasets.push({ host: dir, name: inp.dataset });
        }
        if (metricsDir) {
          await mkdir(metricsDir, { recursive: true });
          tail = new MetricsTail(join(metricsDir, 'metrics.jsonl'), d.metrics(), run.id, n);
          tail.start();
        }
        const uid = process.getuid?.() ?? 0;
        const create = containerOptions({
          stage: s, imageId: parts.image, runId: run.id, workspaceRoot: ws.root, workspaceId: workspaceId(ws.root),
          outputs, datasets, metricsHostDir: metricsDir, gpuIds, user: uid === 0 ? null : `${uid}:${process.getgid?.() ?? uid}`,
        });
        const out = await executeStage({
          docker, create, log, signal: abort.signal, timeoutSeconds: s.timeoutSeconds, graceMs: d.graceMs,
          onContainer: (id) => store.setContainer(run.id, n, id, parts.image),
        });
        if (out.engineLost) engineLost = true;
        log.system(`kiln: stage ${n} ${out.state}${out.exitCode !== null ? ` (exit code ${out.exitCode})` : ''}${out.error && out.state !== 'done' ? `: ${out.error}` : ''}`);
        if (tail) await tail.stop();
        let stored: Record<string, string> = {};
        if (out.state === 'done') {
          const saved = await digestOutputs(s.outputs, hasher);
          store.saveOutputs(run.id, n, saved);
          stored = Object.fromEntries(saved.map((o) => [o.path, o.digest]));
          // Storing trees is slow and nothing downstream needs it (they read the workspace folder):
          // it runs off the critical path, one stage at a time, and the run ends when it is done.
          storing = storing.then(() =>
            storeTrees(saved, ws.root, d.datasets, (m) => {
              bus.emit('runs:log', { runId: run.id, stage: n, stream: 'system', lines: [m] });
              void appendFile(logPath, `${m}\n`).catch(() => undefined);
            }).then((full) => store.saveOutputs(run.id, n, full)),
          );
        }
        update(n, {
          state: out.state, exitCode: out.exitCode, oomKilled: out.oomKilled, error: out.error, endedAt: Date.now(), outputs: stored,
          metricPoints: tail?.points ?? 0, malformedMetricLines: tail?.malformed ?? 0,
        }, parts);
        return out.state;
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        log.system(`kiln: stage ${n} failed: ${msg}`);
        if (tail) await tail.stop().catch(() => undefined);
        update(n, { state: abort.signal.aborted ? 'cancelled' : 'failed', error: msg, endedAt: Date.now() });
        return abort.signal.aborted ? 'cancelled' : 'failed';
      } finally {
        await log.close().catch(() => undefined);
        release?.();
        if (gpus) gpus.release(gpuIds);
      }
    };

    for (const n of r.stages) finished.set(n, runStage(n));
    await Promise.all(finished.values());
    await storing;
  } catch (e) {
    runError ??= e instanceof Error ? e.message : String(e);
  }
  const states = [...results.values()];
  const failed = states.find((x) => x.state === 'failed');
  const final: RunStatus = abort.signal.aborted ? 'cancelled' : failed || runError ? 'failed' : 'done';
  if (failed && !runError) runError = `stage ${failed.stage} failed: ${failed.error ?? 'unknown error'}`;
  if (engineLost) runError = `the Docker engine went away during the run: ${failed?.error ?? ''}`.trim();
  store.finishRun(run.id, final, runError);
  const result = store.get(run.id);
  status(final, result.endedAt);
  return result;
}
