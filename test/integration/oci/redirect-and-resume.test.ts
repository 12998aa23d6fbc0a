import { describe, it, expect, afterEach } from 'vitest';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryClient } from '../../../src/core/oci/registry-client.js';
import { fetchBlob } from '../../../src/core/oci/blob-download.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { useDataCore, rejection } from '../datasets/data-workspace.js';
import { TestRegistry } from '../../helpers/oci-registry.js';

const tmp = useTempDir('push-rr-');
const newCore = useDataCore(tmp);
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

function listen(handler: http.RequestListener): Promise<{ port: number }> {
  const s = http.createServer(handler);
  cleanup.push(() => new Promise((r) => s.close(() => r())));
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve({ port: (s.address() as { port: number }).port })));
}

describe('redirects', () => {
  // Distribution redirects blob reads only to cloud storage (S3, GCS), which cannot run here: two
  // small HTTP servers stand in for the registry and the storage host (a fake, named as such).
  it('follows a blob redirect to another host without sending Authorization there', async () => {
    const blob = Buffer.from('redirected bytes');
    const digest = `sha256:${(await import('node:crypto')).createHash('sha256').update(blob).digest('hex')}`;
    const seen: (string | undefined)[] = [];
    const storage = await listen((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-length': blob.length });
      res.end(blob);
    });
    const fakeRegistry = await listen((req, res) => {
      if (req.headers.authorization !== `Basic ${Buffer.from('u:p').toString('base64')}`) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="fake"' });
        return void res.end();
      }
      if (req.url === '/v2/') return void res.writeHead(200).end('{}');
      res.writeHead(307, { location: `http://127.0.0.1:${storage.port}/bucket/blob?sig=1` });
      res.end();
    });
    const client = new RegistryClient(`127.0.0.1:${fakeRegistry.port}`, { credentials: async () => ({ username: 'u', password: 'p' }) });
    expect((await fetchBlob(client, 'a/b', digest, blob.length)).equals(blob)).toBe(true);
    expect(seen).toEqual([undefined]);
  });
});

describe('an interrupted push', () => {
  it('fails with the registry down, then resumes after the restart without sending again what the registry kept', async () => {
    const reg = new TestRegistry();
    cleanup.push(() => reg.dispose());
    await reg.start();
    const { core, base } = await newCore();
    const src = join(base, 'src');
    mkdirSync(src);
    // 24 files of 1 MiB of distinct bytes: several packs
    for (let i = 0; i < 24; i++) {
      const b = Buffer.allocUnsafe(1024 * 1024);
      for (let j = 0; j < b.length; j += 4) b.writeUInt32LE((Math.imul(j + 1, 2654435761) ^ (i * 7919)) >>> 0, j);
      writeFileSync(join(src, `f${i}.bin`), b);
    }
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [src] } });
    const target = `${reg.host}/big/d:1`;
    let killed = false;
    const off = core.on('jobs:progress', (p) => {
      if (!killed && p.op === 'datasets:push' && p.bytesDone > 6 * 1024 * 1024) {
        killed = true;
        // the registry dies, and the user gives up waiting for it
        void reg.stop().then(() => core.invoke('jobs:cancel', { jobId: 'push-1' }));
      }
    });
    const e = await rejection(core.invoke('datasets:push', { dataset: 'd', version: 1, target, jobId: 'push-1' }));
    off();
    expect(killed).toBe(true);
    expect(e.code).toBe('CANCELLED');
    await reg.start();
    const r = await core.invoke('datasets:push', { dataset: 'd', version: 1, target });
    const total = 24 * 1024 * 1024;
    expect(r.skippedBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(r.uploadedBytes).toBeLessThan(total - 4 * 1024 * 1024);
    const b2 = await newCore();
    const pulled = await b2.core.invoke('datasets:pull', { source: target, dataset: 'd' });
    expect(pulled.version.bytes).toBe(total);
  });
});
