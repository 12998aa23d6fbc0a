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
        ended_at INTEGER,
        -- pipelines: the process that runs it, so a later start can tell a live run from a crashed one
        owner_pid INTEGER,
        owner_host TEXT
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
        -- pipelines: what the cache key was made of (JSON), for "why is this stage stale"
        key_json TEXT,
        gpus_json TEXT NOT NULL DEFAULT '[]',
        metric_points INTEGER NOT NULL DEFAULT 0,
        malformed_metrics INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, stage)
      );
      CREATE INDEX run_stages_key ON run_stages(cache_key);
      -- a stage's outputs: workspace path, Kiln's digest of the folder, and the stored tree (null when the store was unavailable)
      CREATE TABLE run_outputs (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        path TEXT NOT NULL,
        digest TEXT NOT NULL,
        tree TEXT,
        PRIMARY KEY (run_id, stage, path)
      );
      -- stat cache for hashing workspace files (inputs, code, outputs): unchanged files are not re-read
      CREATE TABLE pipeline_file_hashes (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns TEXT NOT NULL,
        ino INTEGER NOT NULL,
        sha256 TEXT NOT NULL
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
