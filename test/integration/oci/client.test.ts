import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { RegistryClient } from '../../../src/core/oci/registry-client.js';
import { uploadBlob, blobExists } from '../../../src/core/oci/blob-upload.js';
import { bufferSource, type BlobSource } from '../../../src/core/oci/blob-source.js';
import { putManifest, getManifest } from '../../../src/core/oci/manifests.js';
import { fetchBlob } from '../../../src/core/oci/blob-download.js';
import { OCI_MANIFEST, OCI_EMPTY } from '../../../src/core/oci/media-types.js';
import { KilnError } from '../../../src/shared/contract/index.js';
import { TestRegistry, TokenServer, makeTlsCerts, htpasswdFile } from '../../helpers/oci-registry.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const fast = { retries: 3, baseMs: 100, maxMs: 400 };
const tmp = useTempDir('push-client-');
const registries: { dispose(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of registries.splice(0)) await r.dispose();
});
async function registry(opts?: ConstructorParameters<typeof TestRegistry>[0]): Promise<TestRegistry> {
  const r = new TestRegistry(opts);
  registries.push(r);
  return r.start();
}

/** Pushes one blob and a manifest naming it; returns the manifest's digest. */
async function pushSmall(client: RegistryClient, repo: string, blob: Buffer, tag: string): Promise<string> {
  const src = bufferSource(blob);
  await uploadBlob(client, repo, src);
  const empty = bufferSource(Buffer.from('{}'));
  await uploadBlob(client, repo, empty);
  const m = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: 'application/vnd.kiln.test',
    config: { mediaType: OCI_EMPTY, digest: empty.digest, size: 2 },
    layers: [{ mediaType: 'application/octet-stream', digest: src.digest, size: blob.length }],
  };
  return putManifest(client, repo, tag, Buffer.from(JSON.stringify(m)), OCI_MANIFEST);
}

