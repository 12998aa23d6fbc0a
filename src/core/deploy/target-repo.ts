import { KilnError, type DeployTarget } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';

/** Offline machines and tests point this at an image built from their own node binary. */
export const DEFAULT_BASE_IMAGE = 'node:22-slim';

type TargetConfig = Omit<DeployTarget, 'name' | 'kind' | 'createdAt'>;

export function addTarget(db: SqlDatabase, t: Omit<DeployTarget, 'createdAt'>): DeployTarget {
  if (db.prepare('SELECT 1 FROM deploy_targets WHERE name = ?').get(t.name)) {
    throw new KilnError('CONFLICT', `a target named "${t.name}" exists already: remove it first (kiln targets rm ${t.name}) or pick another name`);
  }
  const { name, kind, ...config } = t;
  const createdAt = Date.now();
  db.prepare('INSERT INTO deploy_targets (name, kind, config, created_at) VALUES (?, ?, ?, ?)').run(name, kind, JSON.stringify(config), createdAt);
  return { ...t, createdAt };
}

interface Row {
  name: string;
  kind: DeployTarget['kind'];
  config: string;
  created_at: number;
}

const fromRow = (r: Row): DeployTarget => {
  const c = JSON.parse(r.config) as Partial<TargetConfig>;
  return {
    name: r.name,
    kind: r.kind,
    dockerHost: c.dockerHost ?? null,
    context: c.context ?? null,
    namespace: c.namespace ?? null,
    kubeconfig: c.kubeconfig ?? null,
    registry: c.registry ?? null,
    baseImage: c.baseImage ?? DEFAULT_BASE_IMAGE,
    publishMode: c.publishMode ?? 'ingress',
    kserve: c.kserve ?? false,
    createdAt: r.created_at,
  };
};

export function listTargets(db: SqlDatabase): DeployTarget[] {
  return db.prepare('SELECT * FROM deploy_targets ORDER BY name').all<Row>().map(fromRow);
}

export function getTarget(db: SqlDatabase, name: string): DeployTarget {
  const r = db.prepare('SELECT * FROM deploy_targets WHERE name = ?').get<Row>(name);
  if (!r) {
    const names = listTargets(db).map((t) => t.name);
    throw new KilnError(
      'NOT_FOUND',
      `no deploy target "${name}": ${names.length ? `the targets are ${names.join(', ')}` : 'add one with `kiln targets add NAME --swarm` (or in Settings)'}`,
    );
  }
  return fromRow(r);
}

export function removeTarget(db: SqlDatabase, name: string): void {
  getTarget(db, name);
  const live = db.prepare("SELECT id FROM deployments WHERE target = ? AND status IN ('live', 'deploying')").all<{ id: string }>(name);
  if (live.length)
    throw new KilnError(
      'CONFLICT',
      `target "${name}" still has live deployments (${live.map((d) => d.id).join(', ')}): remove them first with \`kiln deployments rm ID\``,
    );
  db.prepare('DELETE FROM deploy_targets WHERE name = ?').run(name);
}
