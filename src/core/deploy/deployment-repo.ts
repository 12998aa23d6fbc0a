import { randomBytes } from 'node:crypto';
import { KilnError, type Deployment, type DeploymentStatus } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';

interface Row {
  id: string;
  seq: number;
  model: string;
  version: number;
  target: string;
  target_kind: Deployment['targetKind'];
  kind: Deployment['kind'];
  status: DeploymentStatus;
  reason: string | null;
  image: string | null;
  service: string;
  url: string | null;
  options: string;
  previous_id: string | null;
  rollback_of: string | null;
  timings: string;
  smoke: string | null;
  gate_report: string | null;
  created_at: number;
  ended_at: number | null;
}

interface Options {
  replicas: number;
  port: number | null;
  gpus: number;
  memory: string | null;
  cpus: number | null;
}

const fromRow = (r: Row): Deployment => {
  const o = JSON.parse(r.options) as Options;
  return {
    id: r.id,
    seq: r.seq,
    model: r.model,
    version: r.version,
    target: r.target,
    targetKind: r.target_kind,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    image: r.image,
    service: r.service,
    url: r.url,
    replicas: o.replicas,
    port: o.port,
    gpus: o.gpus,
    memory: o.memory,
    cpus: o.cpus,
    previousId: r.previous_id,
    rollbackOf: r.rollback_of,
    timings: JSON.parse(r.timings) as Deployment['timings'],
    smoke: r.smoke ? (JSON.parse(r.smoke) as Deployment['smoke']) : null,
    gateReport: r.gate_report ? (JSON.parse(r.gate_report) as unknown) : null,
    createdAt: r.created_at,
    endedAt: r.ended_at,
  };
};

export type NewDeployment = Pick<
  Deployment,
  | 'model'
  | 'version'
  | 'target'
  | 'targetKind'
  | 'kind'
  | 'service'
  | 'replicas'
  | 'port'
  | 'gpus'
  | 'memory'
  | 'cpus'
  | 'previousId'
  | 'rollbackOf'
  | 'gateReport'
  | 'image'
>;

export function insertDeployment(db: SqlDatabase, d: NewDeployment): Deployment {
  const id = `dep-${randomBytes(4).toString('hex')}`;
  return db.transaction(() => {
    const seq = (db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM deployments').get<{ n: number }>()?.n ?? 1) as number;
    const options: Options = { replicas: d.replicas, port: d.port, gpus: d.gpus, memory: d.memory, cpus: d.cpus };
    db.prepare(
      `INSERT INTO deployments (id, seq, model, version, target, target_kind, kind, status, service, image, options, previous_id, rollback_of, gate_report, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'deploying', ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      seq,
      d.model,
      d.version,
      d.target,
      d.targetKind,
      d.kind,
      d.service,
      d.image,
      JSON.stringify(options),
      d.previousId,
      d.rollbackOf,
      d.gateReport === null || d.gateReport === undefined ? null : JSON.stringify(d.gateReport),
      Date.now(),
    );
    return getDeployment(db, id);
  });
}

export interface DeploymentPatch {
  status?: DeploymentStatus;
  reason?: string | null;
  image?: string | null;
  url?: string | null;
  timings?: Deployment['timings'];
  smoke?: Deployment['smoke'];
  ended?: boolean;
}

export function updateDeployment(db: SqlDatabase, id: string, p: DeploymentPatch): Deployment {
  const sets: string[] = [];
  const vals: (string | number | null)[] = [];
  const set = (col: string, v: string | number | null) => {
    sets.push(`${col} = ?`);
    vals.push(v);
  };
  if (p.status !== undefined) set('status', p.status);
  if (p.reason !== undefined) set('reason', p.reason);
  if (p.image !== undefined) set('image', p.image);
  if (p.url !== undefined) set('url', p.url);
  if (p.timings !== undefined) set('timings', JSON.stringify(p.timings));
  if (p.smoke !== undefined) set('smoke', p.smoke === null ? null : JSON.stringify(p.smoke));
  if (p.ended) set('ended_at', Date.now());
  if (sets.length) db.prepare(`UPDATE deployments SET ${sets.join(', ')} WHERE id = ?`).run(...vals, id);
  return getDeployment(db, id);
}

export function getDeployment(db: SqlDatabase, id: string): Deployment {
  const r = db.prepare('SELECT * FROM deployments WHERE id = ?').get<Row>(id);
  if (!r) throw new KilnError('NOT_FOUND', `no deployment "${id}" (see \`kiln deployments ls\`)`);
  return fromRow(r);
}

/** An id as users type it: the full id, its number (`3` or `#3`) or a unique prefix. */
export function resolveDeploymentId(db: SqlDatabase, ref: string | number): string {
  const s = String(ref);
  const exact = db.prepare('SELECT id FROM deployments WHERE id = ?').get<{ id: string }>(s);
  if (exact) return exact.id;
  const n = /^#?(\d+)$/.exec(s);
  if (n) {
    const bySeq = db.prepare('SELECT id FROM deployments WHERE seq = ?').get<{ id: string }>(Number(n[1]));
    if (bySeq) return bySeq.id;
  }
  const rows = db.prepare("SELECT id FROM deployments WHERE id LIKE ? ESCAPE '\\' LIMIT 3").all<{ id: string }>(`${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (rows.length === 1) return rows[0]!.id;
  if (rows.length > 1)
    throw new KilnError('NOT_FOUND', `deployment reference "${s}" is ambiguous (${rows.map((r) => r.id).join(', ')}…): give more characters`);
  throw new KilnError('NOT_FOUND', `no deployment "${s}": give its id or number (see \`kiln deployments ls\`)`);
}

export function listDeployments(db: SqlDatabase, f: { model?: string; target?: string } = {}): Deployment[] {
  const where: string[] = [];
  const vals: string[] = [];
  if (f.model) {
    where.push('model = ?');
    vals.push(f.model);
  }
  if (f.target) {
    where.push('target = ?');
    vals.push(f.target);
  }
  return db
    .prepare(`SELECT * FROM deployments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC`)
    .all<Row>(...vals)
    .map(fromRow);
}

/** The deployment serving this model on this target now, if any. */
export function liveDeployment(db: SqlDatabase, model: string, target: string): Deployment | null {
  const r = db.prepare("SELECT * FROM deployments WHERE model = ? AND target = ? AND status = 'live' ORDER BY seq DESC LIMIT 1").get<Row>(model, target);
  return r ? fromRow(r) : null;
}

export function deleteDeployment(db: SqlDatabase, id: string): void {
  db.prepare('DELETE FROM deployments WHERE id = ?').run(id);
}
