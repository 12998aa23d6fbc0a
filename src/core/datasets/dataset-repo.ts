import { KilnError, type DatasetSummary, type DatasetVersion } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';

interface VersionRow {
  name: string;
  version: number;
  manifest: string;
  parent: number | null;
  message: string;
  author: string;
  created_at: number;
  files: number;
  bytes: number;
  bytes_new: number;
}

const VERSION_SELECT = `SELECT d.name AS name, v.version AS version, v.manifest AS manifest, v.parent AS parent, v.message AS message,
  v.author AS author, v.created_at AS created_at, v.files AS files, v.bytes AS bytes, v.bytes_new AS bytes_new
  FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id`;

/** Datasets, their numbered versions and tags, in the workspace database. */
export class DatasetRepo {
  constructor(readonly db: SqlDatabase) {}

  list(): DatasetSummary[] {
    const rows = this.db
      .prepare(
        `SELECT d.name AS name, d.created_at AS created_at, COUNT(v.version) AS n, MAX(v.version) AS latest, MAX(v.created_at) AS updated
         FROM datasets d LEFT JOIN dataset_versions v ON v.dataset_id = d.id GROUP BY d.id ORDER BY d.name`,
      )
      .all<{ name: string; created_at: number; n: number; latest: number | null; updated: number | null }>();
    const latestStmt = this.db.prepare(
      'SELECT v.files AS files, v.bytes AS bytes FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.name = ? AND v.version = ?',
    );
    return rows.map((r) => {
      const l = r.latest === null ? undefined : latestStmt.get<{ files: number; bytes: number }>(r.name, r.latest);
      return {
        name: r.name,
        versions: r.n,
        latest: r.latest,
        files: l?.files ?? 0,
        bytes: l?.bytes ?? 0,
        createdAt: r.created_at,
        updatedAt: r.updated ?? r.created_at,
      };
    });
  }

  datasetId(name: string): number | null {
    return this.db.prepare('SELECT id FROM datasets WHERE name = ?').get<{ id: number }>(name)?.id ?? null;
  }

  requireDataset(name: string): number {
    const id = this.datasetId(name);
    if (id === null) throw new KilnError('DATASET_NOT_FOUND', `there is no dataset named ${JSON.stringify(name)}; kiln data ls lists them`, { dataset: name });
    return id;
  }

  versions(name: string): DatasetVersion[] {
    this.requireDataset(name);
    const rows = this.db.prepare(`${VERSION_SELECT} WHERE d.name = ? ORDER BY v.version DESC`).all<VersionRow>(name);
    const tags = this.tagsOf(name);
    return rows.map((r) => toVersion(r, tags.get(r.version) ?? []));
  }

  /** A version by number, "latest", "@latest"-style or tag. */
  resolve(name: string, sel: number | string): DatasetVersion {
    this.requireDataset(name);
    let version: number | null;
    const s = typeof sel === 'string' ? sel.trim() : sel;
    if (typeof s === 'number') version = s;
    else if (/^v?\d+$/.test(s)) version = Number(s.replace(/^v/, ''));
    else if (s === 'latest')
      version =
        this.db
          .prepare('SELECT MAX(v.version) AS m FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.name = ?')
          .get<{ m: number | null }>(name)?.m ?? null;
    else
      version =
        this.db
          .prepare('SELECT t.version AS v FROM dataset_tags t JOIN datasets d ON d.id = t.dataset_id WHERE d.name = ? AND t.tag = ?')
          .get<{ v: number }>(name, s)?.v ?? null;
    const row = version === null ? undefined : this.db.prepare(`${VERSION_SELECT} WHERE d.name = ? AND v.version = ?`).get<VersionRow>(name, version);
    if (!row)
      throw new KilnError('VERSION_NOT_FOUND', `${name}@${String(sel)} does not exist; kiln data log ${name} lists its versions`, {
        dataset: name,
        version: sel,
      });
    return toVersion(row, this.tagsOf(name).get(row.version) ?? []);
  }

  latest(name: string): DatasetVersion | null {
    if (this.datasetId(name) === null) return null;
    try {
      return this.resolve(name, 'latest');
    } catch {
      return null;
    }
  }

  /** Creates the dataset if needed and the next version; call inside a transaction. */
  insertVersion(name: string, v: { manifest: string; message: string; author: string; files: number; bytes: number; bytesNew: number }): number {
    let id = this.datasetId(name);
    const now = Date.now();
    if (id === null) id = Number(this.db.prepare('INSERT INTO datasets (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
    const parent = this.db.prepare('SELECT MAX(version) AS m FROM dataset_versions WHERE dataset_id = ?').get<{ m: number | null }>(id)?.m ?? null;
    const version = (parent ?? 0) + 1;
    this.db
      .prepare(
        'INSERT INTO dataset_versions (dataset_id, version, manifest, parent, message, author, created_at, files, bytes, bytes_new) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, version, v.manifest, parent, v.message, v.author, now, v.files, v.bytes, v.bytesNew);
    return version;
  }

  setTag(name: string, version: number, tag: string, remove: boolean): void {
    const id = this.requireDataset(name);
    if (remove) this.db.prepare('DELETE FROM dataset_tags WHERE dataset_id = ? AND tag = ? AND version = ?').run(id, tag, version);
    else this.db.prepare('INSERT OR REPLACE INTO dataset_tags (dataset_id, tag, version) VALUES (?, ?, ?)').run(id, tag, version);
  }

  /** Every version naming each manifest (for verify's report and gc's roots). */
  versionsByManifest(): Map<string, { dataset: string; version: number }[]> {
    const out = new Map<string, { dataset: string; version: number }[]>();
    for (const r of this.db
      .prepare(
        'SELECT d.name AS name, v.version AS version, v.manifest AS manifest FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id ORDER BY d.name, v.version',
      )
      .all<{ name: string; version: number; manifest: string }>()) {
      const l = out.get(r.manifest) ?? [];
      l.push({ dataset: r.name, version: r.version });
      out.set(r.manifest, l);
    }
    return out;
  }

  private tagsOf(name: string): Map<number, string[]> {
    const out = new Map<number, string[]>();
    for (const r of this.db
      .prepare('SELECT t.tag AS tag, t.version AS version FROM dataset_tags t JOIN datasets d ON d.id = t.dataset_id WHERE d.name = ? ORDER BY t.tag')
      .all<{ tag: string; version: number }>(name)) {
      const l = out.get(r.version) ?? [];
      l.push(r.tag);
      out.set(r.version, l);
    }
    return out;
  }
}

function toVersion(r: VersionRow, tags: string[]): DatasetVersion {
  return {
    dataset: r.name,
    version: r.version,
    digest: r.manifest,
    parent: r.parent,
    message: r.message,
    author: r.author,
    createdAt: r.created_at,
    files: r.files,
    bytes: r.bytes,
    bytesNew: r.bytes_new,
    tags,
  };
}
