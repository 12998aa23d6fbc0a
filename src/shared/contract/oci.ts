// Push and pull of datasets and models to OCI registries (datasets:push|pull, models:push|pull) and the
// registries Settings lists (registries:*): declared here, implemented in src/core/oci.
import { z } from 'zod';
import { op } from './define.js';
import { empty, jobId } from './common.js';
import { datasetName, versionSelector, type DatasetVersion } from './datasets.js';
import { modelName, modelRef, type ModelVersion } from './models.js';

/** HOST[:PORT]/REPOSITORY[:TAG|@DIGEST], e.g. 127.0.0.1:5000/team/digits:3 */
export const ociReference = z.string().min(3, 'a registry reference is HOST/REPOSITORY[:TAG]').max(1000);
/** ECR refuses parts over 20 MiB; smaller chunks suit slow links */
const chunkSize = z
  .number()
  .int()
  .min(64 * 1024)
  .max(20 * 1024 * 1024)
  .optional();
/** plain HTTP or unchecked TLS for this host, as with docker's insecure-registries */
const insecure = z.boolean().default(false);

export interface PushResult {
  /** where it went, HOST/REPO:TAG */
  reference: string;
  /** the pushed manifest's digest */
  digest: string;
  /** bytes the registry confirmed receiving in this push */
  uploadedBytes: number;
  /** bytes the registry already had (blobs it held or mounted, chunks in earlier packs) */
  skippedBytes: number;
  /** bytes an earlier, interrupted push had left in unfinished uploads, which this one went on from */
  resumedBytes: number;
  blobs: number;
  blobsSkipped: number;
  /** extra tags written (model aliases) and the gate report's referrer, if any */
  tags: string[];
  referrers: string[];
  seconds: number;
}

export interface DatasetPullResult {
  version: DatasetVersion;
  /** the pulled manifest's digest */
  digest: string;
  /** true when the artifact equals the dataset's latest version */
  unchanged: boolean;
  downloadedBytes: number;
  /** bytes already in the local store */
  reusedBytes: number;
  seconds: number;
}

export interface ModelPullResult {
  model: ModelVersion;
  digest: string;
  /** modelpack, cnai or kitops */
  format: 'modelpack' | 'cnai' | 'kitops';
  downloadedBytes: number;
  seconds: number;
}

/** A registry as Settings lists it; credentials are never part of it (they live with docker's helpers). */
export interface RegistryEntry {
  host: string;
  insecure: boolean;
  /** where its credentials come from: the desktop app's encrypted store, a docker credential helper, the config's auths, or none */
  credentials: 'app' | 'helper' | 'config' | 'none';
  helper: string | null;
  username: string | null;
}

export const ociOps = {
  'datasets:push': op<PushResult>()(z.object({ dataset: datasetName, version: versionSelector, target: ociReference, insecure, chunkSize, jobId }).strict(), {
    long: true,
  }),
  'datasets:pull': op<DatasetPullResult>()(z.object({ source: ociReference, dataset: datasetName, insecure, jobId }).strict(), { long: true }),
  'models:push': op<PushResult>()(z.object({ ref: modelRef, target: ociReference, aliases: z.boolean().default(false), insecure, chunkSize, jobId }).strict(), {
    long: true,
  }),
  'models:pull': op<ModelPullResult>()(z.object({ source: ociReference, name: modelName.optional(), insecure, jobId }).strict(), { long: true }),
  'registries:list': op<RegistryEntry[]>()(empty),
  /** adds or updates a registry; credentials go to the desktop app's encrypted store or the docker config's credential helper, never in plain text to Kiln's files */
  'registries:save': op<RegistryEntry>()(
    z.object({ host: z.string().min(1).max(300), insecure, username: z.string().max(300).optional(), password: z.string().max(10_000).optional() }).strict(),
  ),
  'registries:remove': op<{ removed: boolean }>()(z.object({ host: z.string().min(1).max(300) }).strict()),
};
