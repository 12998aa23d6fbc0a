// Operations and events of the datasets domain: declared here, implemented in src/core/datasets.
import { z } from 'zod';
import { op, event } from './define.js';
import { empty, jobId } from './common.js';

/** A dataset name: letters, digits, `.`, `_`, `-`; it appears in refs as NAME@VERSION. */
export const datasetName = z
  .string()
  .min(1, 'dataset name is required')
  .max(100, 'dataset name is longer than 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'dataset name may hold only letters, digits, ".", "_" and "-", and must start with a letter or digit');

/** Which version: its number, "latest", or a tag. */
export const versionSelector = z.union([z.number().int().positive(), z.string().min(1).max(100)]);

const versionInput = z.object({ dataset: datasetName, version: versionSelector }).strict();
/** A file inside a version, by its manifest path (forward slashes, no leading slash). */
const fileInput = versionInput.extend({ path: z.string().min(1).max(4096) }).strict();

/** Where the bytes of a new version come from. */
export const addSource = z.discriminatedUnion('kind', [
  /** local files or folders (Electron drops via webUtils.getPathForFile, the CLI); several paths become top-level entries */
  z.object({ kind: z.literal('paths'), paths: z.array(z.string().min(1)).min(1, 'at least one path is required') }).strict(),
  /** a folder streamed with PUT /api/upload/<uploadId>?path=<relpath>; it is deleted once ingested */
  z
    .object({
      kind: z.literal('upload'),
      uploadId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'uploadId: 1-64 letters, digits, "_" or "-"'),
      /**
       * Every file of the folder with its SHA-256 (hashed in the browser) and modification time. A file
       * that was not uploaded is taken from the store by its digest (`datasets:have` said it is there);
       * an uploaded one must hash to its digest. Without it, the upload folder is the whole tree.
       */
      files: z
        .array(
          z
            .object({
              path: z.string().min(1).max(4096),
              size: z.number().int().min(0),
              mtime: z.number().int().min(0),
              digest: z.string().regex(/^[0-9a-f]{64}$/, 'digest: 64 lowercase hex digits (SHA-256)'),
            })
            .strict(),
        )
        .max(1_000_000)
        .optional(),
    })
    .strict(),
]);
export type AddSource = z.infer<typeof addSource>;

export interface DatasetSummary {
  name: string;
  /** how many versions exist */
  versions: number;
  latest: number | null;
  /** files and bytes of the latest version */
  files: number;
  bytes: number;
  createdAt: number;
  updatedAt: number;
}

export interface DatasetVersion {
  dataset: string;
  version: number;
  /** the manifest digest, "sha256:<hex>": the version's identity */
  digest: string;
  parent: number | null;
  message: string;
  author: string;
  /** Unix ms */
  createdAt: number;
  files: number;
  bytes: number;
  /** bytes this version added to the store (the rest was deduplicated) */
  bytesNew: number;
  tags: string[];
}

export type AddWarningKind = 'skipped_special' | 'symlink_outside' | 'symlink_absolute';
/** Something the add did not store as-is (sockets, FIFOs, devices) or that may surprise (a link out of the tree). */
export interface AddWarning {
  path: string;
  kind: AddWarningKind;
  message: string;
}

export interface AddResult {
  version: DatasetVersion;
  /** true when the tree equals the latest version, which is returned instead of a new one */
  unchanged: boolean;
  warnings: AddWarning[];
  stats: {
    files: number;
    /** files whose bytes were read and hashed (the rest came from the stat cache) */
    filesHashed: number;
    bytesRead: number;
    bytesNew: number;
    bytesReused: number;
    chunksNew: number;
    chunksReused: number;
    seconds: number;
  };
}

export type TreeEntryType = 'file' | 'dir' | 'symlink';
export interface TreeEntry {
  path: string;
  type: TreeEntryType;
  /** permission bits, e.g. 0o644 */
  mode: number;
  size: number;
  /** Unix ms */
  mtime: number;
  /** whole-file digest for files */
  digest?: string;
  /** symlink target, as stored */
  target?: string;
  /** for a hard link: the path of the first file of its group */
  linkOf?: string;
}

export interface DatasetTree {
  dataset: string;
  version: number;
  digest: string;
  files: number;
  bytes: number;
  /** sorted by path; folders are listed too (empty ones included) */
  entries: TreeEntry[];
}

export type DiffChange = 'added' | 'removed' | 'modified' | 'renamed';
export interface DiffEntry {
  path: string;
  change: DiffChange;
  /** for a rename: the old path */
  from?: string;
  sizeBefore?: number;
  sizeAfter?: number;
  /** CSV/TSV under 200 MB: rows added and removed (as a multiset of lines); null when not computed */
  rows?: { added: number; removed: number } | null;
}

