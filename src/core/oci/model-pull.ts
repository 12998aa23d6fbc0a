import { mkdtemp, mkdir, rm, chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KilnError, type ModelVersion } from '../../shared/contract/index.js';
import type { ModelService } from '../models/model-service.js';
import type { RegistryClient } from './registry-client.js';
import { getManifest } from './manifests.js';
import { fetchBlob, downloadBlobToFile } from './blob-download.js';
import { mapLimit } from './backoff.js';
import { extractTar, safeRelPath } from './tar-extract.js';
import {
  CNAI_ARTIFACT,
  CNAI_CONFIG,
  CNAI_FILEPATH,
  KITOPS_CONFIG,
  MODELPACK_ARTIFACT,
  MODELPACK_CONFIG,
  MODELPACK_FILEPATH,
  MODELPACK_FILE_METADATA,
  OCI_INDEX,
  DOCKER_LIST,
  type ImageManifest,
} from './media-types.js';
import { TransferMeter, type TransferOptions } from './push-progress.js';

export type ModelArtifactKind = 'modelpack' | 'cnai' | 'kitops';

export function kindOf(m: ImageManifest): ModelArtifactKind | null {
  const t = m.artifactType ?? '';
  const c = m.config?.mediaType ?? '';
  if (t === MODELPACK_ARTIFACT || c === MODELPACK_CONFIG) return 'modelpack';
  if (t === CNAI_ARTIFACT || c === CNAI_CONFIG) return 'cnai';
  if (c === KITOPS_CONFIG) return 'kitops';
  return null;
}

/** The name a pulled model takes when none is given: Kiln's annotation, the ModelPack/KitOps name, else the repository's last segment. */
function nameFrom(m: ImageManifest, config: Record<string, unknown>, repo: string): string {
  const desc = (config.descriptor ?? {}) as { name?: string };
  const pkg = (config.package ?? {}) as { name?: string };
  const cands = [m.annotations?.['dev.kiln.model.name'], m.annotations?.['org.cncf.model.name'], desc.name, pkg.name, repo.split('/').pop()];
  for (const c of cands) if (c && /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(c)) return c;
  return repo
    .split('/')
    .pop()!
    .replace(/[^A-Za-z0-9._-]/g, '-');
}

/**
 * Pulls a model artifact (CNCF ModelPack, the older CNAI types, or a KitOps ModelKit) and registers
 * it: every blob is checked against its digest before anything is registered, so a tampered blob
 * leaves the registry as it was.
 */
export async function pullModel(
  svc: ModelService,
  client: RegistryClient,
  repo: string,
  ref: string,
  name: string | undefined,
  opts: TransferOptions = {},
): Promise<{ model: ModelVersion; digest: string; kind: ModelArtifactKind; downloadedBytes: number }> {
  const signal = opts.signal;
  const where = `${client.registry}/${repo}${ref.startsWith('sha256:') ? '@' : ':'}${ref}`;
  const got = await getManifest(client, repo, ref, signal);
  if (!got) throw new KilnError('NOT_FOUND', `${where} does not exist on the registry`);
  if (got.mediaType === OCI_INDEX || got.mediaType === DOCKER_LIST)
    throw new KilnError('ARTIFACT_INVALID', `${where} is an index of several manifests, not a model; pull one of them by digest`);
  const m = JSON.parse(got.body.toString('utf8')) as ImageManifest;
  const kind = kindOf(m);
  if (!kind)
    throw new KilnError(
      'ARTIFACT_INVALID',
      `${where} is not a model artifact (type ${m.artifactType ?? m.config?.mediaType ?? got.mediaType}); Kiln pulls CNCF ModelPack, CNAI and KitOps ModelKit artifacts${m.artifactType?.includes('kiln.dataset') ? ' (this is a dataset: kiln data pull)' : ''}`,
    );
  const config = JSON.parse((await fetchBlob(client, repo, m.config.digest, m.config.size, signal)).toString('utf8')) as Record<string, unknown>;
  const tmpRoot = svc.ws.path('tmp');
  await mkdir(tmpRoot, { recursive: true });
  const tmp = await mkdtemp(join(tmpRoot, 'pull-'));
  const filesDir = join(tmp, 'files');
  const blobsDir = join(tmp, 'blobs');
  await mkdir(filesDir);
  await mkdir(blobsDir);
  try {
    const total = m.layers.reduce((s, l) => s + l.size, 0);
    const meter = new TransferMeter('downloading', total, opts.onProgress);
    await mapLimit(m.layers, opts.parallel ?? 4, async (l, i) => {
      const path = l.annotations?.[MODELPACK_FILEPATH] ?? l.annotations?.[CNAI_FILEPATH] ?? l.annotations?.['org.opencontainers.image.title'];
      const mt = l.mediaType;
      if (/zstd/.test(mt)) throw new KilnError('ARTIFACT_INVALID', `${where} has a zstd-compressed layer (${mt}), which Kiln cannot unpack yet`);
      const isTar = /\.tar(\+gzip)?$|tar\+gzip|\.tar$/.test(mt) || (kind === 'kitops' && !mt.endsWith('.raw'));
      if (!isTar) {
        if (!path) throw new KilnError('ARTIFACT_INVALID', `layer ${i + 1} of ${where} (${mt}) names no file path (${MODELPACK_FILEPATH})`);
        const target = join(filesDir, safeRelPath(path, where));
        await mkdir(dirname(target), { recursive: true });
        await downloadBlobToFile(client, repo, l.digest, l.size, target, { ...(signal ? { signal } : {}), onBytes: (n) => meter.add(n) });
        const meta = l.annotations?.[MODELPACK_FILE_METADATA];
        if (meta) {
          const mode = (JSON.parse(meta) as { mode?: number }).mode;
          if (typeof mode === 'number' && mode > 0) await chmod(target, mode & 0o777);
        }
        return;
      }
      const blob = join(blobsDir, `${i}`);
      await downloadBlobToFile(client, repo, l.digest, l.size, blob, { ...(signal ? { signal } : {}), onBytes: (n) => meter.add(n) });
      await extractTar(blob, filesDir, /gzip|gz$/.test(mt), `layer ${i + 1} of ${where}`);
      await rm(blob, { force: true });
    });
    if (signal?.aborted) throw new KilnError('CANCELLED', 'the pull was cancelled; nothing was registered');
    const model = await svc.register(
      name ?? nameFrom(m, config, repo),
      { kind: 'path', path: filesDir },
      { message: `pulled from ${where} (${got.digest})`, ...(signal ? { signal } : {}) },
    );
    return { model, digest: got.digest, kind, downloadedBytes: meter.done };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
