import { appendFile, mkdir, rm } from 'node:fs/promises';
import { containedPath } from '../workspace/contained-path.js';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { RunLogEvent, StageSpec } from '../../shared/contract/index.js';
import type { Workspace } from '../workspace/workspace.js';
import type { DatasetApi, VersionRef } from '../datasets/dataset-api.js';
import type { MetricsSink } from '../metrics/metrics-api.js';
import type { GpuScheduler } from '../gpu/gpu-scheduler.js';
import type { RunRecord } from '../runs/run-record.js';
import type { TreeHasher } from './tree-digest.js';
import type { StageOutcome } from './schedule-stages.js';
import { StageCache } from './stage-cache.js';
import { cacheKey, keyParts, type KeyParts } from './cache-key.js';
import { inputDigests } from './stage-inputs.js';
import { containerOptions } from './container-spec.js';
import { runContainer } from './container-runner.js';
import { LogSink } from './log-sink.js';
import { MetricsTail } from './metrics-tail.js';
import { ResourcePool } from './resource-pool.js';
import { materializeInput } from './input-cache.js';
import { digestOutputs, restoreOutputs, storeTrees } from './stage-outputs.js';
import { workspaceId } from './workspace-id.js';

export interface StageExecutorDeps {
  ws: Workspace;
  docker: Docker;
  datasets: DatasetApi;
  hasher: TreeHasher;
  /** where points from `$KILN_METRICS` go */
  metrics: MetricsSink;
  gpus: () => Promise<GpuScheduler>;
  /** the machine's CPUs and memory; asked only when a stage has to run (a fully cached run never asks) */
  machine: () => Promise<{ cpus: number; memoryBytes: number }>;
  /** TERM, then KILL after this long */
  graceMs: number;
  log: (e: RunLogEvent) => void;
}

export interface StageRunContext {
  record: RunRecord;
  /** image id per stage, resolved before anything ran */
  images: Map<string, string>;
  /** digest (and, when small, per-file digests) of the workspace code the containers mount */
  code: { digest: string; files?: Record<string, string> };
  versions: Map<string, VersionRef>;
  force: boolean;
  signal: AbortSignal;
}

/**
 * Takes one stage of a run from queued to its end: cache key → outputs restored from an
 * identical earlier run, or a container within the machine's CPUs, memory and GPUs, with live
 * logs and metrics; outputs digested, then stored in the background (`settled`). Every change
 * goes through the run record; errors end the stage as failed, never the run.
 */
export class StageExecutor {
  private storing: Promise<void> = Promise.resolve();
  private pool: Promise<{ pool: ResourcePool; cpus: number }> | null = null;
  private readonly cache: StageCache;
  /** the engine stopped answering during some stage: containers may be left for recovery */
  engineLost = false;

  constructor(
    private readonly d: StageExecutorDeps,
    private readonly r: StageRunContext,
  ) {
    this.cache = new StageCache(d.ws.db);
  }

  /** Resolves when every output tree queued so far is stored. */
  settled(): Promise<void> {
    return this.storing;
  }

  async run(s: StageSpec): Promise<StageOutcome> {
    const { record } = this.r;
    const n = s.name;
    const inputs = await inputDigests(s, this.r.versions, this.d.hasher);
    if ('missing' in inputs) return this.end(n, 'failed', `input ${inputs.missing} is missing`);
    const parts = keyParts(s, this.r.images.get(n)!, inputs, this.r.code.digest, this.r.code.files);
    const key = cacheKey(parts);
    if (s.cache && !this.r.force) {
      const hit = this.cache.findHit(n, key);
      if (hit && (await restoreOutputs(hit.outputs, this.d.ws.root, this.d.hasher, this.d.datasets))) {
        record.saveOutputs(n, hit.outputs);
        const now = Date.now();
        const outputs = Object.fromEntries(hit.outputs.map((o) => [o.path, o.tree ?? o.digest]));
        record.update(
          n,
          { status: 'cached', cached: true, cacheKey: key, imageId: parts.image, codeDigest: parts.code, startedAt: now, endedAt: now, outputs },
          parts,
        );
        return 'cached';
      }
    }
    return this.execute(s, key, parts);
  }

  private end(n: string, status: 'failed' | 'cancelled', error: string): StageOutcome {
    this.r.record.update(n, { status, error, endedAt: Date.now() });
    return status;
  }

  private getPool(): Promise<{ pool: ResourcePool; cpus: number }> {
    return (this.pool ??= this.d.machine().then((m) => ({ pool: new ResourcePool(m.cpus, m.memoryBytes), cpus: m.cpus })));
  }