export interface DatasetDiff {
  dataset: string;
  from: { version: number; digest: string };
  to: { version: number; digest: string };
  entries: DiffEntry[];
  summary: {
    added: number;
    removed: number;
    modified: number;
    renamed: number;
    unchanged: number;
    /** bytes of `to` whose chunks `from` did not have */
    bytesNew: number;
    /** bytes of `to` whose chunks `from` already had */
    bytesReused: number;
  };
}

/** A changed row, matched by its key. */
export interface ChangedRow {
  key: PreviewCell;
  /** values over `TableDiff.rowColumns` */
  before: PreviewCell[];
  after: PreviewCell[];
  /** the columns whose value differs */
  changed: string[];
}

/** `datasets:diff-table`: a table file's rows, schema and column statistics, compared between two versions. */
export interface TableDiff {
  dataset: string;
  path: string;
  /** the file's path in `from` (differs for a rename) */
  fromPath: string;
  format: PreviewFormat;
  from: { version: number; rows: number; truncated: boolean };
  to: { version: number; rows: number; truncated: boolean };
  /** at most this many rows of each side were compared */
  limit: number;
  /** true when a side had more rows than `limit`: the diff covers its first `limit` rows */
  limited: boolean;
  /** the key column rows were matched by; null: by row content (a hash of the row over the common columns) */
  key: string | null;
  /** columns both sides hold, unique and never null in both within the compared rows: what the key picker offers */
  keyCandidates: string[];
  schema: {
    added: string[];
    removed: string[];
    typeChanges: { name: string; before: ColumnType; after: ColumnType }[];
  };
  rows: {
    added: number;
    removed: number;
    /** by key only: same key, other values */
    changed: number;
    unchanged: number;
    /** key values seen more than once on a side (matched first come, first served) */
    duplicateKeys: number;
  };
  /** the columns the row samples show: the common columns */
  rowColumns: string[];
  /** up to 50 of each */
  samples: { added: PreviewCell[][]; removed: PreviewCell[][]; changed: ChangedRow[] };
  /** per column, in `to`'s order then removed ones: statistics on each side (null where the column is absent) */
  stats: { name: string; before: ColumnStats | null; after: ColumnStats | null }[];
}

export interface CheckoutResult {
  dir: string;
  files: number;
  bytes: number;
}

export type PreviewCell = string | number | boolean | null;
export type PreviewFormat = 'csv' | 'tsv' | 'json' | 'jsonl' | 'parquet';
export type FilePreview =
  | { kind: 'table'; path: string; format: PreviewFormat; columns: string[]; rows: PreviewCell[][]; truncated: boolean; size: number }
  | { kind: 'text'; path: string; lines: string[]; truncated: boolean; size: number }
  /** PNG/JPEG: the file's bytes (base64) when at most 2 MiB, else none (`tooLarge`) */
  | {
      kind: 'image';
      path: string;
      mime: 'image/png' | 'image/jpeg';
      width: number | null;
      height: number | null;
      base64: string | null;
      tooLarge: boolean;
      size: number;
    }
  | TfjsModelPreview
  | { kind: 'binary'; path: string; size: number; message: string };

export interface TfjsLayerInfo {
  name: string;
  /** the layer class (Dense, Conv2D…) or, for a graph model, the node's op */
  className: string;
  /** inferred from the topology; null where it cannot be (a null dimension is the batch) */
  outputShape: (number | null)[] | null;
  /** parameters this layer's weights hold, from the weights manifest */
  params: number;
}

/** A TensorFlow.js model.json, read without loading it. */
export interface TfjsModelPreview {
  kind: 'tfjs-model';
  path: string;
  format: 'layers' | 'graph';
  layers: TfjsLayerInfo[];
  totalParams: number;
  /** weight shards by path in the tree; size null when the shard is missing */
  shards: { path: string; size: number | null }[];
  size: number;
}

export type ColumnType = 'integer' | 'number' | 'boolean' | 'string' | 'date' | 'mixed' | 'empty';
export interface ColumnStats {
  name: string;
  type: ColumnType;
  /** non-null values */
  count: number;
  nulls: number;
  /** numbers for numeric columns, strings otherwise; null when there is no value */
  min: number | string | null;
  max: number | string | null;
  /** numeric columns only */
  mean: number | null;
  /** HyperLogLog estimate (about 1% error) */
  distinct: number;
}

export interface TableStats {
  path: string;
  format: PreviewFormat;
  rows: number;
  columns: ColumnStats[];
  /** set when the column statistics cover only the first N rows (large Parquet files) */
  sampledRows?: number;
}

