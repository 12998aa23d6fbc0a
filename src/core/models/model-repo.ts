import {
  KilnError,
  type AliasEvent,
  type EvalReport,
  type ModelFormat,
  type ModelLineage,
  type ModelSignature,
  type ModelSummary,
  type ModelVersion,
} from '../../shared/contract/index.js';
import type { MetricSummary } from '../../shared/contract/runs.js';
import type { SqlDatabase } from '../db/sql.js';

interface VersionRow {
  name: string;
  model_id: number;
  version: number;
  manifest: string;
  format: string;
  size_bytes: number;
  files: number;
  created_at: number;
  author: string;
  message: string;
  signature_json: string | null;
  unsafe: number;
  warnings_json: string;
  card: string;
  metrics_json: string;
  report_json: string | null;
  run_id: string | null;
  run_seq: number | null;
  stage: string | null;
  output: string | null;
  image_id: string | null;
  params_json: string | null;
  code_digest: string | null;
  datasets_json: string | null;
}

interface EventRow {
  id: number;
  name: string;
  alias: string;
  kind: 'promote' | 'rollback';
  from_version: number | null;
  to_version: number;
  actor: string;
  at: number;
  reason: string;
  report_json: string | null;
}

const VERSION_SELECT = `SELECT m.name AS name, v.model_id AS model_id, v.version AS version, v.manifest AS manifest, v.format AS format,
  v.size_bytes AS size_bytes, v.files AS files, v.created_at AS created_at, v.author AS author, v.message AS message,
  v.signature_json AS signature_json, v.unsafe AS unsafe, v.warnings_json AS warnings_json, v.card AS card,
  v.metrics_json AS metrics_json, v.report_json AS report_json, l.run_id AS run_id, l.run_seq AS run_seq, l.stage AS stage,
  l.output AS output, l.image_id AS image_id, l.params_json AS params_json, l.code_digest AS code_digest, l.datasets_json AS datasets_json
  FROM model_versions v JOIN models m ON m.id = v.model_id
  LEFT JOIN model_lineage l ON l.model_id = v.model_id AND l.version = v.version`;

const EVENT_SELECT = `SELECT e.id AS id, m.name AS name, e.alias AS alias, e.kind AS kind, e.from_version AS from_version,
  e.to_version AS to_version, e.actor AS actor, e.at AS at, e.reason AS reason, e.report_json AS report_json
  FROM alias_events e JOIN models m ON m.id = e.model_id`;

export interface NewVersion {
  manifest: string;
  format: ModelFormat;
  sizeBytes: number;
  files: number;
  author: string;
  message: string;
  signature: ModelSignature | null;
  unsafe: boolean;
  warnings: string[];
  metrics: Record<string, MetricSummary>;
  lineage: ModelLineage;
  /** builds the card once the version number is known */
  card: (version: number) => string;
}

/** Models, versions, lineage and the alias log in the workspace database. */
export class ModelRepo {
  constructor(readonly db: SqlDatabase) {}

  modelId(name: string): number | null {
    return this.db.prepare('SELECT id FROM models WHERE name = ?').get<{ id: number }>(name)?.id ?? null;
  }

  requireModel(name: string): number {
    const id = this.modelId(name);
    if (id === null) throw new KilnError('MODEL_NOT_FOUND', `there is no model named ${JSON.stringify(name)}; kiln models ls lists them`, { name });
    return id;
  }

  list(declared: Set<string>): ModelSummary[] {
    const rows = this.db
      .prepare(
        `SELECT m.id AS id, m.name AS name, m.created_at AS created_at, COUNT(v.version) AS n, MAX(v.version) AS latest, MAX(v.created_at) AS updated
         FROM models m LEFT JOIN model_versions v ON v.model_id = m.id GROUP BY m.id ORDER BY m.name`,
      )
      .all<{ id: number; name: string; created_at: number; n: number; latest: number | null; updated: number | null }>();
    const fmt = this.db.prepare('SELECT format FROM model_versions WHERE model_id = ? AND version = ?');
    const out: ModelSummary[] = rows.map((r) => ({
      name: r.name,
      versions: r.n,
      latest: r.latest,
      aliases: this.aliasesOf(r.id),
      format: r.latest === null ? null : ((fmt.get<{ format: ModelFormat }>(r.id, r.latest)?.format ?? null) as ModelFormat | null),
      createdAt: r.created_at,
      updatedAt: r.updated ?? r.created_at,
      declared: declared.has(r.name),
    }));
    return out;
  }

