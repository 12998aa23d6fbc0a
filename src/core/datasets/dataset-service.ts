import { userInfo } from 'node:os';
import {
  KilnError,
  type AddResult,
  type CheckoutResult,
  type DatasetDiff,
  type DatasetTree,
  type DatasetVersion,
  type FilePreview,
  type TableStats,
  type VerifyResult,
  type GcResult,
  type TreeEntry,
  type TableDiff,
} from '../../shared/contract/index.js';
import type { Workspace } from '../workspace/workspace.js';
import { ContentStore } from '../store/content-store.js';
import { lockForWrite } from '../store/store-lock.js';
import { mapDiskFull } from '../store/fs-errors.js';
import { DatasetRepo } from './dataset-repo.js';
import { ManifestStore } from './manifest-store.js';
import { manifestPieces } from './manifest-body.js';
import { buildTree, type BuildProgress } from './build-tree.js';
import { StatCache } from './stat-cache.js';
import { TreeCache } from './tree-cache.js';
import { checkoutTree } from './checkout.js';
import { diffManifests } from './diff-manifests.js';
import { verifyStore } from './verify-store.js';
import { gcStore } from './gc-store.js';
import { previewFile, sizeLookup, statsOfFile } from './preview-file.js';
import { serializeManifest, type Manifest, type ManifestEntry } from './manifest.js';
import { PackWriter } from '../store/pack-writer.js';
import { StoredFile } from './stored-file.js';
import { kindOf } from './file-formats.js';
import { diffTables } from './table-diff.js';

export interface LongOpts {
  signal?: AbortSignal;
  onProgress?: (p: BuildProgress | { phase: string; filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number }) => void;
}

export function defaultAuthor(): string {
  try {
    return process.env.KILN_AUTHOR || userInfo().username;
  } catch {
    return process.env.USER ?? '';
  }
}

/** The datasets of one workspace: versions over the content store. */
export class DatasetService {
  readonly store: ContentStore;
  readonly repo: DatasetRepo;
  readonly manifests: ManifestStore;

  constructor(readonly ws: Workspace) {
    this.store = new ContentStore(ws);
    this.repo = new DatasetRepo(ws.db);
    this.manifests = new ManifestStore(ws.db);
  }

  /** Stores the sources as a tree; returns its manifest digest once the chunks and manifest are durable. */
  async storeTree(
    sources: string[],
    opts: LongOpts & {
      label?: { dataset: string; message: string; author: string };
      commit?: (m: { digest: string; files: number; bytes: number }, built: Awaited<ReturnType<typeof buildTree>>) => void;
      /** rewrites the built entries before they become the manifest (a browser upload's listing) */
      transform?: (entries: ManifestEntry[]) => ManifestEntry[];
    } = {},
  ) {
    const lock = lockForWrite(this.store.locksDir);
    try {
      const built = await buildTree(this.store, sources, opts);
      if (opts.signal?.aborted) throw new KilnError('CANCELLED', 'the add was cancelled; chunks already stored are kept');
      const known = opts.transform ? undefined : built.knownManifest;
      const entries = opts.transform
        ? opts.transform(built.knownManifest !== undefined ? this.manifests.get(built.knownManifest).entries : built.entries)
        : built.entries;
      const serialized = known === undefined ? serializeManifest(entries) : null;
      await this.packManifest(serialized?.digest ?? known!, serialized?.body ?? null, opts.label);
      try {
        return this.ws.db.transaction(() => {
          const m = (known !== undefined ? this.manifests.info(known) : null) ?? this.manifests.put(entries, serialized ?? undefined);
          new StatCache(this.ws.db).put(built.cacheRows);
          if (known === undefined && !opts.transform && built.fingerprint) new TreeCache(this.ws.db).put(built.fingerprint, m.digest);
          opts.commit?.(m, built);
          return { ...m, built };
        });
      } catch (e) {
        throw mapDiskFull(e, 'the workspace database');
      }
    } finally {
      lock.release();
    }
  }