export interface DamagedObject {
  kind: 'chunk' | 'manifest' | 'pack';
  /** "sha256:<hex>" for chunks and manifests, the pack file name for packs */
  id: string;
  /** pack file holding a damaged chunk */
  pack?: string;
  reason: string;
  /** the versions that cannot be checked out whole because of it */
  versions: { dataset: string; version: number }[];
  /** files of those versions that hold it (up to 20) */
  files: string[];
}

export interface VerifyResult {
  ok: boolean;
  chunks: number;
  manifests: number;
  bytes: number;
  damaged: DamagedObject[];
}

export interface GcResult {
  chunksRemoved: number;
  packsRemoved: number;
  packsRewritten: number;
  manifestsRemoved: number;
  bytesFreed: number;
}

/** What `datasets:recover` rebuilt from the packs' own indexes */
export interface RecoverResult {
  /** packs the database did not know, now indexed again */
  packs: number;
  /** packs with no index of their own (written by an older Kiln): left as they are */
  packsUnreadable: string[];
  chunks: number;
  manifests: number;
  /** manifests whose bytes no longer match their digest */
  manifestsDamaged: string[];
  versions: { dataset: string; version: number; digest: string }[];
}

export const datasetsOps = {
  'datasets:list': op<DatasetSummary[]>()(empty),
  /** the log of one dataset, newest first */
  'datasets:versions': op<DatasetVersion[]>()(z.object({ dataset: datasetName }).strict()),
  'datasets:version': op<DatasetVersion>()(versionInput),
  'datasets:add': op<AddResult>()(
    z.object({ dataset: datasetName, source: addSource, message: z.string().max(10_000).default(''), author: z.string().max(200).optional(), jobId }).strict(),
    { long: true },
  ),
  'datasets:tree': op<DatasetTree>()(versionInput),
  'datasets:diff': op<DatasetDiff>()(
    z
      .object({
        dataset: datasetName,
        from: versionSelector,
        to: versionSelector,
        /** count CSV/TSV rows added and removed (reads both files); false: files only, as a version's tree marks them */
        rows: z.boolean().default(true),
      })
      .strict(),
  ),
  /** rows, schema and column statistics of one table file between two versions (CSV, TSV, JSON, JSON Lines, Parquet) */
  'datasets:diff-table': op<TableDiff>()(
    z
      .object({
        dataset: datasetName,
        from: versionSelector,
        to: versionSelector,
        path: z.string().min(1).max(4096),
        /** the file's path in `from` when it was renamed */
        fromPath: z.string().min(1).max(4096).optional(),
        /** match rows by this column; absent: by row content */
        key: z.string().min(1).max(1000).optional(),
        limit: z.number().int().min(1).max(1_000_000).default(100_000),
      })
      .strict(),
  ),
  /** writes the version into `dir` (created; must be empty or missing) byte-identical with modes */
  'datasets:checkout': op<CheckoutResult>()(versionInput.extend({ dir: z.string().min(1), jobId }).strict(), { long: true }),
  'datasets:preview': op<FilePreview>()(fileInput.extend({ limit: z.number().int().min(1).max(1000).default(100) }).strict()),
  'datasets:stats': op<TableStats>()(fileInput),
  'datasets:verify': op<VerifyResult>()(z.object({ jobId }).strict(), { long: true }),
  'datasets:gc': op<GcResult>()(z.object({ jobId }).strict(), { long: true }),
  /** rebuilds a lost or emptied database's datasets and versions from the packs (the workspace at `path`, then opened) */
  'datasets:recover': op<RecoverResult>()(z.object({ path: z.string().min(1), jobId }).strict(), { long: true }),
  /** sets (or with `remove`, deletes) a tag on a version; a tag names one version per dataset */
  'datasets:tag': op<DatasetVersion>()(
    versionInput
      .extend({
        tag: z
          .string()
          .min(1)
          .max(100)
          .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, 'a tag starts with a letter and holds letters, digits, ".", "_", "-"'),
        remove: z.boolean().default(false),
      })
      .strict(),
  ),
  /** drops a staged upload that will not be added */
  /** which of these file digests (SHA-256, hex) the store already holds whole: a browser upload sends only the others */
  'datasets:have': op<{ have: string[] }>()(
    z.object({ digests: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'digest: 64 lowercase hex digits (SHA-256)')).max(1_000_000) }).strict(),
  ),
  'datasets:discard-upload': op<{ removed: boolean }>()(z.object({ uploadId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict()),
};

export const datasetsEvents = {
  /** a dataset gained a version or a tag (or gc ran: dataset null) */
  'datasets:changed': event<{ dataset: string | null; version?: number }>(),
};
