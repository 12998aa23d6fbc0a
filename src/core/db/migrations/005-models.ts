import type { Migration } from './index.js';

/**
 * The model registry. A version's artifact is a dataset-style manifest in the content store
 * (`manifest`, also its digest); lineage is a row of its own so a version without a run has none.
 * `alias_events` is the append-only audit log of alias moves (triggers refuse UPDATE and DELETE);
 * `model_aliases` is only its latest state, kept in the same transaction, for fast reads.
 */
export const m005Models: Migration = {
  version: 5,
  name: 'models',
  up(db) {
    db.exec(`
      CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE model_versions (
        model_id INTEGER NOT NULL REFERENCES models(id),
        version INTEGER NOT NULL,
        manifest TEXT NOT NULL,
        format TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        files INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL DEFAULT '',
        signature_json TEXT,
        unsafe INTEGER NOT NULL DEFAULT 0,
        warnings_json TEXT NOT NULL DEFAULT '[]',
        card TEXT NOT NULL DEFAULT '',
        -- the run's metric summaries at registration
        metrics_json TEXT NOT NULL DEFAULT '{}',
        -- the last evaluation report (EvalReport JSON)
        report_json TEXT,
        PRIMARY KEY (model_id, version)
      );
      CREATE INDEX model_versions_manifest ON model_versions(manifest);
      CREATE TABLE model_lineage (
        model_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        run_id TEXT,
        run_seq INTEGER,
        stage TEXT,
        output TEXT,
        image_id TEXT,
        params_json TEXT NOT NULL DEFAULT '{}',
        code_digest TEXT,
        datasets_json TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (model_id, version),
        FOREIGN KEY (model_id, version) REFERENCES model_versions(model_id, version)
      );
      CREATE TABLE model_aliases (
        model_id INTEGER NOT NULL REFERENCES models(id),
        alias TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (model_id, alias)
      );
      CREATE TABLE alias_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        model_id INTEGER NOT NULL REFERENCES models(id),
        alias TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('promote', 'rollback')),
        from_version INTEGER,
        to_version INTEGER NOT NULL,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        report_json TEXT
      );
      CREATE INDEX alias_events_model ON alias_events(model_id, alias, id);
      CREATE TRIGGER alias_events_no_update BEFORE UPDATE ON alias_events
        BEGIN SELECT RAISE(ABORT, 'alias_events is append-only'); END;
      CREATE TRIGGER alias_events_no_delete BEFORE DELETE ON alias_events
        BEGIN SELECT RAISE(ABORT, 'alias_events is append-only'); END;
    `);
  },
};
