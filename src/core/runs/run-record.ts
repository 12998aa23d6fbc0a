import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { RunDetail, RunStageInfo, RunStatus, RunStatusEvent, RunStageEvent } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import { getRun } from './get-run.js';

/** Where a record announces itself: the core's bus in the app, a list in a test. */
export interface RunRecordEvents {
  status(e: RunStatusEvent): void;
  stage(e: RunStageEvent): void;
  changed(e: { runIds: string[]; change: 'created' | 'updated' }): void;
}

export interface RunStart {
  pipelineDigest: string;
  /** flattened `stage.param` → value */
  params: Record<string, unknown>;
  /** in pipeline (topological) order */
  stages: string[];
  /** the dataset versions the stages read: lineage, and gc keeps them while the run exists */
  inputs: { stage: string; name: string; dataset: string; version: number; digest: string }[];
  /** the job that runs it, echoed in runs:status so a caller can match its run */
  jobId: string;
}

export interface StoredOutput {
  path: string;
  digest: string;
  tree: string | null;
}

const blank = (stage: string): RunStageInfo => ({
  stage,
  status: 'queued',
  cached: false,
  cacheKey: null,
  imageId: null,
  codeDigest: null,
  exitCode: null,
  oomKilled: false,
  error: null,
  logPath: null,
  startedAt: null,
  endedAt: null,
  durationMs: null,
  gpus: [],
  outputs: {},
  metricPoints: 0,
  malformedMetricLines: 0,
});

/**
 * The record of one pipeline run while it executes: every change of a stage is written to the
 * database and announced (runs:stage), the run's status likewise (runs:status). The executor
 * never writes run tables itself; once finished, the run is answered by getRun like any other.
 */
export class RunRecord {
  private readonly stages: Map<string, RunStageInfo>;
  private error: string | null = null;

  private constructor(
    private readonly db: SqlDatabase,
    private readonly events: RunRecordEvents,
    private readonly jobId: string,
    readonly id: string,
    readonly seq: number,
    readonly startedAt: number,
    names: string[],
  ) {
    this.stages = new Map(names.map((n) => [n, blank(n)]));
  }

  static start(db: SqlDatabase, events: RunRecordEvents, s: RunStart, now = Date.now()): RunRecord {
    const id = `run-${now.toString(36)}-${randomBytes(3).toString('hex')}`;
    const seq = db.transaction(() => {
      const n = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM runs').get<{ n: number }>()!.n;
      db.prepare(
        `INSERT INTO runs (id, seq, kind, name, status, pipeline_digest, params_json, created_at, started_at, owner_pid, owner_host) VALUES (?, ?, 'pipeline', ?, 'running', ?, ?, ?, ?, ?, ?)`,
      ).run(id, n, `run #${n}`, s.pipelineDigest, JSON.stringify(s.params), now, now, process.pid, hostname());
      const stage = db.prepare(`INSERT INTO run_stages (run_id, stage, status, position) VALUES (?, ?, 'queued', ?)`);
      s.stages.forEach((name, i) => stage.run(id, name, i));
      const input = db.prepare(`INSERT INTO run_datasets (run_id, stage, role, name, dataset, version, digest) VALUES (?, ?, 'input', ?, ?, ?, ?)`);
      for (const i of s.inputs) input.run(id, i.stage, i.name, i.dataset, i.version, i.digest);
      return n;
    });
    const rec = new RunRecord(db, events, s.jobId, id, seq, now, s.stages);
    events.changed({ runIds: [id], change: 'created' });
    rec.announce('running', null);
    return rec;
  }

  stage(name: string): RunStageInfo {
    const s = this.stages.get(name);
    if (!s) throw new Error(`stage ${name} is not part of run ${this.id}`);
    return s;
  }

  all(): RunStageInfo[] {
    return [...this.stages.values()];
  }