  aliasesOf(modelId: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.db
      .prepare('SELECT alias, version FROM model_aliases WHERE model_id = ? ORDER BY alias')
      .all<{ alias: string; version: number }>(modelId))
      out[r.alias] = r.version;
    return out;
  }

  count(name: string): number {
    const id = this.requireModel(name);
    return this.db.prepare('SELECT COUNT(*) AS n FROM model_versions WHERE model_id = ?').get<{ n: number }>(id)?.n ?? 0;
  }

  /** newest first */
  versions(name: string, offset: number, limit: number): ModelVersion[] {
    const id = this.requireModel(name);
    const rows = this.db.prepare(`${VERSION_SELECT} WHERE v.model_id = ? ORDER BY v.version DESC LIMIT ? OFFSET ?`).all<VersionRow>(id, limit, offset);
    const aliases = this.aliasesByVersion(id);
    const logged = rows.length ? this.gatedReportsFromLog(id, rows[rows.length - 1]!.version, rows[0]!.version) : new Map<number, EvalReport>();
    return rows.map((r) => withLoggedReport(toVersion(r, aliases.get(r.version) ?? []), logged));
  }

  /** `3`, `v3`, `latest` or an alias; MODEL_NOT_FOUND / VERSION_NOT_FOUND / ALIAS_NOT_FOUND name what is missing. */
  resolveVersion(name: string, sel: string): number {
    const id = this.requireModel(name);
    let version: number | null;
    if (/^v?\d+$/.test(sel)) version = Number(sel.replace(/^v/, ''));
    else if (sel === 'latest')
      version = this.db.prepare('SELECT MAX(version) AS m FROM model_versions WHERE model_id = ?').get<{ m: number | null }>(id)?.m ?? null;
    else {
      version = this.db.prepare('SELECT version FROM model_aliases WHERE model_id = ? AND alias = ?').get<{ version: number }>(id, sel)?.version ?? null;
      if (version === null) {
        const known = Object.keys(this.aliasesOf(id));
        throw new KilnError(
          'ALIAS_NOT_FOUND',
          `${name} has no alias ${JSON.stringify(sel)}${known.length ? ` (its aliases: ${known.join(', ')})` : ' (it has no aliases yet; kiln models promote sets one)'}`,
          { name, alias: sel },
        );
      }
    }
    if (version === null || !this.db.prepare('SELECT 1 AS x FROM model_versions WHERE model_id = ? AND version = ?').get(id, version)) {
      throw new KilnError('VERSION_NOT_FOUND', `${name}@${sel} does not exist; kiln models show ${name}@latest or the Models view lists its versions`, {
        name,
        version: sel,
      });
    }
    return version;
  }

  get(name: string, version: number): ModelVersion {
    const id = this.requireModel(name);
    const r = this.db.prepare(`${VERSION_SELECT} WHERE v.model_id = ? AND v.version = ?`).get<VersionRow>(id, version);
    if (!r) throw new KilnError('VERSION_NOT_FOUND', `${name}@${version} does not exist`, { name, version });
    return withLoggedReport(toVersion(r, this.aliasesByVersion(id).get(version) ?? []), this.gatedReportsFromLog(id, version, version));
  }

  /**
   * The newest gated report of each promoted version, from the alias log. Versions promoted before
   * promotion stored its report on the version kept only the ungated evaluation there.
   */
  private gatedReportsFromLog(modelId: number, lo: number, hi: number): Map<number, EvalReport> {
    const rows = this.db
      .prepare(
        "SELECT to_version, report_json FROM alias_events WHERE model_id = ? AND to_version BETWEEN ? AND ? AND kind = 'promote' AND report_json IS NOT NULL ORDER BY id",
      )
      .all<{ to_version: number; report_json: string }>(modelId, lo, hi);
    const out = new Map<number, EvalReport>();
    for (const r of rows) out.set(r.to_version, JSON.parse(r.report_json) as EvalReport);
    return out;
  }

  /** Creates the model if needed and its next version; call inside a transaction. */
  insertVersion(name: string, v: NewVersion): number {
    const now = Date.now();
    let id = this.modelId(name);
    if (id === null) id = Number(this.db.prepare('INSERT INTO models (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
    const version = (this.db.prepare('SELECT MAX(version) AS m FROM model_versions WHERE model_id = ?').get<{ m: number | null }>(id)?.m ?? 0) + 1;
    this.db
      .prepare(
        `INSERT INTO model_versions (model_id, version, manifest, format, size_bytes, files, created_at, author, message, signature_json, unsafe, warnings_json, card, metrics_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        version,
        v.manifest,
        v.format,
        v.sizeBytes,
        v.files,
        now,
        v.author,
        v.message,
        v.signature ? JSON.stringify(v.signature) : null,
        v.unsafe ? 1 : 0,
        JSON.stringify(v.warnings),
        v.card(version),
        JSON.stringify(v.metrics),
      );
    const l = v.lineage;
    if (l.runId !== null) {
      this.db
        .prepare(
          'INSERT INTO model_lineage (model_id, version, run_id, run_seq, stage, output, image_id, params_json, code_digest, datasets_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, version, l.runId, l.runNumber, l.stage, l.output, l.imageId, JSON.stringify(l.params), l.codeDigest, JSON.stringify(l.datasetVersions));
    }
    return version;
  }

  setCard(name: string, version: number, card: string): void {
    this.db.prepare('UPDATE model_versions SET card = ? WHERE model_id = ? AND version = ?').run(card, this.requireModel(name), version);
  }

  setReport(name: string, version: number, report: EvalReport): void {
    this.db
      .prepare('UPDATE model_versions SET report_json = ? WHERE model_id = ? AND version = ?')
      .run(JSON.stringify(report), this.requireModel(name), version);
  }

  holder(name: string, alias: string): number | null {
    const id = this.requireModel(name);
    return this.db.prepare('SELECT version FROM model_aliases WHERE model_id = ? AND alias = ?').get<{ version: number }>(id, alias)?.version ?? null;
  }

  /** Appends a move to the log and updates the alias; call inside a transaction. */
  appendMove(
    name: string,
    e: { alias: string; kind: 'promote' | 'rollback'; from: number | null; to: number; actor: string; reason: string; report: EvalReport | null },
  ): AliasEvent {
    const id = this.requireModel(name);
    const at = Date.now();
    const rowId = Number(
      this.db
        .prepare(
          'INSERT INTO alias_events (model_id, alias, kind, from_version, to_version, actor, at, reason, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, e.alias, e.kind, e.from, e.to, e.actor, at, e.reason, e.report ? JSON.stringify(e.report) : null).lastInsertRowid,
    );
    this.db.prepare('INSERT OR REPLACE INTO model_aliases (model_id, alias, version) VALUES (?, ?, ?)').run(id, e.alias, e.to);
    return { id: rowId, name, alias: e.alias, kind: e.kind, fromVersion: e.from, toVersion: e.to, actor: e.actor, at, reason: e.reason, gateReport: e.report };
  }

  /** oldest first */
  history(name: string, alias?: string): AliasEvent[] {
    const id = this.requireModel(name);
    const rows =
      alias === undefined
        ? this.db.prepare(`${EVENT_SELECT} WHERE e.model_id = ? ORDER BY e.id`).all<EventRow>(id)
        : this.db.prepare(`${EVENT_SELECT} WHERE e.model_id = ? AND e.alias = ? ORDER BY e.id`).all<EventRow>(id, alias);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      alias: r.alias,
      kind: r.kind,
      fromVersion: r.from_version,
      toVersion: r.to_version,
      actor: r.actor,
      at: r.at,
      reason: r.reason,
      gateReport: r.report_json ? (JSON.parse(r.report_json) as EvalReport) : null,
    }));
  }

  private aliasesByVersion(modelId: number): Map<number, string[]> {
    const out = new Map<number, string[]>();
    for (const [alias, v] of Object.entries(this.aliasesOf(modelId))) {
      const l = out.get(v) ?? [];
      l.push(alias);
      out.set(v, l);
    }
    return out;
  }
}

function toVersion(r: VersionRow, aliases: string[]): ModelVersion {
  const datasets = r.datasets_json ? (JSON.parse(r.datasets_json) as ModelLineage['datasetVersions']) : [];
  const lineage: ModelLineage = {
    runId: r.run_id,
    runNumber: r.run_seq,
    stage: r.stage,
    output: r.output,
    datasetVersions: datasets,
    imageId: r.image_id,
    params: r.params_json ? (JSON.parse(r.params_json) as ModelLineage['params']) : {},
    codeDigest: r.code_digest,
    complete: false,
  };
  lineage.complete = lineageComplete(lineage);
  return {
    name: r.name,
    version: r.version,
    format: r.format as ModelFormat,
    digest: r.manifest,
    manifestDigest: r.manifest,
    sizeBytes: r.size_bytes,
    files: r.files,
    createdAt: r.created_at,
    author: r.author,
    message: r.message,
    aliases,
    signature: r.signature_json ? (JSON.parse(r.signature_json) as ModelSignature) : null,
    lineage,
    metrics: JSON.parse(r.metrics_json) as Record<string, MetricSummary>,
    gateReport: r.report_json ? (JSON.parse(r.report_json) as EvalReport) : null,
    card: r.card,
    unsafe: r.unsafe === 1,
    warnings: JSON.parse(r.warnings_json) as string[],
  };
}

/** The version with its logged gated report when its own report carries no gate results (or is older). */
function withLoggedReport(v: ModelVersion, logged: Map<number, EvalReport>): ModelVersion {
  const l = logged.get(v.version);
  if (!l?.gates.length) return v;
  const own = v.gateReport;
  if (own?.gates.length && own.evaluatedAt >= l.evaluatedAt) return v;
  if (own && !own.gates.length && own.evaluatedAt > l.evaluatedAt) return v;
  return { ...v, gateReport: l };
}

/** Run, stage, image and code known (a pipeline may read no dataset version: its inputs are then its code and params). */
export function lineageComplete(l: ModelLineage): boolean {
  return l.runId !== null && l.stage !== null && l.imageId !== null && l.codeDigest !== null;
}
