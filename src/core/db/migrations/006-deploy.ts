import type { Migration } from './index.js';

/**
 * Deploy targets (a Swarm manager or a Kubernetes context, with the registry images go to) and
 * deployments: one row per attempt to serve a model version on a target, never rewritten but for
 * its status, so the history per model and target is the table itself.
 */
export const m006Deploy: Migration = {
  version: 6,
  name: 'deploy',
  up(db) {
    db.exec(`
      CREATE TABLE deploy_targets (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('swarm', 'kubernetes')),
        -- the rest of DeployTarget, as JSON: it grows with the adapters
        config TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE deployments (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        model TEXT NOT NULL,
        version INTEGER NOT NULL,
        target TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('deploy', 'rollback')),
        status TEXT NOT NULL,
        reason TEXT,
        image TEXT,
        service TEXT NOT NULL,
        url TEXT,
        -- replicas, port, gpus, memory, cpus
        options TEXT NOT NULL,
        previous_id TEXT,
        rollback_of TEXT,
        timings TEXT NOT NULL DEFAULT '{}',
        smoke TEXT,
        gate_report TEXT,
        created_at INTEGER NOT NULL,
        ended_at INTEGER
      );
      CREATE INDEX deployments_model_target ON deployments(model, target, seq);
    `);
  },
};
