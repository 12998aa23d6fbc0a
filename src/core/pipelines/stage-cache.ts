import type { SqlDatabase } from '../db/sql.js';
import type { StageRow } from '../runs/run-stage-row.js';
import type { StoredOutput } from '../runs/run-record.js';

export interface CacheHit {
  runId: string;
  outputs: StoredOutput[];
}

/** What earlier runs say about a stage: the cache (identical key succeeded before) and its last results, for staleness. */
export class StageCache {
  constructor(private readonly db: SqlDatabase) {}

  /** The latest successful execution (or cache restore) of a stage with this key. */
  findHit(stage: string, cacheKey: string): CacheHit | null {
    const row = this.db
      .prepare(`SELECT s.run_id FROM run_stages s WHERE s.cache_key = ? AND s.stage = ? AND s.status IN ('done', 'cached') ORDER BY s.ended_at DESC LIMIT 1`)
      .get<{ run_id: string }>(cacheKey, stage);
    if (!row) return null;
    return {
      runId: row.run_id,
      outputs: this.db.prepare('SELECT path, digest, tree FROM run_outputs WHERE run_id = ? AND stage = ? ORDER BY path').all<StoredOutput>(row.run_id, stage),
    };
  }

  /** The latest row of a stage that succeeded (its key parts explain staleness), and its latest row in any state. */
  lastOfStage(stage: string): { ok: StageRow | null; any: StageRow | null } {
    const ok =
      this.db
        .prepare(
          `SELECT s.* FROM run_stages s WHERE s.stage = ? AND s.status IN ('done', 'cached') AND s.key_json IS NOT NULL ORDER BY s.ended_at DESC LIMIT 1`,
        )
        .get<StageRow>(stage) ?? null;
    const any =
      this.db
        .prepare(`SELECT s.* FROM run_stages s JOIN runs r ON r.id = s.run_id WHERE s.stage = ? AND r.kind = 'pipeline' ORDER BY r.seq DESC LIMIT 1`)
        .get<StageRow>(stage) ?? null;
    return { ok, any };
  }
}
