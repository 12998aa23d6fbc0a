import type Docker from 'dockerode';
import type { ImageCheck, PipelineView } from '../../shared/contract/index.js';
import { findLocalNodeImage, isNodeImage } from '../engine/local-node-image.js';
import { unpullableMessage } from './image-resolver.js';

const ASK_TIMEOUT_MS = 15_000;

/**
 * Whether each stage image can be had, without downloading it: inspected locally, else its
 * manifest asked of the registry through the engine (the engine's own network and credentials).
 */
export async function checkImages(p: PipelineView, docker: Docker | null, env: NodeJS.ProcessEnv = process.env): Promise<ImageCheck[]> {
  const byImage = new Map<string, string[]>();
  const out: ImageCheck[] = [];
  for (const s of p.stages) {
    if (s.image) byImage.set(s.image, [...(byImage.get(s.image) ?? []), s.name]);
    else
      out.push({
        image: s.build!.dockerfile,
        stages: [s.name],
        state: 'build',
        substitute: null,
        canBuildLocal: false,
        message: `built from ${s.build!.dockerfile} when the stage runs`,
      });
  }
  const local = docker ? await findLocalNodeImage(docker, env).catch(() => null) : null;
  for (const [image, stages] of byImage) {
    const base = { image, stages, substitute: null, canBuildLocal: false };
    if (!docker) {
      out.push({ ...base, state: 'unknown', message: 'the Docker engine is not reachable, so the image cannot be checked' });
      continue;
    }
    if (await present(docker, image)) {
      out.push({ ...base, state: 'present', message: `${image} is on this machine` });
      continue;
    }
    if (isNodeImage(image) && local) {
      out.push({
        ...base,
        state: 'local',
        substitute: local.ref,
        message: `${image} is not on this machine: ${local.ref}, built from this machine's node ${local.nodeVersion}, stands in for it`,
      });
      continue;
    }
    const why = await unreachable(docker, image);
    out.push(
      why === null
        ? { ...base, state: 'pullable', message: `${image} is not on this machine; it will be pulled on the first run` }
        : { ...base, state: 'unpullable', canBuildLocal: isNodeImage(image), message: unpullableMessage(image, why) },
    );
  }
  return out;
}

async function present(docker: Docker, ref: string): Promise<boolean> {
  return docker
    .getImage(ref)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

/** null when the registry answers for the image, else why not. */
async function unreachable(docker: Docker, ref: string): Promise<string | null> {
  const timeout = new Promise<string>((res) => setTimeout(() => res(`the registry did not answer in ${ASK_TIMEOUT_MS / 1000} s`), ASK_TIMEOUT_MS).unref());
  const ask = docker
    .getImage(ref)
    .distribution()
    .then(
      () => null,
      (e: { json?: { message?: string }; message?: string }) => (e.json?.message ?? e.message ?? String(e)).trim(),
    );
  return Promise.race([ask, timeout]);
}
