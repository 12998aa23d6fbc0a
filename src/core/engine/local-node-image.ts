import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type Docker from 'dockerode';
import { KilnError } from '../../shared/contract/index.js';

/** Label on images Kiln built from this machine's node; its value is the node version. */
export const LOCAL_NODE_LABEL = 'kiln.local-node';
const DEFAULT_REPO = 'kiln-local/node';
/** KILN_LOCAL_NODE_IMAGE names another repository (tests keep theirs apart from a user's). */
const repoOf = (env: NodeJS.ProcessEnv) => env.KILN_LOCAL_NODE_IMAGE || DEFAULT_REPO;
const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'];

export interface LocalNodeImage {
  ref: string;
  id: string;
  nodeVersion: string;
}

/**
 * Images from Docker Hub's `node` repository (node, node:20-bookworm-slim, docker.io/library/node:22):
 * the ones a local image built from this machine's node can stand in for.
 */
export function isNodeImage(ref: string): boolean {
  return /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:library\/)?node(?::[\w.-]+)?(?:@sha256:[0-9a-f]{64})?$/.test(ref);
}

/** The newest image Kiln built from this machine's node, if any. */
export async function findLocalNodeImage(docker: Docker, env: NodeJS.ProcessEnv = process.env): Promise<LocalNodeImage | null> {
  const repo = repoOf(env);
  const list = await docker.listImages({ filters: JSON.stringify({ label: [LOCAL_NODE_LABEL], reference: [repo] }) });
  const newest = list.sort((a, b) => b.Created - a.Created)[0];
  if (!newest) return null;
  const ref = newest.RepoTags?.find((t) => t.startsWith(`${repo}:`)) ?? newest.Id;
  return { ref, id: newest.Id, nodeVersion: newest.Labels?.[LOCAL_NODE_LABEL] ?? '?' };
}

/** The node binary of this machine: ours when Kiln runs on node, else the first `node` on PATH (Electron). */
function hostNode(env: NodeJS.ProcessEnv): { path: string; version: string } {
  if (!process.versions.electron) return { path: realpathSync(process.execPath), version: process.versions.node };
  for (const d of (env.PATH ?? '').split(delimiter)) {
    const p = join(d, 'node');
    if (d && existsSync(p)) {
      const version = execFileSync(p, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
      return { path: realpathSync(p), version };
    }
  }
  throw new KilnError('IMAGE_NOT_FOUND', 'no node binary on PATH to build a local node image from: install Node.js, or pull or load a node image');
}

/** The shared libraries the dynamic loader would map for `bin`, as `ldd` lists them. */
function sharedLibraries(bin: string): string[] {
  let out: string;
  try {
    out = execFileSync('ldd', [bin], { encoding: 'utf8' });
  } catch (e) {
    throw new KilnError(
      'IMAGE_NOT_FOUND',
      `cannot list the libraries of ${bin} (ldd: ${(e as Error).message.split('\n')[0]}): a local node image can only be built on Linux`,
    );
  }
  return out
    .split('\n')
    .map((l) => /(\/\S+)\s+\(0x/.exec(l)?.[1])
    .filter((x): x is string => !!x);
}

/**
 * Builds `kiln-local/node:<version>` FROM scratch out of this machine's own node binary, the
 * libraries `ldd` lists for it and busybox when present (a shell for string cmds): a node image
 * for machines that cannot pull one. Nothing is downloaded.
 */
export async function buildLocalNodeImage(
  docker: Docker,
  progress: (message: string, notice?: boolean) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocalNodeImage> {
  if (process.platform !== 'linux')
    throw new KilnError(
      'IMAGE_NOT_FOUND',
      `a local node image is built from this machine's node binary, which only runs in a container on Linux (this is ${process.platform}): pull or load a node image instead`,
    );
  const node = hostNode(env);
  const busybox = BUSYBOX.find((p) => existsSync(p));
  const files = [
    { from: node.path, to: 'usr/local/bin/node' },
    ...(busybox ? [{ from: realpathSync(busybox), to: 'bin/busybox' }] : []),
    ...sharedLibraries(node.path).map((l) => ({ from: realpathSync(l), to: l.replace(/^\//, '') })),
  ];
  const ref = `${repoOf(env)}:${node.version}`;
  const dir = mkdtempSync(join(tmpdir(), 'kiln-node-image-'));
  try {
    progress(`building ${ref} from ${node.path}, ${files.length - 1} libraries${busybox ? ' and busybox' : ''}`, true);
    for (const f of files) {
      mkdirSync(dirname(join(dir, 'root', f.to)), { recursive: true });
      copyFileSync(f.from, join(dir, 'root', f.to));
    }
    const run = busybox ? 'RUN ["/bin/busybox", "--install", "-s", "/bin"]\n' : '';
    writeFileSync(join(dir, 'Dockerfile'), `FROM scratch\nCOPY root/ /\n${run}ENV PATH=/usr/local/bin:/bin\nCMD ["node"]\n`);
    const src = ['Dockerfile', ...files.map((f) => join('root', f.to))];
    const labels = { 'kiln.managed': '1', [LOCAL_NODE_LABEL]: node.version };
    const stream = await docker.buildImage({ context: dir, src }, { t: ref, labels, forcerm: true });
    let failure: string | null = null;
    await new Promise<void>((res, rej) =>
      docker.modem.followProgress(
        stream,
        (e: Error | null) => (e ? rej(e) : res()),
        (ev: { stream?: string; error?: string }) => {
          if (ev.error) failure = ev.error;
          // the steps only: "Removing intermediate container" and layer ids say nothing to a user
          if (ev.stream?.startsWith('Step ')) progress(ev.stream.trim());
        },
      ),
    );
    if (failure) throw new Error(failure);
  } catch (e) {
    if (e instanceof KilnError) throw e;
    throw new KilnError('IMAGE_NOT_FOUND', `building ${ref} from this machine's node failed: ${(e as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const info = await docker.getImage(ref).inspect();
  progress(`built ${ref}`, true);
  return { ref, id: info.Id, nodeVersion: node.version };
}
