import { join, relative } from 'node:path';
import { readdir } from 'node:fs/promises';
import type Docker from 'dockerode';
import { KilnError, type LocalImagePolicy, type StageSpec } from '../../shared/contract/index.js';
import { containedPath } from '../workspace/contained-path.js';
import { buildLocalNodeImage, findLocalNodeImage, isNodeImage } from '../engine/local-node-image.js';

export interface ImageProgress {
  /** `notice`: a message the user must see (an image substituted or built), not a progress tick */
  (message: string, notice?: boolean): void;
}

/** Why an image cannot be had, with what the user can do about a node image that cannot be pulled. */
export function unpullableMessage(ref: string, why: string): string {
  const fix = isNodeImage(ref)
    ? 'Kiln can build an equivalent local image from this machine\'s node (kiln run --build-local-image, or "Build a local node image" in the Pipelines view)'
    : 'build or load it (docker build / docker load), or name another image';
  return `image "${ref}" is not on this machine and could not be pulled (${why.trim()}): ${fix}`;
}

/** The image id a stage runs on: inspected, pulled when missing (with progress), or built. */
export class ImageResolver {
  private readonly cache = new Map<string, Promise<{ id: string; ref: string }>>();
  constructor(
    private readonly docker: Docker,
    private readonly root: string,
    private readonly wsId: string,
    /** what to do with a node image that is neither here nor pullable */
    private readonly localImage: LocalImagePolicy = 'never',
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Local lookup only (no pull, no build): null when absent. For dry runs and staleness. */
  async peek(stage: StageSpec): Promise<string | null> {
    if (!stage.image) return null;
    const id = await this.inspectId(stage.image);
    if (id || !isNodeImage(stage.image)) return id;
    return (await findLocalNodeImage(this.docker, this.env))?.id ?? null;
  }

  resolve(stage: StageSpec, progress: ImageProgress = () => undefined): Promise<{ id: string; ref: string }> {
    const k = stage.image ?? `build:${stage.build!.dockerfile}:${stage.build!.context}`;
    let p = this.cache.get(k);
    if (!p) {
      p = stage.image ? this.pullIfMissing(stage.image, progress) : this.build(stage, progress);
      p.catch(() => this.cache.delete(k));
      this.cache.set(k, p);
    }
    return p;
  }

  private async inspectId(ref: string): Promise<string | null> {
    try {
      const info = await this.docker.getImage(ref).inspect();
      return info.Id;
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return null;
      throw e;
    }
  }

  private async pullIfMissing(ref: string, progress: ImageProgress): Promise<{ id: string; ref: string }> {
    const id = await this.inspectId(ref);
    if (id) return { id, ref };
    // A node image built here earlier stands in for one that could not be pulled then: no new pull attempt each run.
    const local = isNodeImage(ref) ? await findLocalNodeImage(this.docker, this.env) : null;
    if (local) {
      progress(
        `${ref} is not on this machine: using ${local.ref}, built from this machine's node ${local.nodeVersion} (docker pull ${ref} to use the real one)`,
        true,
      );
      return { id: local.id, ref: local.ref };
    }
    progress(`pulling ${ref}`);
    try {
      const stream = await this.docker.pull(ref);
      await new Promise<void>((resolve, reject) => {
        this.docker.modem.followProgress(
          stream,
          (err: Error | null) => (err ? reject(err) : resolve()),
          (ev: { status?: string; progress?: string; id?: string }) => progress(`pull ${ref}: ${[ev.id, ev.status, ev.progress].filter(Boolean).join(' ')}`),
        );
      });
    } catch (e) {
      const why = (e as { json?: { message?: string } }).json?.message ?? (e instanceof Error ? e.message : String(e));
      if (isNodeImage(ref) && this.localImage === 'build') {
        progress(`${ref} could not be pulled (${why.trim()}): building an equivalent image from this machine's node`, true);
        const built = await buildLocalNodeImage(this.docker, progress, this.env);
        return { id: built.id, ref: built.ref };
      }
      throw new KilnError('IMAGE_NOT_FOUND', unpullableMessage(ref, why), { image: ref, localImage: isNodeImage(ref) });
    }
    const pulled = await this.inspectId(ref);
    if (!pulled) throw new KilnError('IMAGE_NOT_FOUND', `image "${ref}" was pulled but the engine does not list it`, { image: ref });
    return { id: pulled, ref };
  }

  private async build(stage: StageSpec, progress: ImageProgress): Promise<{ id: string; ref: string }> {
    const b = stage.build!;
    // resolved on disk: a context or Dockerfile through a symlink out of the workspace would send host files to the engine
    const context = containedPath(this.root, b.context, `build.context of stage ${stage.name}`);
    const dockerfile = relative(context, containedPath(this.root, b.dockerfile, `build.dockerfile of stage ${stage.name}`));
    const tag = `kiln-build/${this.wsId}-${stage.name.toLowerCase().replace(/[^a-z0-9_.-]/g, '-')}:latest`;
    progress(`building ${tag} from ${b.dockerfile}`);
    const src = await listFiles(context);
    let lastError: string | null = null;
    const tail: string[] = [];
    try {
      const stream = await this.docker.buildImage({ context, src }, { t: tag, dockerfile, labels: { 'kiln.managed': '1' } });
      await new Promise<void>((resolve, reject) => {
        this.docker.modem.followProgress(
          stream,
          (err: Error | null) => (err ? reject(err) : resolve()),
          (ev: { stream?: string; error?: string }) => {
            if (ev.error) lastError = ev.error;
            if (ev.stream?.trim()) {
              tail.push(ev.stream.trim());
              if (tail.length > 10) tail.shift();
              progress(ev.stream.trim());
            }
          },
        );
      });
    } catch (e) {
      lastError ??= e instanceof Error ? e.message : String(e);
    }
    if (lastError)
      throw new KilnError('IMAGE_NOT_FOUND', `building the image of stage "${stage.name}" from ${b.dockerfile} failed: ${String(lastError).trim()}`, {
        lines: tail,
      });
    const id = await this.inspectId(tag);
    if (!id) throw new KilnError('IMAGE_NOT_FOUND', `building ${tag} produced no image`);
    return { id, ref: tag };
  }
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name === '.kiln' || e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, base)));
    else out.push(relative(base, p));
  }
  return out;
}
