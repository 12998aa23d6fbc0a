import type { Migration } from './index.js';

/**
 * Metric points are stored in blocks, not one row per point: each block holds up to 4096 points
 * of one series (run, stage, metric) as three Float64Array blobs (steps, values, wall times in
 * Unix ms), in the order they were written. The small columns come first so range queries over
 * a series' blocks (by step or time) never touch the blob pages. A summary per run and metric
 * (finite values only; NaN/±Inf counted) is kept up to date for sorting and filtering runs.
 */
export const m004Metrics: Migration = {
  version: 4,
  name: 'metrics',
  up(db) {
    db.exec(`
      CREATE TABLE metric_series (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        metric TEXT NOT NULL,
        UNIQUE (run_id, metric, stage)
      );
      CREATE TABLE metric_blocks (
        id INTEGER PRIMARY KEY,
        series_id INTEGER NOT NULL REFERENCES metric_series(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        step_min REAL NOT NULL,
        step_max REAL NOT NULL,
        ts_min REAL NOT NULL,
        ts_max REAL NOT NULL,
        -- 1 when steps (and wall times) never decrease inside the block: reads can skip sorting
        step_sorted INTEGER NOT NULL,
        ts_sorted INTEGER NOT NULL,
        steps BLOB NOT NULL,
        vals BLOB NOT NULL,
        ts BLOB NOT NULL
      );
      CREATE INDEX metric_blocks_series ON metric_blocks(series_id);
      CREATE TABLE metric_summaries (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        last REAL,
        last_step REAL,
        min REAL,
        max REAL,
        count INTEGER NOT NULL DEFAULT 0,
        nan_count INTEGER NOT NULL DEFAULT 0,
        inf_count INTEGER NOT NULL DEFAULT 0,
        min_step REAL,
        max_step REAL,
        first_ts REAL,
        last_ts REAL,
        PRIMARY KEY (run_id, metric)
      );
      CREATE INDEX metric_summaries_metric ON metric_summaries(metric);
    `);
  },
};
