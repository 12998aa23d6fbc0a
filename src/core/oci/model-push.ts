import { KilnError, type ModelVersion } from '../../shared/contract/index.js';
import type { ModelService } from '../models/model-service.js';
import { chunksOf } from '../datasets/manifest.js';
import type { RegistryClient } from './registry-client.js';
import { uploadBlob } from './blob-upload.js';
import { bufferSource, type BlobSource } from './blob-source.js';
import { storeFileSource } from './store-source.js';
import { putManifest, attachReferrer } from './manifests.js';
import { mapLimit } from './backoff.js';
import {
  MODELPACK_ARTIFACT,
  MODELPACK_CONFIG,
  MODELPACK_FILEPATH,
  MODELPACK_FILE_METADATA,
  OCI_MANIFEST,
  OCI_EMPTY,
  KILN_GATE_REPORT_ARTIFACT,
  type Descriptor,
  type ImageManifest,
} from './media-types.js';
import { layerTypeOf, fileMetadata, modelPackConfig, kilnAnnotations } from './modelpack.js';
import { TransferMeter, type TransferOptions } from './push-progress.js';
import type { PushOutcome } from './dataset-push.js';

export interface ModelPushOutcome extends PushOutcome {
  tags: string[];
  referrers: string[];
}

/**
 * Pushes a model version as a CNCF ModelPack artifact: one raw layer per file (its digest is the
 * file's SHA-256 the store already knows, so nothing is re-hashed), the ModelPack config, Kiln's
 * lineage and metrics as annotations, extra tags for aliases, and the gate report as a referrer.
 * Blobs the registry holds are skipped, so a version with one changed file uploads that file.
 */
export async function pushModel(
  svc: ModelService,
  v: ModelVersion,
  client: RegistryClient,
  repo: string,
  tag: string,
  opts: TransferOptions & { aliasTags?: boolean } = {},
): Promise<ModelPushOutcome> {
  const signal = opts.signal;
  const m = svc.data.manifests.get(v.manifestDigest);
  const byPath = new Map(m.entries.map((e) => [e.path, e]));
  const files = m.entries.filter((e) => e.type === 'file');
  if (!files.length) throw new KilnError('MODEL_INVALID', `${v.name}@${v.version} holds no files to push`);
  const layers: { desc: Descriptor; src: BlobSource }[] = files.map((e) => {
    const bytesOf = e.linkOf !== undefined ? (byPath.get(e.linkOf) ?? e) : e;
    const pieces = chunksOf(bytesOf);
    const digest = `sha256:${bytesOf.digest ?? ''}`;
    const label = `${e.path} of ${v.name}@${v.version}`;
    const src = storeFileSource(svc.data.store, digest, pieces, label);
    return {
      desc: { mediaType: layerTypeOf(e.path), digest, size: e.size, annotations: { [MODELPACK_FILEPATH]: e.path, [MODELPACK_FILE_METADATA]: fileMetadata(e) } },
      src,
    };
  });
  for (const l of layers)
    if (!/^sha256:[0-9a-f]{64}$/.test(l.desc.digest))
      throw new KilnError('STORE_CORRUPT', `${l.desc.annotations?.[MODELPACK_FILEPATH]} of ${v.name}@${v.version} has no digest in its manifest`);
  const total = layers.reduce((s, l) => s + l.desc.size, 0);
  const meter = new TransferMeter('uploading', total, opts.onProgress);
  let uploaded = 0;
  let resumed = 0;
  let skipped = 0;
  let blobsSkipped = 0;
  const unique = [...new Map(layers.map((l) => [l.desc.digest, l])).values()];
  // big files first, so the parallel uploads end together
  unique.sort((a, b) => b.desc.size - a.desc.size);
  try {
    await mapLimit(unique, opts.parallel ?? 4, async (l) => {
      const r = await uploadBlob(client, repo, l.src, {
        ...(opts.chunkSize ? { chunkSize: opts.chunkSize } : {}),
        ...(opts.sessions ? { sessions: opts.sessions } : {}),
        ...(signal ? { signal } : {}),
        onProgress: (d) => meter.add(d),
      });
      uploaded += r.uploaded;
      resumed += r.resumed;
      if (r.skipped) {
        skipped += l.desc.size;
        blobsSkipped++;
        meter.add(l.desc.size);
      }
    });
  } finally {
    svc.data.store.closeFds();
  }
  const config = Buffer.from(
    JSON.stringify(
      modelPackConfig(
        v,
        layers.map((l) => l.desc.digest),
      ),
    ),
  );
  const cfgSrc = bufferSource(config);
  const rc = await uploadBlob(client, repo, cfgSrc, signal ? { signal } : {});
  uploaded += rc.uploaded;
  if (rc.skipped) skipped += config.length;
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: MODELPACK_ARTIFACT,
    config: { mediaType: MODELPACK_CONFIG, digest: cfgSrc.digest, size: config.length },
    layers: layers.map((l) => l.desc),
    annotations: kilnAnnotations(v),
  };
  const body = Buffer.from(JSON.stringify(manifest));
  const digest = await putManifest(client, repo, tag, body, OCI_MANIFEST, signal);
  const tags: string[] = [];
  if (opts.aliasTags) {
    for (const a of v.aliases) {
      if (a === tag) continue;
      await putManifest(client, repo, a, body, OCI_MANIFEST, signal);
      tags.push(a);
    }
  }
  const referrers: string[] = [];
  if (v.gateReport) {
    const report = Buffer.from(JSON.stringify(v.gateReport));
    const rs = bufferSource(report);
    const empty = bufferSource(Buffer.from('{}'));
    uploaded += (await uploadBlob(client, repo, rs, signal ? { signal } : {})).uploaded;
    uploaded += (await uploadBlob(client, repo, empty, signal ? { signal } : {})).uploaded;
    const ref: ImageManifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: KILN_GATE_REPORT_ARTIFACT,
      config: { mediaType: OCI_EMPTY, digest: empty.digest, size: 2 },
      layers: [
        { mediaType: KILN_GATE_REPORT_ARTIFACT, digest: rs.digest, size: report.length, annotations: { 'org.opencontainers.image.title': 'gate-report.json' } },
      ],
      subject: { mediaType: OCI_MANIFEST, digest, size: body.length },
      annotations: {
        'org.opencontainers.image.created': new Date(v.gateReport.evaluatedAt).toISOString(),
        'dev.kiln.gate.passed': String(v.gateReport.passed),
      },
    };
    const r = await attachReferrer(
      client,
      repo,
      digest,
      { body: Buffer.from(JSON.stringify(ref)), mediaType: OCI_MANIFEST, artifactType: KILN_GATE_REPORT_ARTIFACT },
      signal,
    );
    referrers.push(r.digest);
    if (r.fallbackTag) tags.push(r.fallbackTag);
  }
  return { digest, uploadedBytes: uploaded, skippedBytes: skipped, resumedBytes: resumed, blobs: unique.length + 1, blobsSkipped, tags, referrers };
}
