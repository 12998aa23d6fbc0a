import type { Workspace } from '../workspace/workspace.js';
import type { ProgressUpdate } from '../jobs/job-registry.js';

/**
 * What other domains (pipelines) may ask of the datasets domain. Implemented by the datasets
 * work; pipelines code against this interface only.
 */
export interface VersionRef {
  dataset: string;
  version: number;
  /** the version's manifest digest, "sha256:<hex>" */
  digest: string;
}

export interface LongWorkOptions {
  signal?: AbortSignal;
  onProgress?: (u: ProgressUpdate) => void;
}

export interface TreeRef {
  digest: string;
  files: number;
  bytes: number;
}

export interface DatasetApi {
  /** NAME@VERSION, NAME@latest or NAME@TAG to a version; DATASET_NOT_FOUND / VERSION_NOT_FOUND otherwise */
  resolve(name: string, ref: string): VersionRef;
  /** Writes a stored tree (a version's manifest digest) into `dir`, hard-linked from a cache where possible. Files are read-only. */
  materialize(digest: string, dir: string, opts?: LongWorkOptions): Promise<void>;
  /** Stores a folder as a new version of `name` (created if missing); if it equals the latest version, returns that one. */
  addFolder(name: string, dir: string, opts: LongWorkOptions & { message: string; author?: string }): Promise<VersionRef>;
  /** Stores a folder as a tree without a dataset (e.g. a stage's outputs); the digest keeps it from gc while referenced. */
  storeTree(dir: string, opts?: LongWorkOptions): Promise<TreeRef>;
  /** Whether a tree is present and whole (all its chunks in the store). */
  hasTree(digest: string): boolean;
}

export type DatasetApiFactory = (ws: Workspace) => DatasetApi;