  /**
   * The manifest (and the dataset version it becomes) also goes into a pack, durably, before the
   * database row that makes it reachable: a lost database can then be rebuilt from the packs.
   */
  private async packManifest(digest: string, body: string | null, label: { dataset: string; message: string; author: string } | undefined): Promise<void> {
    const withLabel = label !== undefined && this.repo.latest(label.dataset)?.digest !== digest;
    if (!withLabel && this.manifests.has(digest)) return;
    const bytes = body !== null ? Buffer.from(body) : this.manifests.body(digest);
    if (!bytes) return;
    const writer = new PackWriter(this.store.packsDir, this.ws.db);
    try {
      const pieces = manifestPieces(bytes);
      const seen = new Set<string>();
      const fresh = pieces.filter((p) => !this.store.has(p.hex) && !seen.has(p.hex) && seen.add(p.hex));
      await writer.appendManifest(
        digest.replace(/^sha256:/, ''),
        { all: pieces.map((p) => p.hex), fresh },
        withLabel ? { ...label, manifest: digest, createdAt: Date.now() } : undefined,
      );
      await writer.flush();
    } catch (e) {
      await writer.abort();
      throw e;
    }
  }

  /**
   * The store's file entries for these whole-file digests (hex SHA-256), from the datasets' versions,
   * newest first; digests it does not hold are absent.
   */
  filesByDigest(digests: Iterable<string>): Map<string, ManifestEntry> {
    const want = new Set(digests);
    const found = new Map<string, ManifestEntry>();
    if (want.size === 0) return found;
    const rows = this.ws.db.prepare('SELECT manifest FROM dataset_versions GROUP BY manifest ORDER BY max(created_at) DESC').all<{ manifest: string }>();
    for (const { manifest } of rows) {
      for (const e of this.manifests.get(manifest).entries) {
        if (e.type === 'file' && e.digest && want.has(e.digest) && !found.has(e.digest)) found.set(e.digest, e);
      }
      if (found.size === want.size) break;
    }
    return found;
  }

  async add(
    name: string,
    sources: string[],
    opts: LongOpts & { message: string; author?: string; transform?: (entries: ManifestEntry[]) => ManifestEntry[] },
  ): Promise<AddResult> {
    const t0 = performance.now();
    let version: number | null = null;
    let unchanged: DatasetVersion | null = null;
    const author = opts.author ?? defaultAuthor();
    const r = await this.storeTree(sources, {
      ...opts,
      label: { dataset: name, message: opts.message, author },
      commit: (m, built) => {
        const latest = this.repo.latest(name);
        if (latest && latest.digest === m.digest) {
          unchanged = latest;
          return;
        }
        version = this.repo.insertVersion(name, {
          manifest: m.digest,
          message: opts.message,
          author,
          files: m.files,
          bytes: m.bytes,
          bytesNew: built.stats.bytesNew,
        });
      },
    });
    const v = unchanged ?? this.repo.resolve(name, version!);
    const s = r.built.stats;
    return {
      version: v,
      unchanged: unchanged !== null,
      warnings: r.built.warnings,
      stats: {
        files: s.files,
        filesHashed: s.filesHashed,
        bytesRead: s.bytesRead,
        bytesNew: s.bytesNew,
        bytesReused: s.bytesReused,
        chunksNew: s.chunksNew,
        chunksReused: s.chunksReused,
        seconds: (performance.now() - t0) / 1000,
      },
    };
  }

  manifestOf(name: string, sel: number | string): { v: DatasetVersion; m: Manifest } {
    const v = this.repo.resolve(name, sel);
    return { v, m: this.manifests.get(v.digest) };
  }

  tree(name: string, sel: number | string): DatasetTree {
    const { v, m } = this.manifestOf(name, sel);
    const entries: TreeEntry[] = m.entries.map((e) => {
      const t: TreeEntry = { path: e.path, type: e.type, mode: e.mode, size: e.size, mtime: e.mtime };
      if (e.digest) t.digest = `sha256:${e.digest}`;
      if (e.target !== undefined) t.target = e.target;
      if (e.linkOf !== undefined) t.linkOf = e.linkOf;
      return t;
    });
    return { dataset: v.dataset, version: v.version, digest: v.digest, files: v.files, bytes: v.bytes, entries };
  }

