import { chunkHex, chunkLabel, type ChunkAlgo } from '../store/chunk-hash.js';
import { KilnError, type DatasetVersion } from '../../shared/contract/index.js';
import type { DatasetService } from '../datasets/dataset-service.js';
import { defaultAuthor } from '../datasets/dataset-service.js';
import { parseManifest, checkManifestPaths, chunksOf, type Manifest } from '../datasets/manifest.js';
import { PackWriter } from '../store/pack-writer.js';
import { lockForWrite } from '../store/store-lock.js';
import type { RegistryClient } from './registry-client.js';
import { getManifest } from './manifests.js';
import { fetchBlob, fetchBlobRange } from './blob-download.js';
import { mapLimit } from './backoff.js';
import { parseIndex, type ChunkLocation } from './dataset-index.js';
import { KILN_DATASET_ARTIFACT, KILN_DATASET_CONFIG, KILN_DATASET_INDEX, KILN_DATASET_MANIFEST, type ImageManifest } from './media-types.js';
import { TransferMeter, type TransferOptions } from './push-progress.js';
import type { DatasetConfig } from './dataset-push.js';

/** Ranges closer than this are read in one request. */
const MERGE_GAP = 256 * 1024;
const MAX_RANGE = 16 * 1024 * 1024;

export interface PullOutcome {
  version: DatasetVersion;
  digest: string;
  unchanged: boolean;
  downloadedBytes: number;
  reusedBytes: number;
}

interface Range {
  pack: string;
  packSize: number;
  start: number;
  end: number;
  chunks: [string, number, number, number][];
}

/** Reads a Kiln dataset artifact's manifest, config and chunk index, each verified against its digest. */
export async function readDatasetArtifact(
  client: RegistryClient,
  repo: string,
  ref: string,
  signal?: AbortSignal,
): Promise<{ digest: string; config: DatasetConfig; manifest: Manifest; versionDigest: string; index: Map<string, ChunkLocation> }> {
  const where = `${client.registry}/${repo}:${ref}`;
  const got = await getManifest(client, repo, ref, signal);
  if (!got) throw new KilnError('NOT_FOUND', `${where} does not exist on the registry`);
  const om = JSON.parse(got.body.toString('utf8')) as ImageManifest;
  if (om.artifactType !== KILN_DATASET_ARTIFACT && om.config?.mediaType !== KILN_DATASET_CONFIG)
    throw new KilnError(
      'ARTIFACT_INVALID',
      `${where} is not a Kiln dataset (its type is ${om.artifactType ?? om.config?.mediaType ?? om.mediaType}); use kiln models pull for models`,
    );
  const ml = om.layers.find((l) => l.mediaType === KILN_DATASET_MANIFEST);
  const il = om.layers.find((l) => l.mediaType === KILN_DATASET_INDEX);
  if (!ml || !il) throw new KilnError('ARTIFACT_INVALID', `${where} lacks its manifest or chunk index layer`);
  const [cfgBuf, mBuf, iBuf] = await Promise.all([
    fetchBlob(client, repo, om.config.digest, om.config.size, signal),
    fetchBlob(client, repo, ml.digest, ml.size, signal),
    fetchBlob(client, repo, il.digest, il.size, signal),
  ]);
  const config = JSON.parse(cfgBuf.toString('utf8')) as DatasetConfig;
  const manifest = parseManifest(mBuf, ml.digest);
  checkManifestPaths(manifest);
  return { digest: got.digest, config, manifest, versionDigest: ml.digest, index: parseIndex(iBuf, where) };
}

/**
 * Pulls a Kiln dataset artifact into the store as a new version of `name`: only chunks the store
 * lacks are fetched (with Range requests into the packs), each checked against its SHA-256 before it
 * is stored. Nothing is registered unless every chunk arrived whole.
 */
