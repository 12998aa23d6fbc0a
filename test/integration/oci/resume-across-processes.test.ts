import { describe, it, expect, afterEach } from 'vitest';
import http from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '../../helpers/temp-dir.js';
import { kiln, KILN_JS } from '../../helpers/kiln-cli.js';
import { TestRegistry } from '../../helpers/oci-registry.js';
import { RegistryClient } from '../../../src/core/oci/registry-client.js';
import { uploadBlob } from '../../../src/core/oci/blob-upload.js';
import { bufferSource } from '../../../src/core/oci/blob-source.js';
import type { UploadSession, UploadSessions } from '../../../src/core/oci/upload-sessions.js';

const tmp = useTempDir('push-resume-');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const MiB = 1024 * 1024;

/**
 * A pass-through HTTP proxy in front of the real registry that counts the request-body bytes it
 * forwards and can stall: once `holdAfter` PATCHes have been answered, the next PATCH is kept (not
 * forwarded), as a network that stopped moving would. The registry then holds exactly the
 * confirmed chunks while the client waits, and the test kills the client.
 */
async function stallingProxy(target: string) {
  const [host, port] = target.split(':') as [string, string];
  const st = { bodyBytes: 0, patches: 0, holdAfter: Infinity, onHold: () => {} };
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'PATCH' && st.patches >= st.holdAfter) {
      held.push(res);
      st.onHold();
      return;
    }
    const up = http.request({ host, port: Number(port), method: req.method, path: req.url, headers: req.headers }, (r) => {
      if (req.method === 'PATCH' && r.statusCode === 202) st.patches++;
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.on('data', (d: Buffer) => (st.bodyBytes += d.length));
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanup.push(() => {
    for (const h of held) h.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return { st, host: `127.0.0.1:${(server.address() as { port: number }).port}` };
}

describe('a chunked upload interrupted by killing the process', () => {
  it('is resumed by the next kiln models push from what the registry confirmed: only the rest is sent', async () => {
    const reg = new TestRegistry();
    cleanup.push(() => reg.dispose());
    await reg.start();
    const proxy = await stallingProxy(reg.host);
    const dir = tmp();
    const ws = join(dir, 'ws');
    const docker = join(dir, 'docker');
    mkdirSync(docker);
    const env = { KILN_HOME: join(dir, 'home'), DOCKER_CONFIG: docker };
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    // one 8 MiB file of distinct bytes: one blob, eight 1 MiB PATCHes
    const blob = Buffer.allocUnsafe(8 * MiB);
    for (let i = 0; i < blob.length; i += 4) blob.writeUInt32LE((Math.imul(i + 1, 2654435761) ^ (i >>> 11)) >>> 0, i);
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', 'weights.bin'), blob);
    const reg1 = await kiln(['models', 'register', join(dir, 'm'), '--name', 'big'], { cwd: ws, env });
    expect(reg1.code, reg1.stderr).toBe(0);
    const target = `${proxy.host}/resume/big:1`;

    // first process: three chunks confirmed, the fourth stalls; then SIGKILL
    proxy.st.holdAfter = 3;
    const child = spawn(process.execPath, [KILN_JS, 'models', 'push', 'big@1', target, '--chunk-size', '1', '--json'], {
      cwd: ws,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the push never reached its fourth chunk')), 60_000);
      proxy.st.onHold = () => {
        clearTimeout(t);
        resolve();
      };
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const sessions = join(ws, '.kiln', 'uploads');
    expect(readdirSync(sessions).filter((f) => f.endsWith('.json'))).toHaveLength(1);

    // second process: asks the registry where the upload stands (Range) and sends the rest only
    proxy.st.holdAfter = Infinity;
    proxy.st.bodyBytes = 0;
    const second = await kiln(['models', 'push', 'big@1', target, '--chunk-size', '1', '--json'], { cwd: ws, env, timeoutMs: 120_000 });
    expect(second.code, second.stderr).toBe(0);
    const r = JSON.parse(second.stdout) as { digest: string; uploadedBytes: number; skippedBytes: number; resumedBytes: number };
    expect(proxy.st.bodyBytes).toBeLessThan(blob.length);
    expect(proxy.st.bodyBytes).toBeGreaterThanOrEqual(5 * MiB);
    expect(r.uploadedBytes).toBeLessThan(blob.length);
    expect(r.uploadedBytes).toBeGreaterThanOrEqual(5 * MiB);
    // the registry held exactly the three confirmed chunks
    expect(r.resumedBytes).toBe(3 * MiB);
    expect(readdirSync(sessions).filter((f) => f.endsWith('.json'))).toHaveLength(0);

    // what the registry holds is whole: skopeo reads the manifest, the blob's bytes hash to its digest
    const raw = JSON.parse(execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reg.host}/resume/big:1`], { encoding: 'utf8' })) as {
      layers: { digest: string; size: number }[];
    };
    const want = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
    expect(raw.layers.map((l) => [l.digest, l.size])).toEqual([[want, blob.length]]);
    const got = await fetch(`http://${reg.host}/v2/resume/big/blobs/${want}`);
    expect(
      `sha256:${createHash('sha256')
        .update(Buffer.from(await got.arrayBuffer()))
        .digest('hex')}`,
    ).toBe(want);
  });

  it('starts afresh when the registry no longer knows the remembered upload, and forgets it', async () => {
    const reg = new TestRegistry();
    cleanup.push(() => reg.dispose());
    await reg.start();
    const saved = new Map<string, UploadSession>();
    // an in-memory session store (a test double, named as such) holding an upload the registry never had
    const memorySessions: UploadSessions = {
      get: (k) => saved.get(k.digest) ?? null,
      save: (s) => void saved.set(s.digest, s),
      remove: (k) => void saved.delete(k.digest),
    };
    const data = Buffer.alloc(3 * MiB, 5);
    const src = bufferSource(data);
    const client = new RegistryClient(reg.host);
    saved.set(src.digest, {
      registry: reg.host,
      repo: 'fresh/x',
      digest: src.digest,
      size: data.length,
      location: `/v2/fresh/x/blobs/uploads/00000000-0000-0000-0000-000000000000?_state=gone`,
      offset: 2 * MiB,
      savedAt: 0,
    });
    const r = await uploadBlob(client, 'fresh/x', src, { chunkSize: MiB, sessions: memorySessions });
    expect(r).toMatchObject({ uploaded: data.length, resumed: 0, skipped: false });
    expect(saved.size).toBe(0);
  });
});