  diff(name: string, from: number | string, to: number | string, opts: { rows?: boolean } = {}): DatasetDiff {
    const a = this.manifestOf(name, from);
    const b = this.manifestOf(name, to);
    const d = diffManifests(this.store, a.m, b.m, { from: `${name}@${a.v.version}`, to: `${name}@${b.v.version}` }, opts);
    return { dataset: name, from: { version: a.v.version, digest: a.v.digest }, to: { version: b.v.version, digest: b.v.digest }, ...d };
  }

  async diffTable(
    name: string,
    from: number | string,
    to: number | string,
    path: string,
    opts: { fromPath?: string; key?: string; limit: number },
  ): Promise<TableDiff> {
    const a = this.entry(name, from, opts.fromPath ?? path);
    const b = this.entry(name, to, path);
    const format = kindOf(path);
    if (a.e.type !== 'file' || b.e.type !== 'file' || format === 'other' || format === 'png' || format === 'jpeg')
      throw new KilnError('INVALID_INPUT', `${path} is not a table (CSV, TSV, JSON, JSON Lines or Parquet); a row diff needs one`, { path });
    try {
      const d = await diffTables(
        {
          file: new StoredFile(this.store, a.e, `${a.e.path} of ${name}@${a.v.version}`),
          version: a.v.version,
          label: `${a.e.path} of ${name}@${a.v.version}`,
        },
        { file: new StoredFile(this.store, b.e, `${path} of ${name}@${b.v.version}`), version: b.v.version, label: `${path} of ${name}@${b.v.version}` },
        format,
        { limit: opts.limit, ...(opts.key !== undefined ? { key: opts.key } : {}) },
      );
      return { dataset: name, path, fromPath: a.e.path, ...d };
    } finally {
      this.store.closeFds();
    }
  }

  async checkout(name: string, sel: number | string, dir: string, opts: LongOpts = {}): Promise<CheckoutResult> {
    const { v, m } = this.manifestOf(name, sel);
    try {
      const r = await checkoutTree(this.store, m, dir, {
        ...opts,
        onProgress: (p) => opts.onProgress?.({ phase: 'writing', ...p }),
        label: `${name}@${v.version}`,
      });
      return { dir, ...r };
    } finally {
      this.store.closeFds();
    }
  }

  entry(name: string, sel: number | string, path: string): { v: DatasetVersion; e: ManifestEntry } {
    const { v, m } = this.manifestOf(name, sel);
    const e = m.entries.find((x) => x.path === path);
    if (!e) throw new KilnError('NOT_FOUND', `${name}@${v.version} has no file ${JSON.stringify(path)}`, { path });
    return { v, e };
  }

  async preview(name: string, sel: number | string, path: string, limit: number): Promise<FilePreview> {
    const { v, m } = this.manifestOf(name, sel);
    const e = m.entries.find((x) => x.path === path);
    if (!e) throw new KilnError('NOT_FOUND', `${name}@${v.version} has no file ${JSON.stringify(path)}`, { path });
    try {
      return await previewFile(this.store, e, `${path} of ${name}@${v.version}`, limit, sizeLookup(m));
    } finally {
      this.store.closeFds();
    }
  }

  async stats(name: string, sel: number | string, path: string): Promise<TableStats> {
    const { v, e } = this.entry(name, sel, path);
    try {
      return await statsOfFile(this.store, e, `${path} of ${name}@${v.version}`);
    } finally {
      this.store.closeFds();
    }
  }

  tag(name: string, sel: number | string, tag: string, remove: boolean): DatasetVersion {
    const v = this.repo.resolve(name, sel);
    this.repo.setTag(name, v.version, tag, remove);
    return this.repo.resolve(name, v.version);
  }

  verify(opts: LongOpts = {}): Promise<VerifyResult> {
    return verifyStore(this.store, this.repo, opts);
  }

  gc(opts: LongOpts = {}): Promise<GcResult> {
    return gcStore(this.store, opts);
  }
}