export async function pullDataset(
  svc: DatasetService,
  client: RegistryClient,
  repo: string,
  ref: string,
  name: string,
  opts: TransferOptions = {},
): Promise<PullOutcome> {
  const signal = opts.signal;
  const where = `${client.registry}/${repo}:${ref}`;
  const a = await readDatasetArtifact(client, repo, ref, signal);
  const wanted = new Map<string, number>();
  for (const e of a.manifest.entries) for (const [hex, len] of chunksOf(e)) wanted.set(hex, len);
  let reused = 0;
  const byPack = new Map<string, [string, number, number, number][]>();
  for (const [hex, len] of wanted) {
    if (svc.store.has(hex)) {
      reused += len;
      continue;
    }
    const l = a.index.get(hex);
    if (!l || l.length !== len)
      throw new KilnError('ARTIFACT_INVALID', `${where} names chunk ${hex.slice(0, 12)} in its manifest but its chunk index does not place it`);
    const list = byPack.get(l.pack) ?? [];
    list.push([hex, l.offset, l.length, l.algo]);
    byPack.set(l.pack, list);
  }
  const ranges: Range[] = [];
  for (const [pack, list] of byPack) {
    list.sort((x, y) => x[1] - y[1]);
    const packSize = a.index.get(list[0]![0])!.packSize;
    let r: Range | null = null;
    for (const c of list) {
      if (r && c[1] - r.end <= MERGE_GAP && c[1] + c[2] - r.start <= MAX_RANGE) {
        r.end = Math.max(r.end, c[1] + c[2]);
        r.chunks.push(c);
      } else {
        r = { pack, packSize, start: c[1], end: c[1] + c[2], chunks: [c] };
        ranges.push(r);
      }
    }
  }
  const meter = new TransferMeter(
    'downloading',
    ranges.reduce((s, r) => s + r.end - r.start, 0),
    opts.onProgress,
  );
  let downloaded = 0;
  const lock = lockForWrite(svc.store.locksDir);
  const writer = new PackWriter(svc.store.packsDir, svc.store.db);
  try {
    const wholePacks = new Map<string, Promise<Buffer>>();
    await mapLimit(ranges, opts.parallel ?? 4, async (r) => {
      let buf = await fetchBlobRange(client, repo, r.pack, r.start, r.end, signal);
      let base = r.start;
      if (buf === null) {
        // no Range support: the whole pack, verified, once
        let p = wholePacks.get(r.pack);
        if (!p) {
          p = fetchBlob(client, repo, r.pack, r.packSize, signal);
          wholePacks.set(r.pack, p);
        }
        buf = await p;
        base = 0;
      }
      downloaded += r.end - r.start;
      meter.add(r.end - r.start);
      const fresh = r.chunks.map(([hex, off, len, algo]) => {
        const data = buf.subarray(off - base, off - base + len);
        // verified with the chunk's own id algorithm (the store's: SHA-256 or BLAKE3)
        const got = chunkHex(algo as ChunkAlgo, data);
        if (got !== hex)
          throw new KilnError(
            'DIGEST_MISMATCH',
            `chunk ${chunkLabel(hex, algo)} of ${where} arrived damaged or tampered (its bytes hash to ${chunkLabel(got, algo)}): digest mismatch; nothing was registered`,
            { chunk: hex },
          );
        return { hex, data, algo: algo as ChunkAlgo };
      });
      await writer.append(fresh);
    });
    if (signal?.aborted) throw new KilnError('CANCELLED', 'the pull was cancelled; chunks already stored are kept');
    await writer.flush();
  } catch (e) {
    await writer.abort().catch(() => undefined);
    throw e;
  } finally {
    lock.release();
  }
  const db = svc.ws.db;
  let unchanged = false;
  const version = db.transaction(() => {
    const m = svc.manifests.put(a.manifest.entries);
    if (m.digest !== a.versionDigest) throw new KilnError('DIGEST_MISMATCH', `the manifest of ${where} does not serialise back to its digest`);
    const latest = svc.repo.latest(name);
    if (latest && latest.digest === m.digest) {
      unchanged = true;
      return latest.version;
    }
    return svc.repo.insertVersion(name, {
      manifest: m.digest,
      message: a.config.message || `pulled from ${where}`,
      author: a.config.author || defaultAuthor(),
      files: m.files,
      bytes: m.bytes,
      bytesNew: downloaded,
    });
  });
  return { version: svc.repo.resolve(name, version), digest: a.digest, unchanged, downloadedBytes: downloaded, reusedBytes: reused };
}
