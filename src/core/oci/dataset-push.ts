import { createHash } from 'node:crypto';
import { KilnError } from '../../shared/contract/index.js';
import type { DatasetService } from '../datasets/dataset-service.js';
import { serializeManifest, chunksOf, type Manifest } from '../datasets/manifest.js';
import type { RegistryClient } from './registry-client.js';
import { uploadBlob } from './blob-upload.js';
import { bufferSource } from './blob-source.js';
import { getManifest, listTags, putManifest } from './manifests.js';
import { fetchBlob } from './blob-download.js';
import { mapLimit } from './backoff.js';
import { buildIndex, parseIndex, type ChunkLocation } from './dataset-index.js';
import {
  KILN_DATASET_ARTIFACT,
  KILN_DATASET_CONFIG,
  KILN_DATASET_INDEX,
  KILN_DATASET_MANIFEST,
  KILN_DATASET_PACK,
  OCI_MANIFEST,
  type Descriptor,
  type ImageManifest,
} from './media-types.js';
import { TransferMeter, type TransferOptions } from './push-progress.js';

/** New chunks are packed into blobs of about this size: big enough for few requests, small enough to hold in memory. */
export const PACK_BYTES = 8 * 1024 * 1024;
/** tags read to learn which chunks the repository already holds */
const MAX_TAGS_SCANNED = 200;

export interface DatasetConfig {
  kiln: 'dataset/1';
  name: string;
  version: number;
  /** the version's manifest digest: its identity */
  manifest: string;
  files: number;
  bytes: number;
  message: string;
  author: string;
  createdAt: number;
}

export interface PushOutcome {
  digest: string;
  uploadedBytes: number;
  skippedBytes: number;
  resumedBytes: number;
  blobs: number;
  blobsSkipped: number;
}

/** The chunks the repository already holds, from the chunk indexes of its Kiln dataset artifacts. */
export async function remoteChunks(client: RegistryClient, repo: string, signal?: AbortSignal): Promise<Map<string, ChunkLocation>> {
  const known = new Map<string, ChunkLocation>();
  const tags = (await listTags(client, repo, signal)).slice(-MAX_TAGS_SCANNED);
  const seenIndexes = new Set<string>();
  await mapLimit(tags, 6, async (tag) => {
    const m = await getManifest(client, repo, tag, signal);
    if (!m) return;
    const j = JSON.parse(m.body.toString('utf8')) as Partial<ImageManifest>;
    if (j.artifactType !== KILN_DATASET_ARTIFACT) return;
    const idx = j.layers?.find((l) => l.mediaType === KILN_DATASET_INDEX);
    if (!idx || seenIndexes.has(idx.digest)) return;
    seenIndexes.add(idx.digest);
    const locs = parseIndex(await fetchBlob(client, repo, idx.digest, idx.size, signal), `${repo}:${tag}`);
    for (const [hex, l] of locs) if (!known.has(hex) || l.pack < known.get(hex)!.pack) known.set(hex, l);
  });
  return known;
}

/**
 * Pushes a dataset version as a Kiln dataset artifact: the version's manifest, a chunk index, and
 * packs of only those content-defined chunks the repository does not hold yet, so a version that
 * differs by 1% from one already pushed costs about 1% (plus its index).
 */