describe('OCI client against a real registry', () => {
  it('uploads small blobs in one PUT, skips what the registry has, mounts across repositories', async () => {
    const reg = await registry();
    const client = new RegistryClient(reg.host, { retry: fast });
    const blob = randomBytes(100_000);
    const src = bufferSource(blob);
    const first = await uploadBlob(client, 'a/one', src);
    expect(first).toEqual({ uploaded: 100_000, resumed: 0, skipped: false, mounted: false });
    expect(await uploadBlob(client, 'a/one', src)).toEqual({ uploaded: 0, resumed: 0, skipped: true, mounted: false });
    const mounted = await uploadBlob(client, 'b/two', src, { mountFrom: ['a/one'] });
    expect(mounted).toEqual({ uploaded: 0, resumed: 0, skipped: true, mounted: true });
    expect(await blobExists(client, 'b/two', src.digest)).toBe(true);
    expect((await fetchBlob(client, 'b/two', src.digest, blob.length)).equals(blob)).toBe(true);
  });

  it('uploads large blobs in PATCH chunks, with progress only from the registry Range answers', async () => {
    const reg = await registry();
    const client = new RegistryClient(reg.host, { retry: fast });
    const blob = randomBytes(5 * 1024 * 1024 + 123);
    const seen: number[] = [];
    let total = 0;
    const base = bufferSource(blob);
    const buffers = new Set<ArrayBufferLike>();
    // a source that fills the buffer it is given, as the store's does
    const src: BlobSource = {
      ...base,
      read: async (s, e, into) => {
        expect(into).toBeDefined();
        buffers.add(into!.buffer);
        (await base.read(s, e)).copy(into!);
        return into!.subarray(0, e - s);
      },
    };
    const r = await uploadBlob(client, 'big/one', src, {
      chunkSize: 1024 * 1024,
      onProgress: (d) => {
        total += d;
        seen.push(total);
      },
    });
    expect(r.uploaded).toBe(blob.length);
    expect(seen.length).toBe(6);
    expect(seen.at(-1)).toBe(blob.length);
    expect(readFileSync(reg.blobPath(bufferSource(blob).digest)).equals(blob)).toBe(true);
    // six chunks read into two buffers that take turns, not a fresh one per chunk
    expect(buffers.size).toBe(2);
  });

  it('puts and gets manifests with the OCI media type; skopeo reads them', async () => {
    const reg = await registry();
    const client = new RegistryClient(reg.host, { retry: fast });
    const digest = await pushSmall(client, 'm/x', Buffer.from('hello'), 'v1');
    const got = await getManifest(client, 'm/x', 'v1');
    expect(got?.digest).toBe(digest);
    expect(got?.mediaType).toBe(OCI_MANIFEST);
    const raw = execFileSync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${reg.host}/m/x:v1`]).toString();
    expect(JSON.parse(raw).artifactType).toBe('application/vnd.kiln.test');
    expect(await getManifest(client, 'm/x', 'nope')).toBeNull();
  });

  it('refuses a tampered blob on read', async () => {
    const reg = await registry();
    const client = new RegistryClient(reg.host, { retry: fast });
    const blob = randomBytes(4096);
    const src = bufferSource(blob);
    await uploadBlob(client, 't/x', src);
    const p = reg.blobPath(src.digest);
    const bad = Buffer.from(blob);
    bad[100] = bad[100]! ^ 0xff;
    writeFileSync(p, bad);
    const e = await fetchBlob(client, 't/x', src.digest, blob.length).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KilnError);
    expect((e as KilnError).code).toBe('DIGEST_MISMATCH');
  });

  it('authenticates with Basic from ~/.docker/config.json and says so when credentials are missing', async () => {
    const dir = tmp();
    const reg = await registry({ htpasswd: htpasswdFile(dir, 'ci', 's3cret') });
    const none = new RegistryClient(reg.host, { retry: fast, credentials: async () => null });
    const e = await uploadBlob(none, 'p/x', bufferSource(Buffer.from('x'))).catch((x: unknown) => x);
    expect((e as KilnError).code).toBe('UNAUTHORIZED');
    expect((e as KilnError).message).toMatch(/requires authentication/);
    const cfgDir = join(dir, 'docker');
    mkdirSync(cfgDir);
    writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from('ci:s3cret').toString('base64') } } }));
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = cfgDir;
    try {
      const client = new RegistryClient(reg.host, { retry: fast });
      const d = await pushSmall(client, 'p/x', Buffer.from('private'), 'v1');
      expect((await getManifest(client, 'p/x', 'v1'))?.digest).toBe(d);
      // parallel uploads sent before the first challenge was answered are sent again, not refused
      const parallel = new RegistryClient(reg.host, { retry: fast });
      const rs = await Promise.all([1, 2, 3, 4, 5].map((i) => uploadBlob(parallel, 'p/x', bufferSource(randomBytes(1000 + i)))));
      expect(rs.every((r) => r.uploaded > 0)).toBe(true);
      const wrong = new RegistryClient(reg.host, { retry: fast, credentials: async () => ({ username: 'ci', password: 'nope' }) });
      const w = await getManifest(wrong, 'p/x', 'v1').catch((x: unknown) => x);
      expect((w as KilnError).message).toMatch(/refused the credentials/);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
    }
  });

  it('speaks TLS with a self-signed CA from certs.d, and refuses the registry without it', async () => {
    const dir = tmp();
    const certs = makeTlsCerts(dir);
    const reg = await registry({ tls: { cert: certs.cert, key: certs.key } });
    const refused = await getManifest(new RegistryClient(reg.host, { retry: fast }), 'tls/x', 'v1').catch((x: unknown) => x);
    expect((refused as KilnError).message).toMatch(/TLS|certificate|certs\.d/i);
    const client = new RegistryClient(reg.host, { retry: fast, ca: [readFileSync(certs.ca)] });
    expect((await client.baseUrl()).protocol).toBe('https:');
    const d = await pushSmall(client, 'tls/x', randomBytes(2 * 1024 * 1024), 'v1');
    const certDir = join(dir, 'skopeo-certs');
    mkdirSync(certDir);
    copyFileSync(certs.ca, join(certDir, 'ca.crt'));
    const raw = execFileSync('skopeo', ['inspect', '--cert-dir', certDir, '--raw', `docker://${reg.host}/tls/x:v1`]);
    expect(`sha256:${(await import('node:crypto')).createHash('sha256').update(raw).digest('hex')}`).toBe(d);
  });

  it('gets a Bearer token with the scope from the token server, and re-authenticates on a 401 in the middle of an upload', async () => {
    const tokens = await new TokenServer('ci', 'tok3n').start();
    registries.push(tokens);
    const reg = await registry({ token: { realm: tokens.realm, issuer: tokens.issuer, service: tokens.service, certFile: tokens.certFile } });
    const client = new RegistryClient(reg.host, { retry: fast, credentials: async () => ({ username: 'ci', password: 'tok3n' }) });
    await pushSmall(client, 'tok/x', Buffer.from('first'), 'v1');
    expect(tokens.issued).toBeGreaterThan(0);
    // tokens now die after 2 s (Distribution allows 60 s of clock leeway); the chunks below take ~1 s each
    tokens.lifetimeS = -58;
    const before = tokens.issued;
    const blob = randomBytes(6 * 256 * 1024);
    const base = bufferSource(blob);
    const slow: BlobSource = {
      ...base,
      read: async (s, e) => {
        await new Promise((r) => setTimeout(r, 1000));
        return base.read(s, e);
      },
    };
    const fresh = new RegistryClient(reg.host, { retry: fast, credentials: async () => ({ username: 'ci', password: 'tok3n' }) });
    const r = await uploadBlob(fresh, 'tok/x', slow, { chunkSize: 256 * 1024 });
    expect(r.uploaded).toBe(blob.length);
    expect(tokens.issued - before).toBeGreaterThanOrEqual(2);
    const anon = new RegistryClient(reg.host, { retry: fast, credentials: async () => null });
    expect(((await getManifest(anon, 'tok/x', 'v1').catch((x: unknown) => x)) as KilnError).code).toBe('UNAUTHORIZED');
  });

  it('resumes a chunked upload when the registry restarts in the middle', async () => {
    const reg = await registry();
    const client = new RegistryClient(reg.host, { retry: { retries: 8, baseMs: 200, maxMs: 1000 } });
    const blob = randomBytes(8 * 512 * 1024);
    const base = bufferSource(blob);
    let reads = 0;
    const src: BlobSource = {
      ...base,
      read: async (s, e, into) => {
        if (++reads === 4) {
          // the registry dies after three chunks and comes back a moment later
          await reg.stop();
          setTimeout(() => void reg.start(), 600);
        }
        // filled slowly, so a buffer reused too early would send another chunk's bytes
        await new Promise((r) => setTimeout(r, 20));
        (await base.read(s, e)).copy(into!);
        return into!.subarray(0, e - s);
      },
    };
    let confirmed = 0;
    const r = await uploadBlob(client, 'resume/x', src, { chunkSize: 512 * 1024, onProgress: (d) => (confirmed += d) });
    expect(confirmed).toBe(blob.length);
    expect(r.uploaded).toBe(blob.length);
    expect((await fetchBlob(client, 'resume/x', base.digest, blob.length)).equals(blob)).toBe(true);
    // the chunks the registry held were not read (nor sent) again: a restart from zero would read 8 more;
    // the count includes the read-ahead of the next chunk, thrown away when the connection dropped
    expect(reads).toBeLessThanOrEqual(11);
  });
});
