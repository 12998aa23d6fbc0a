import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type Docker from 'dockerode';
import { KilnError } from '../../shared/contract/index.js';

export interface ImageRef {
  /** repository without tag, e.g. 127.0.0.1:5000/kiln/digits */
  repo: string;
  tag: string;
}

/** `registry/prefix/model:VERSION-DIGEST12`: a workspace's digits@1 never overwrites another's. */
export function imageRef(registry: string | null, model: string, version: number, digest: string): ImageRef {
  const base = registry ? registry.replace(/\/+$/, '') : 'kiln-serving';
  return { repo: `${base}/${model.toLowerCase()}`, tag: `${version}-${digest.replace(/^sha256:/, '').slice(0, 12)}` };
}

interface StreamEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  progressDetail?: { current?: number; total?: number };
  id?: string;
  aux?: { Digest?: string; ID?: string };
}

function follow(docker: Docker, stream: NodeJS.ReadableStream, onEvent: (e: StreamEvent) => void): Promise<StreamEvent[]> {
  return new Promise((res, rej) =>
    docker.modem.followProgress(
      stream,
      (err: Error | null, out: StreamEvent[]) => {
        const bad = err ?? out.find((o) => o.error);
        if (bad) rej(new Error((bad as StreamEvent).errorDetail?.message ?? (bad as StreamEvent).error ?? (bad as Error).message));
        else res(out);
      },
      onEvent,
    ),
  );
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

export interface BuildOptions {
  servingDir: string;
  /** the model's checked-out files */
  modelDir: string;
  baseImage: string;
  model: string;
  version: number;
  ref: ImageRef;
  labels: Record<string, string>;
  signal: AbortSignal;
  onProgress: (message: string) => void;
}

/** Builds the serving image: the target's base image + the bundled server + the model files. */
export async function buildServingImage(docker: Docker, o: BuildOptions): Promise<string> {
  const ctx = mkdtempSync(join(tmpdir(), 'kiln-serving-'));
  try {
    cpSync(join(o.servingDir, 'Dockerfile'), join(ctx, 'Dockerfile'));
    cpSync(join(o.servingDir, 'server.js'), join(ctx, 'server.js'));
    cpSync(o.modelDir, join(ctx, 'model'), { recursive: true });
    const tag = `${o.ref.repo}:${o.ref.tag}`;
    const stream = await docker.buildImage({ context: ctx, src: listFiles(ctx) }, {
      t: tag,
      buildargs: { BASE_IMAGE: o.baseImage, MODEL_NAME: o.model, MODEL_VERSION: String(o.version) },
      labels: o.labels,
      forcerm: true,
      abortSignal: o.signal,
    } as Docker.ImageBuildOptions);
    try {
      await follow(docker, stream, (e) => e.stream?.startsWith('Step') && o.onProgress(e.stream.trim()));
    } catch (e) {
      const msg = (e as Error).message;
      if (/pull access denied|not found|no such image|failed to resolve|manifest unknown|dial tcp|lookup/i.test(msg)) {
        throw new KilnError(
          'IMAGE_NOT_FOUND',
          `the base image ${o.baseImage} is not on the engine and could not be pulled (${msg}): load it, or set the target's --base-image to an image with node`,
        );
      }
      throw new KilnError('DEPLOY_FAILED', `building the serving image failed: ${msg}`);
    }
    return tag;
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** Pushes through the engine (`docker push`) and returns the pinned reference `repo:tag@sha256:…`. */
export async function pushServingImage(docker: Docker, ref: ImageRef, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<string> {
  const layers = new Map<string, { current: number; total: number }>();
  const stream = (await docker.getImage(ref.repo).push({ tag: ref.tag, authconfig: {}, abortSignal: signal } as never)) as unknown as NodeJS.ReadableStream;
  let digest: string | null = null;
  try {
    await follow(docker, stream, (e) => {
      if (e.aux?.Digest) digest = e.aux.Digest;
      if (e.id && e.progressDetail?.total) {
        layers.set(e.id, { current: e.progressDetail.current ?? 0, total: e.progressDetail.total });
        let d = 0;
        let t = 0;
        for (const l of layers.values()) {
          d += l.current;
          t += l.total;
        }
        onProgress(d, t);
      }
    });
  } catch (e) {
    throw new KilnError('REGISTRY_UNREACHABLE', `pushing ${ref.repo}:${ref.tag} failed: ${(e as Error).message}`);
  }
  return digest ? `${ref.repo}:${ref.tag}@${digest}` : `${ref.repo}:${ref.tag}`;
}