export async function pushDataset(
  svc: DatasetService,
  name: string,
  sel: number | string,
  client: RegistryClient,
  repo: string,
  tag: string,
  opts: TransferOptions = {},
): Promise<PushOutcome> {
  const { v, m } = svc.manifestOf(name, sel);
  const signal = opts.signal;
  const body = Buffer.from(serializeManifest(m.entries).body);
  if (`sha256:${createHash('sha256').update(body).digest('hex')}` !== v.digest)
    throw new KilnError('STORE_CORRUPT', `the manifest of ${name}@${v.version} does not serialise to its digest; run kiln data verify`);
  opts.onProgress?.({ phase: 'reading the registry', bytesDone: 0, bytesTotal: null });
  const remote = await remoteChunks(client, repo, signal);
  const needed = uniqueChunks(m);
  const locs = new Map<string, ChunkLocation>();
  const missing: [string, number][] = [];
  let remoteBytes = 0;
  for (const [hex, len] of needed) {
    const r = remote.get(hex);
    if (r && r.length === len) {
      locs.set(hex, r);
      remoteBytes += len;
    } else missing.push([hex, len]);
  }
  // packs of new chunks, in manifest order so a file's chunks sit together for pulls
  const packs: [string, number][][] = [];
  let cur: [string, number][] = [];
  let curBytes = 0;
  for (const c of missing) {
    if (curBytes + c[1] > PACK_BYTES && cur.length) {
      packs.push(cur);
      cur = [];
      curBytes = 0;
    }
    cur.push(c);
    curBytes += c[1];
  }
  if (cur.length) packs.push(cur);
  const missingBytes = missing.reduce((s, c) => s + c[1], 0);
  const meter = new TransferMeter('uploading', missingBytes + body.length, opts.onProgress);
  let uploaded = 0;
  let skipped = remoteBytes;
  let blobsSkipped = 0;
  let resumed = 0;
  const tally = (r: { uploaded: number; resumed: number; skipped: boolean }, size: number) => {
    uploaded += r.uploaded;
    resumed += r.resumed;
    if (r.skipped) {
      skipped += size;
      blobsSkipped++;
    }
  };
  const packDescs = await mapLimit(packs, opts.parallel ?? 4, async (chunks) => {
    const buf = Buffer.allocUnsafe(chunks.reduce((s, c) => s + c[1], 0));
    let off = 0;
    const placed: [string, number, number, number][] = [];
    for (const [hex, len] of chunks) {
      svc.store.readChunk(hex, `${name}@${v.version}`, buf.subarray(off, off + len));
      placed.push([hex, off, len, svc.store.locate(hex)?.algo ?? 0]);
      off += len;
    }
    const src = bufferSource(buf);
    const r = await uploadBlob(client, repo, src, {
      ...(opts.chunkSize ? { chunkSize: opts.chunkSize } : {}),
      ...(opts.sessions ? { sessions: opts.sessions } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (d) => meter.add(d),
    });
    tally(r, 0);
    if (r.skipped) skipped += buf.length;
    for (const [hex, o, len, algo] of placed) locs.set(hex, { pack: src.digest, packSize: buf.length, offset: o, length: len, algo });
    return { mediaType: KILN_DATASET_PACK, digest: src.digest, size: buf.length } satisfies Descriptor;
  });
  svc.store.closeFds();
  const index = buildIndex(locs);
  const indexBuf = Buffer.from(JSON.stringify(index));
  const config: DatasetConfig = {
    kiln: 'dataset/1',
    name,
    version: v.version,
    manifest: v.digest,
    files: v.files,
    bytes: v.bytes,
    message: v.message,
    author: v.author,
    createdAt: v.createdAt,
  };
  const configBuf = Buffer.from(JSON.stringify(config));
  const small = [bufferSource(body, v.digest), bufferSource(indexBuf), bufferSource(configBuf)];
  for (const s of small) tally(await uploadBlob(client, repo, s, { ...(signal ? { signal } : {}), onProgress: (d) => meter.add(d) }), s.size);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: KILN_DATASET_ARTIFACT,
    config: { mediaType: KILN_DATASET_CONFIG, digest: small[2]!.digest, size: configBuf.length },
    layers: [
      { mediaType: KILN_DATASET_MANIFEST, digest: v.digest, size: body.length, annotations: { 'org.opencontainers.image.title': `${name}@${v.version}` } },
      { mediaType: KILN_DATASET_INDEX, digest: small[1]!.digest, size: indexBuf.length },
      // every pack the version's chunks sit in, the older ones included
      ...mergePacks(packDescs, index.packs),
    ],
    annotations: {
      'org.opencontainers.image.created': new Date(v.createdAt).toISOString(),
      'org.opencontainers.image.title': name,
      'org.opencontainers.image.version': String(v.version),
    },
  };
  const digest = await putManifest(client, repo, tag, Buffer.from(JSON.stringify(manifest)), OCI_MANIFEST, signal);
  return { digest, uploadedBytes: uploaded, skippedBytes: skipped, resumedBytes: resumed, blobs: packs.length + small.length, blobsSkipped };
}

function uniqueChunks(m: Manifest): [string, number][] {
  const seen = new Set<string>();
  const out: [string, number][] = [];
  for (const e of m.entries) {
    if (e.linkOf !== undefined) continue;
    for (const [hex, len] of chunksOf(e)) {
      if (seen.has(hex)) continue;
      seen.add(hex);
      out.push([hex, len]);
    }
  }
  return out;
}

function mergePacks(fresh: Descriptor[], all: { digest: string; size: number }[]): Descriptor[] {
  const out = new Map<string, Descriptor>();
  for (const p of all) out.set(p.digest, { mediaType: KILN_DATASET_PACK, digest: p.digest, size: p.size });
  for (const p of fresh) out.set(p.digest, p);
  return [...out.values()].sort((a, b) => (a.digest < b.digest ? -1 : 1));
}
