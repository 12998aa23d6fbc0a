import {
  KilnError,
  type CheckoutResult,
  type FilePreview,
  type ModelCompareResult,
  type ModelLineage,
  type ModelSummary,
  type ModelTree,
  type ModelVersion,
  type ModelVersionPage,
  type TreeEntry,
} from '../../shared/contract/index.js';
import type { Workspace } from '../workspace/workspace.js';
import { DatasetService, defaultAuthor, type LongOpts } from '../datasets/dataset-service.js';
import { StoredFile } from '../datasets/stored-file.js';
import { checkoutTree } from '../datasets/checkout.js';
import { previewFile, sizeLookup } from '../datasets/preview-file.js';
import type { Manifest } from '../datasets/manifest.js';
import { ModelRepo } from './model-repo.js';
import { detectFormat, type ArtifactView, type Detected } from './detect-format.js';
import { generateCard } from './model-card.js';
import { parseRef } from './parse-ref.js';
import { runSource } from './run-source.js';
import { compareVersions } from './compare-versions.js';

export type RegisterSource = { kind: 'path'; path: string } | { kind: 'run'; run: string; output: string };

const NO_LINEAGE: ModelLineage = {
  runId: null,
  runNumber: null,
  stage: null,
  output: null,
  datasetVersions: [],
  imageId: null,
  params: {},
  codeDigest: null,
  complete: false,
};

/** The model registry of one workspace: versions are manifests in the content store plus rows in the database. */
export class ModelService {
  readonly data: DatasetService;
  readonly repo: ModelRepo;

  constructor(readonly ws: Workspace) {
    this.data = new DatasetService(ws);
    this.repo = new ModelRepo(ws.db);
  }

  /** A stored tree as format detection sees it. */
  view(m: Manifest, label: string): ArtifactView {
    const byPath = new Map(m.entries.map((e) => [e.path, e]));
    return {
      label,
      files: m.entries.filter((e) => e.type === 'file').map((e) => ({ path: e.path, size: e.size })),
      read: (path, start, end) => {
        const e = byPath.get(path);
        if (!e) throw new KilnError('NOT_FOUND', `${label} has no file ${path}`);
        return new StoredFile(this.data.store, e, label).read(start, end);
      },
    };
  }

  async register(
    name: string,
    source: RegisterSource,
    opts: LongOpts & {
      message: string;
      author?: string;
      /** return the newest version when it holds the same files, whatever its run */ unchangedIfSameFiles?: boolean;
    },
  ): Promise<ModelVersion> {
    let manifest: string;
    let files: number;
    let bytes: number;
    let lineage = NO_LINEAGE;
    let metrics: ModelVersion['metrics'] = {};
    let label: string;
    if (source.kind === 'path') {
      const r = await this.data.storeTree([source.path], opts);
      manifest = r.digest;
      files = r.files;
      bytes = r.bytes;
      label = source.path;
    } else {
      const r = runSource(this.ws.db, this.data.manifests, source.run, source.output);
      ({ manifest, files, bytes, lineage, metrics, label } = r);
    }
    opts.onProgress?.({ phase: 'detecting format', filesDone: files, filesTotal: files, bytesDone: bytes, bytesTotal: bytes });
    let det: Detected;
    try {
      det = detectFormat(this.view(this.data.manifests.get(manifest), label));
    } finally {
      this.data.store.closeFds();
    }
    if (opts.signal?.aborted) throw new KilnError('CANCELLED', 'the registration was cancelled; nothing was registered');
    const version = this.ws.db.transaction(() => {
      // the same artifact from the same run as the newest version: nothing new to register
      const id = this.repo.modelId(name);
      if (id !== null) {
        const latest = this.repo.versions(name, 0, 1)[0];
        if (latest && latest.digest === manifest && (opts.unchangedIfSameFiles || latest.lineage.runId === lineage.runId)) return latest.version;
      }
      return this.repo.insertVersion(name, {
        manifest,
        format: det.format,
        sizeBytes: bytes,
        files,
        author: opts.author ?? defaultAuthor(),
        message: opts.message,
        signature: det.signature,
        unsafe: det.unsafe,
        warnings: det.warnings,
        metrics,
        lineage,
        card: (v) =>
          generateCard({
            name,
            version: v,
            format: det.format,
            sizeBytes: bytes,
            digest: manifest,
            signature: det.signature,
            lineage,
            metrics,
            unsafe: det.unsafe,
            message: opts.message,
          }),
      });
    });
    return this.repo.get(name, version);
  }

  resolve(ref: string): { name: string; version: number } {
    const { name, sel } = parseRef(ref);
    return { name, version: this.repo.resolveVersion(name, sel) };
  }

  get(ref: string): ModelVersion {
    const { name, version } = this.resolve(ref);
    return this.repo.get(name, version);
  }

  list(declared: Set<string>): ModelSummary[] {
    return this.repo.list(declared);
  }

  versions(name: string, offset: number, limit: number): ModelVersionPage {
    const total = this.repo.count(name);
    return { versions: this.repo.versions(name, offset, limit), total, offset };
  }

  files(ref: string): ModelTree {
    const v = this.get(ref);
    const m = this.data.manifests.get(v.digest);
    const entries: TreeEntry[] = m.entries.map((e) => {
      const t: TreeEntry = { path: e.path, type: e.type, mode: e.mode, size: e.size, mtime: e.mtime };
      if (e.digest) t.digest = `sha256:${e.digest}`;
      if (e.target !== undefined) t.target = e.target;
      if (e.linkOf !== undefined) t.linkOf = e.linkOf;
      return t;
    });
    return { name: v.name, version: v.version, digest: v.digest, files: v.files, bytes: v.sizeBytes, entries };
  }

  async preview(ref: string, path: string, limit: number): Promise<FilePreview> {
    const v = this.get(ref);
    const m = this.data.manifests.get(v.digest);
    const e = m.entries.find((x) => x.path === path);
    if (!e) throw new KilnError('NOT_FOUND', `${v.name}@${v.version} has no file ${JSON.stringify(path)}`, { path });
    try {
      return await previewFile(this.data.store, e, `${path} of ${v.name}@${v.version}`, limit, sizeLookup(m));
    } finally {
      this.data.store.closeFds();
    }
  }

  async checkout(ref: string, dir: string, opts: LongOpts = {}): Promise<CheckoutResult> {
    const v = this.get(ref);
    const m = this.data.manifests.get(v.digest);
    try {
      const r = await checkoutTree(this.data.store, m, dir, {
        signal: opts.signal,
        onProgress: (p) => opts.onProgress?.({ phase: 'writing', ...p }),
        label: `${v.name}@${v.version}`,
      });
      return { dir, ...r };
    } finally {
      this.data.store.closeFds();
    }
  }

  setCard(ref: string, card: string): ModelVersion {
    const { name, version } = this.resolve(ref);
    this.repo.setCard(name, version, card);
    return this.repo.get(name, version);
  }

  compare(a: string, b: string): ModelCompareResult {
    return compareVersions(this.get(a), this.get(b));
  }
}