  private async execute(s: StageSpec, key: string, parts: KeyParts): Promise<StageOutcome> {
    const { d } = this;
    const { record, signal } = this.r;
    const n = s.name;
    let gpuIds: string[] = [];
    let gpus: GpuScheduler | null = null;
    let release: (() => void) | undefined;
    try {
      if (s.gpus !== 0) {
        gpus = await d.gpus();
        gpuIds = await gpus.acquire(`${record.id}/${n}`, s.gpus, signal);
      }
      const { pool, cpus } = await this.getPool();
      release = await pool.acquire(Math.min(s.cpus ?? 1, cpus), s.memoryBytes ?? 0, signal);
    } catch (e) {
      if (gpus) gpus.release(gpuIds);
      return signal.aborted ? this.end(n, 'cancelled', 'the run was cancelled') : this.end(n, 'failed', (e as Error).message);
    }
    let runDir: string;
    try {
      // .kiln itself could be a committed symlink: the run folder is resolved like any stage path
      runDir = containedPath(d.ws.root, `.kiln/runs/${record.id}`, 'the run folder');
    } catch (e) {
      if (gpus) gpus.release(gpuIds);
      release?.();
      return this.end(n, 'failed', (e as Error).message);
    }
    const logPath = join(runDir, `${n}.log`);
    await mkdir(runDir, { recursive: true });
    const log = new LogSink(logPath, record.id, n, d.log);
    const metricsDir = s.metrics ? join(runDir, `${n}.metrics`) : null;
    let tail: MetricsTail | null = null;
    try {
      record.update(n, { status: 'running', cacheKey: key, imageId: parts.image, codeDigest: parts.code, startedAt: Date.now(), logPath, gpus: gpuIds }, parts);
      // resolved on disk just before the rm and the mount: no symlink (committed, or left by an
      // earlier stage or run) may make Kiln delete or mount a folder outside the workspace
      const outputs = s.outputs.map((o) => ({ path: o, host: containedPath(d.ws.root, o, `output ${o} of stage ${n}`, { links: 'none' }) }));
      for (const o of outputs) {
        await rm(o.host, { recursive: true, force: true });
        await mkdir(o.host, { recursive: true });
      }
      const datasets: { host: string; name: string }[] = [];
      for (const inp of s.inputs) {
        if (inp.kind !== 'dataset') continue;
        const v = this.r.versions.get(inp.raw)!;
        datasets.push({ host: await materializeInput(d.datasets, v.digest, d.ws.path('cache', 'inputs'), signal), name: inp.dataset });
      }
      if (metricsDir) {
        await mkdir(metricsDir, { recursive: true });
        tail = new MetricsTail(join(metricsDir, 'metrics.jsonl'), d.metrics, record.id, n);
        tail.start();
      }
      const uid = process.getuid?.() ?? 0;
      const create = containerOptions({
        stage: s,
        imageId: parts.image,
        runId: record.id,
        workspaceRoot: d.ws.root,
        workspaceId: workspaceId(d.ws.root),
        outputs,
        datasets,
        metricsHostDir: metricsDir,
        gpuIds,
        user: uid === 0 ? null : `${uid}:${process.getgid?.() ?? uid}`,
      });
      const out = await runContainer({
        docker: d.docker,
        create,
        log,
        signal,
        timeoutSeconds: s.timeoutSeconds,
        graceMs: d.graceMs,
        onContainer: (id) => record.setContainer(n, id, parts.image),
      });
      if (out.engineLost) this.engineLost = true;
      log.system(
        `kiln: stage ${n} ${out.state}${out.exitCode !== null ? ` (exit code ${out.exitCode})` : ''}${out.error && out.state !== 'done' ? `: ${out.error}` : ''}`,
      );
      if (tail) await tail.stop();
      let stored: Record<string, string> = {};
      if (out.state === 'done') {
        const saved = await digestOutputs(s.outputs, d.hasher);
        record.saveOutputs(n, saved);
        stored = Object.fromEntries(saved.map((o) => [o.path, o.digest]));
        // Storing trees is slow and nothing downstream needs it (they read the workspace folder):
        // it runs off the critical path, one stage at a time, and the run ends when it is done.
        this.storing = this.storing.then(() =>
          storeTrees(saved, d.ws.root, d.datasets, (m) => {
            d.log({ runId: record.id, stage: n, stream: 'system', lines: [m] });
            void appendFile(logPath, `${m}\n`).catch(() => undefined);
          }).then((full) => record.saveOutputs(n, full)),
        );
      }
      record.update(
        n,
        {
          status: out.state,
          exitCode: out.exitCode,
          oomKilled: out.oomKilled,
          error: out.error,
          endedAt: Date.now(),
          outputs: stored,
          metricPoints: tail?.points ?? 0,
          malformedMetricLines: tail?.malformed ?? 0,
        },
        parts,
      );
      return out.state;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      log.system(`kiln: stage ${n} failed: ${msg}`);
      if (tail) await tail.stop().catch(() => undefined);
      return signal.aborted ? this.end(n, 'cancelled', msg) : this.end(n, 'failed', msg);
    } finally {
      await log.close().catch(() => undefined);
      release?.();
      if (gpus) gpus.release(gpuIds);
    }
  }
}
