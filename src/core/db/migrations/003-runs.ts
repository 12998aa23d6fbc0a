import type { Migration } from './index.js';

/**
 * Runs are shared by pipelines (which create them) and metrics (which hang points and summaries
 * off them, and import runs logged elsewhere). Times are Unix milliseconds.
 */
export const m003Runs: Migration = {
  version: 3,
  name: 'runs',
  up(db) {
    db.exec(`
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('pipeline', 'import')),
        name TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        pipeline_digest TEXT,
        params_json TEXT NOT NULL DEFAULT '{}',
        tags_json TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        error TEXT,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER
      );
      CREATE INDEX runs_created ON runs(created_at);
      CREATE TABLE run_stages (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        status TEXT NOT NULL,
        cache_key TEXT,
        cached INTEGER NOT NULL DEFAULT 0,
        image_id TEXT,
        container_id TEXT,
        exit_code INTEGER,
        oom_killed INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        log_path TEXT,
        started_at INTEGER,
        ended_at INTEGER,
        PRIMARY KEY (run_id, stage)
      );
      CREATE TABLE run_datasets (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('input', 'output')),
        name TEXT NOT NULL,
        dataset TEXT NOT NULL,
        version INTEGER NOT NULL,
        digest TEXT NOT NULL
      );
      CREATE INDEX run_datasets_run ON run_datasets(run_id);
    `);
  },
};
