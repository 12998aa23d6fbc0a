import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { KilnError, type RunResult, type RunStatus, type StageResult, type StageState } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import type { KeyParts } from './cache-key.js';

interface StageRow {
  run_id: string;
  stage: string;
  status: StageState;
  cache_key: string | null;
  cached: number;
  exit_code: number | null;
  oom_killed: number;
  error: string | null;
  log_path: string | null;
  started_at: number | null;
  ended_at: number | null;
  gpus_json: string;
  metric_points: number;
  malformed_metrics: number;
  key_json: string | null;
}

interface RunRow {
  id: string;
  seq: number;
  status: RunStatus;
  pipeline_digest: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  owner_pid: number | null;
  owner_host: string | null;
}

export interface CacheHit {
  runId: string;
  outputs: { path: string; digest: string; tree: string | null }[];
}

/** The runs, run_stages and run_outputs rows of pipeline runs. */
export class RunStore {
  constructor(private readonly db: SqlDatabase) {}

  createRun(pipelineDigest: string, params: Record<string, unknown>, stages: string[]): { id: string; seq: number; startedAt: number } {
    const now = Date.now();
    const id = `run-${now.toString(36)}-${randomBytes(3).toString('hex')}`;
    return this.db.transaction(() => {
      const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM runs').get<{ n: number }>()!).n;
      this.db
        .prepare(`INSERT INTO runs (id, seq, kind, name, status, pipeline_digest, params_json, created_at, started_at, owner_pid, owner_host) VALUES (?, ?, 'pipeline', ?, 'running', ?, ?, ?, ?, ?, ?)`)
        .run(id, seq, `run #${seq}`, pipelineDigest, JSON.stringify(params), now, now, process.pid, hostname());
      const ins = this.db.prepare(`INSERT INTO run_stages (run_id, stage, status, position) VALUES (?, ?, 'queued', ?)`);
      stages.forEach((s, i) => ins.run(id, s, i));
      return { id, seq, startedAt: now };
    });
  }

  finishRun(id: string, status: RunStatus, error: string | null): void {
    this.db.prepare('UPDATE runs SET status = ?, error = ?, ended_at = ? WHERE id = ?').run(status, error, Date.now(), id);
  }

  saveStage(runId: string, r: StageResult, key: KeyParts | null): void {
    this.db
      .prepare(
        `UPDATE run_stages SET status = ?, cache_key = ?, cached = ?, exit_code = ?, oom_killed = ?, error = ?, log_path = ?, started_at = ?, ended_at = ?,
         gpus_json = ?, metric_points = ?, malformed_metrics = ?, key_json = COALESCE(?, key_json) WHERE run_id = ? AND stage = ?`,
      )
      .run(r.state, r.cacheKey, r.cached ? 1 : 0, r.exitCode, r.oomKilled ? 1 : 0, r.error, r.logPath, r.startedAt, r.endedAt,
        JSON.stringify(r.gpus), r.metricPoints, r.malformedMetricLines, key ? JSON.stringify(key) : null, runId, r.stage);
  }

  setContainer(runId: string, stage: string, containerId: string, imageId: string): void {
    this.db.prepare('UPDATE run_stages SET container_id = ?, image_id = ? WHERE run_id = ? AND stage = ?').run(containerId, imageId, runId, stage);
  }

  /** The dataset versions a run reads, for the runs view (and so gc keeps them while the run exists). */
  saveInputs(runId: string, inputs: { stage: string; name: string; dataset: string; version: number; digest: string }[]): void {
    const ins = this.db.prepare(`INSERT INTO run_datasets (run_id, stage, role, name, dataset, version, digest) VALUES (?, ?, 'input', ?, ?, ?, ?)`);
    this.db.transaction(() => {
      for (const i of inputs) ins.run(runId, i.stage, i.name, i.dataset, i.version, i.digest);
    });
  }

