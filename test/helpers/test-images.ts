import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Docker from 'dockerode';

/**
 * Test images built offline, FROM scratch, out of this machine's own binaries: nothing is
 * pulled. Each is built once and found again by the content hash in its tag.
 */
const docker = new Docker();
const building = new Map<string, Promise<string>>();

function hashFiles(files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f).update('\0').update(readFileSync(f));
  return h.digest('hex').slice(0, 12);
}

async function exists(tag: string): Promise<boolean> {
  return docker
    .getImage(tag)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

async function build(tag: string, files: { from: string; to: string }[], dockerfile: string): Promise<string> {
  if (await exists(tag)) return tag;
  const dir = mkdtempSync(join(tmpdir(), 'kiln-image-'));
  try {
    for (const f of files) {
      mkdirSync(dirname(join(dir, 'root', f.to)), { recursive: true });
      copyFileSync(f.from, join(dir, 'root', f.to));
    }
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    const src = ['Dockerfile', ...files.map((f) => join('root', f.to))];
    const stream = await docker.buildImage({ context: dir, src }, { t: tag, labels: { 'kiln.test': '1' }, forcerm: true });
    await new Promise<void>((res, rej) =>
      docker.modem.followProgress(stream, (e: Error | null, out: { error?: string }[]) => {
        const err = e ?? out.find((o) => o.error);
        if (err) rej(new Error(`building ${tag}: ${(err as { error?: string }).error ?? (err as Error).message}`));
        else res();
      }),
    );
    return tag;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BUSYBOX_DOCKERFILE = 'FROM scratch\nCOPY root/ /\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["/bin/sh"]\n';

/** busybox-static as /bin/busybox with its applets (sh, seq, tail, sleep…). */
export function busyboxImage(): Promise<string> {
  const bin = '/bin/busybox';
  let p = building.get('busybox');
  if (!p) {
    p = build(`kiln-test/busybox:${hashFiles([bin])}`, [{ from: bin, to: 'bin/busybox' }], BUSYBOX_DOCKERFILE);
    building.set('busybox', p);
  }
  return p;
}

/** The node binary running these tests plus the libraries `ldd` lists for it, and busybox for a shell. */
export function nodeImage(): Promise<string> {
  let p = building.get('node');
  if (!p) {
    const node = realpathSync(process.execPath);
    const libs = execFileSync('ldd', [node], { encoding: 'utf8' })
      .split('\n')
      .map((l) => /(\/\S+)\s+\(0x/.exec(l)?.[1])
      .filter((x): x is string => !!x);
    const files = [
      { from: node, to: 'usr/local/bin/node' },
      { from: '/bin/busybox', to: 'bin/busybox' },
      ...libs.map((l) => ({ from: realpathSync(l), to: l.replace(/^\//, '') })),
    ];
    const tag = `kiln-test/node:${hashFiles(files.map((f) => f.from))}`;
    p = build(tag, files, `${BUSYBOX_DOCKERFILE.replace('CMD ["/bin/sh"]\n', '')}ENV PATH=/usr/local/bin:/bin\nCMD ["node"]\n`);
    building.set('node', p);
  }
  return p;
}