  /**
   * Changes one stage: written, then announced whole. `key` is what its cache key was made of
   * (kept to explain staleness later); omitted, the stored one stays.
   */
  update(name: string, patch: Partial<Omit<RunStageInfo, 'stage' | 'durationMs'>>, key: object | null = null): RunStageInfo {
    const prev = this.stage(name);
    const next: RunStageInfo = { ...prev, ...patch };
    next.durationMs = next.startedAt !== null && next.endedAt !== null ? next.endedAt - next.startedAt : null;
    this.stages.set(name, next);
    this.db
      .prepare(
        `UPDATE run_stages SET status = ?, cache_key = ?, cached = ?, image_id = COALESCE(?, image_id), exit_code = ?, oom_killed = ?, error = ?, log_path = ?,
         started_at = ?, ended_at = ?, gpus_json = ?, metric_points = ?, malformed_metrics = ?, key_json = COALESCE(?, key_json) WHERE run_id = ? AND stage = ?`,
      )
      .run(
        next.status,
        next.cacheKey,
        next.cached ? 1 : 0,
        next.imageId,
        next.exitCode,
        next.oomKilled ? 1 : 0,
        next.error,
        next.logPath,
        next.startedAt,
        next.endedAt,
        JSON.stringify(next.gpus),
        next.metricPoints,
        next.malformedMetricLines,
        key ? JSON.stringify(key) : null,
        this.id,
        name,
      );
    this.events.stage({ ...next, runId: this.id });
    return next;
  }

  /** The container a stage runs in, so a restarted Kiln can find it by run and stage. */
  setContainer(stage: string, containerId: string, imageId: string): void {
    this.db.prepare('UPDATE run_stages SET container_id = ?, image_id = ? WHERE run_id = ? AND stage = ?').run(containerId, imageId, this.id, stage);
  }

  /** What a stage produced; written again once the trees are stored (tree filled in). */
  saveOutputs(stage: string, outputs: StoredOutput[]): void {
    const ins = this.db.prepare('INSERT OR REPLACE INTO run_outputs (run_id, stage, path, digest, tree) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const o of outputs) ins.run(this.id, stage, o.path, o.digest, o.tree);
    });
  }

  /** Ends the run: status and error written and announced; the run as runs:get answers it. */
  finish(status: RunStatus, error: string | null, now = Date.now()): RunDetail {
    this.error = error;
    this.db.prepare('UPDATE runs SET status = ?, error = ?, ended_at = ? WHERE id = ?').run(status, error, now, this.id);
    this.announce(status, now);
    this.events.changed({ runIds: [this.id], change: 'updated' });
    return getRun(this.db, this.id);
  }

  private announce(status: RunStatus, endedAt: number | null): void {
    this.events.status({
      runId: this.id,
      seq: this.seq,
      jobId: this.jobId,
      status,
      error: this.error,
      startedAt: this.startedAt,
      endedAt,
      stages: this.all().map((s) => ({ stage: s.stage, status: s.status })),
    });
  }
}

/** Pipeline runs still marked running (after a restart: candidates for `markInterrupted`). */
export function runningPipelineRuns(db: SqlDatabase): { id: string; owner_pid: number | null; owner_host: string | null }[] {
  return db.prepare(`SELECT id, owner_pid, owner_host FROM runs WHERE status = 'running' AND kind = 'pipeline'`).all();
}

/** A run left behind by a dead process: running stages failed with `why`, queued ones not run, the run interrupted. */
export function markInterrupted(db: SqlDatabase, runId: string, why: string, now = Date.now()): void {
  db.transaction(() => {
    db.prepare(`UPDATE run_stages SET status = 'failed', error = ?, ended_at = COALESCE(ended_at, ?) WHERE run_id = ? AND status = 'running'`).run(
      why,
      now,
      runId,
    );
    db.prepare(`UPDATE run_stages SET status = 'not_run' WHERE run_id = ? AND status = 'queued'`).run(runId);
    db.prepare(`UPDATE runs SET status = 'interrupted', error = ?, ended_at = ? WHERE id = ? AND status = 'running'`).run(why, now, runId);
  });
}

/** A stage of a run that was running when its Kiln died: failed, with why (and the exit code when its container was found). */
export function failOrphanedStage(
  db: SqlDatabase,
  runId: string,
  stage: string,
  why: string,
  exit: { code: number; oomKilled: boolean } | null = null,
  now = Date.now(),
): void {
  if (exit)
    db.prepare(`UPDATE run_stages SET status = 'failed', exit_code = ?, oom_killed = ?, error = ?, ended_at = ? WHERE run_id = ? AND stage = ?`).run(
      exit.code,
      exit.oomKilled ? 1 : 0,
      why,
      now,
      runId,
      stage,
    );
  else
    db.prepare(`UPDATE run_stages SET status = 'failed', error = ?, ended_at = ? WHERE run_id = ? AND stage = ? AND status = 'running'`).run(
      why,
      now,
      runId,
      stage,
    );
}