  saveOutputs(runId: string, stage: string, outputs: { path: string; digest: string; tree: string | null }[]): void {
    const ins = this.db.prepare('INSERT OR REPLACE INTO run_outputs (run_id, stage, path, digest, tree) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const o of outputs) ins.run(runId, stage, o.path, o.digest, o.tree);
    });
  }

  /** The latest successful execution (or cache restore) of a stage with this key. */
  findHit(stage: string, cacheKey: string): CacheHit | null {
    const row = this.db
      .prepare(`SELECT s.run_id FROM run_stages s JOIN runs r ON r.id = s.run_id WHERE s.cache_key = ? AND s.stage = ? AND s.status IN ('done', 'cached') ORDER BY s.ended_at DESC LIMIT 1`)
      .get<{ run_id: string }>(cacheKey, stage);
    if (!row) return null;
    return { runId: row.run_id, outputs: this.outputs(row.run_id, stage) };
  }

  outputs(runId: string, stage: string): { path: string; digest: string; tree: string | null }[] {
    return this.db.prepare('SELECT path, digest, tree FROM run_outputs WHERE run_id = ? AND stage = ? ORDER BY path').all(runId, stage);
  }

  /** The latest row of a stage that succeeded (for staleness), and its latest row of any state. */
  lastOfStage(stage: string): { ok: (StageRow & { run_id: string }) | null; any: StageRow | null } {
    const ok = this.db
      .prepare(`SELECT s.* FROM run_stages s WHERE s.stage = ? AND s.status IN ('done', 'cached') AND s.key_json IS NOT NULL ORDER BY s.ended_at DESC LIMIT 1`)
      .get<StageRow>(stage) ?? null;
    const any = this.db
      .prepare(`SELECT s.* FROM run_stages s JOIN runs r ON r.id = s.run_id WHERE s.stage = ? AND r.kind = 'pipeline' ORDER BY r.seq DESC LIMIT 1`)
      .get<StageRow>(stage) ?? null;
    return { ok, any };
  }

  /** A run id, its seq number, `#seq` or `latest`. */
  resolveRunId(ref: string): string {
    const r = ref.replace(/^#/, '');
    const row =
      r === 'latest'
        ? this.db.prepare(`SELECT id FROM runs WHERE kind = 'pipeline' ORDER BY seq DESC LIMIT 1`).get<{ id: string }>()
        : /^\d+$/.test(r)
          ? this.db.prepare('SELECT id FROM runs WHERE seq = ?').get<{ id: string }>(Number(r))
          : this.db.prepare('SELECT id FROM runs WHERE id = ? OR id LIKE ?').get<{ id: string }>(r, `${r}%`);
    if (!row) throw new KilnError('RUN_NOT_FOUND', `no run "${ref}" in this workspace: kiln runs ls lists them`);
    return row.id;
  }

  get(runId: string): RunResult {
    const run = this.db.prepare('SELECT * FROM runs WHERE id = ?').get<RunRow>(runId);
    if (!run) throw new KilnError('RUN_NOT_FOUND', `no run ${runId} in this workspace`);
    const stages = this.db.prepare('SELECT * FROM run_stages WHERE run_id = ? ORDER BY position').all<StageRow>(runId);
    return {
      runId: run.id,
      seq: run.seq,
      status: run.status,
      pipelineDigest: run.pipeline_digest ?? '',
      error: run.error,
      startedAt: run.started_at ?? run.created_at,
      endedAt: run.ended_at,
      dryRun: false,
      stages: stages.map((s) => ({
        stage: s.stage,
        state: s.status,
        cached: s.cached === 1,
        cacheKey: s.cache_key,
        exitCode: s.exit_code,
        oomKilled: s.oom_killed === 1,
        error: s.error,
        logPath: s.log_path,
        startedAt: s.started_at,
        endedAt: s.ended_at,
        gpus: JSON.parse(s.gpus_json) as string[],
        outputs: Object.fromEntries(this.outputs(run.id, s.stage).map((o) => [o.path, o.tree ?? o.digest])),
        metricPoints: s.metric_points,
        malformedMetricLines: s.malformed_metrics,
      })),
    };
  }

  /** Runs still marked running. */
  running(): RunRow[] {
    return this.db.prepare(`SELECT * FROM runs WHERE status = 'running' AND kind = 'pipeline'`).all<RunRow>();
  }

  /** Marks a run left behind by a dead process: unfinished stages become interrupted/not run. */
  markInterrupted(runId: string, why: string): void {
    this.db.transaction(() => {
      this.db.prepare(`UPDATE run_stages SET status = 'failed', error = ?, ended_at = COALESCE(ended_at, ?) WHERE run_id = ? AND status = 'running'`).run(why, Date.now(), runId);
      this.db.prepare(`UPDATE run_stages SET status = 'not_run' WHERE run_id = ? AND status = 'queued'`).run(runId);
      this.db.prepare(`UPDATE runs SET status = 'interrupted', error = ?, ended_at = ? WHERE id = ? AND status = 'running'`).run(why, Date.now(), runId);
    });
  }
}
