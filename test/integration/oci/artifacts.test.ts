import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { useTempDir } from '../../helpers/temp-dir.js';
import { useDataCore, rejection } from '../datasets/data-workspace.js';
import { TestRegistry } from '../../helpers/oci-registry.js';

const tmp = useTempDir('push-art-');
const newCore = useDataCore(tmp);
const registries: TestRegistry[] = [];
afterEach(async () => {
  for (const r of registries.splice(0)) await r.dispose();
});
async function registry(): Promise<TestRegistry> {
  const r = new TestRegistry();
  registries.push(r);
  return r.start();
}

/** Pseudo-random but compressible-free bytes, reproducible from a seed. */
function bytes(n: number, seed: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

function writeTree(dir: string, files: Record<string, Buffer | string>): string {
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

function listFiles(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base), { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? listFiles(dir, join(base, d.name)) : [join(base, d.name)]))
    .sort();
}

describe('dataset artifacts', () => {
  it('round-trips a version; a re-push uploads nothing; a 1% change moves about 1%; pull fetches only missing chunks', async () => {
    const reg = await registry();
    const { core, base } = await newCore();
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 8; i++) files[`part-${i}.bin`] = bytes(1024 * 1024, i + 1);
    const src = writeTree(join(base, 'src'), { ...files, 'small/readme.txt': Buffer.from('hello\n') });
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [src] } });
    const target = `${reg.host}/team/d`;
    const p1 = await core.invoke('datasets:push', { dataset: 'd', version: 1, target: `${target}:1` });
    expect(p1.uploadedBytes).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    const raw = JSON.parse(execFileSync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${target}:1`]).toString()) as { artifactType: string };
    expect(raw.artifactType).toBe('application/vnd.kiln.dataset.v1+json');
    const again = await core.invoke('datasets:push', { dataset: 'd', version: 1, target: `${target}:1` });
    expect(again.uploadedBytes).toBe(0);
    expect(again.digest).toBe(p1.digest);

    // 100-byte inserts in every file
    for (let i = 0; i < 8; i++) {
      const b = files[`part-${i}.bin`]!;
      files[`part-${i}.bin`] = Buffer.concat([b.subarray(0, 300_000), randomBytes(100), b.subarray(300_000)]);
    }
    writeTree(src, files);
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [src] } });
    const p2 = await core.invoke('datasets:push', { dataset: 'd', version: 2, target: `${target}:2` });
    const total = 8 * (1024 * 1024 + 100);
    // a changed chunk or two per file (64 KiB average) plus the chunk index
    expect(p2.uploadedBytes).toBeLessThan(total * 0.2);
    expect(p2.skippedBytes).toBeGreaterThan(total * 0.8);

    // a fresh workspace pulls v1 whole, then only the changed chunks of v2
    const b2 = await newCore();
    const l1 = await b2.core.invoke('datasets:pull', { source: `${target}:1`, dataset: 'copy' });
    expect(l1.version.version).toBe(1);
    const l2 = await b2.core.invoke('datasets:pull', { source: `${target}:2`, dataset: 'copy' });
    expect(l2.version.version).toBe(2);
    expect(l2.downloadedBytes).toBeLessThan(total * 0.2);
    expect(l2.reusedBytes).toBeGreaterThan(total * 0.8);
    const out = join(b2.base, 'out');
    await b2.core.invoke('datasets:checkout', { dataset: 'copy', version: 2, dir: out });
    expect(listFiles(out)).toEqual(listFiles(src));
    for (const f of listFiles(src)) expect(readFileSync(join(out, f)).equals(readFileSync(join(src, f)))).toBe(true);
    const same = await b2.core.invoke('datasets:pull', { source: `${target}:2`, dataset: 'copy' });
    expect(same.unchanged).toBe(true);
    expect(same.downloadedBytes).toBe(0);
  });

  it('refuses a tampered pack and registers nothing', async () => {
    const reg = await registry();
    const { core, base } = await newCore();
    const src = writeTree(join(base, 'src'), { 'a.bin': bytes(300_000, 9) });
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [src] } });
    await core.invoke('datasets:push', { dataset: 'd', version: 1, target: `${reg.host}/t/d:1` });
    const m = JSON.parse(execFileSync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${reg.host}/t/d:1`]).toString()) as {
      layers: { mediaType: string; digest: string }[];
    };
    const pack = m.layers.find((l) => l.mediaType.endsWith('chunk-pack.v1'))!;
    const p = reg.blobPath(pack.digest);
    const buf = readFileSync(p);
    buf[1000] = buf[1000]! ^ 0xff;
    writeFileSync(p, buf);
    const b2 = await newCore();
    const e = await rejection(b2.core.invoke('datasets:pull', { source: `${reg.host}/t/d:1`, dataset: 'x' }));
    expect(e.code).toBe('DIGEST_MISMATCH');
    expect(await b2.core.invoke('datasets:list', {})).toEqual([]);
  });
});

describe('model artifacts (ModelPack)', () => {
  it('pushes one layer per file with skopeo-readable ModelPack types; re-push 0 B; one changed file uploads only that layer; pull registers an identical model', async () => {
    const reg = await registry();
    const { core, base } = await newCore();
    const m1 = writeTree(join(base, 'm1'), { 'config.json': '{"arch":"tiny"}', 'weights.bin': bytes(2 * 1024 * 1024, 3), 'README.md': '# m\n' });
    await core.invoke('models:register', { name: 'digits', path: m1 });
    const ref = `${reg.host}/kiln/digits`;
    const p1 = await core.invoke('models:push', { ref: 'digits@1', target: `${ref}:1` });
    expect(p1.uploadedBytes).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    const raw = execFileSync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${ref}:1`]).toString();
    const man = JSON.parse(raw) as {
      artifactType: string;
      config: { mediaType: string };
      layers: { mediaType: string; annotations: Record<string, string> }[];
      annotations: Record<string, string>;
    };
    expect(man.artifactType).toBe('application/vnd.cncf.model.manifest.v1+json');
    expect(man.config.mediaType).toBe('application/vnd.cncf.model.config.v1+json');
    expect(man.layers.map((l) => l.annotations['org.cncf.model.filepath']).sort()).toEqual(['README.md', 'config.json', 'weights.bin']);
    expect(man.layers.find((l) => l.annotations['org.cncf.model.filepath'] === 'weights.bin')!.mediaType).toBe('application/vnd.cncf.model.weight.v1.raw');
    expect(man.annotations['dev.kiln.model.lineage']).toBeDefined();
    // skopeo copies what Kiln pushed, blob for blob
    const dir = join(base, 'skopeo-copy');
    execFileSync('skopeo', ['copy', '--src-tls-verify=false', `docker://${ref}:1`, `dir:${dir}`]);
    expect(readdirSync(dir).length).toBeGreaterThanOrEqual(5);

    expect((await core.invoke('models:push', { ref: 'digits@1', target: `${ref}:1` })).uploadedBytes).toBe(0);
    const m2 = writeTree(join(base, 'm2'), { 'config.json': '{"arch":"tiny","v":2}', 'weights.bin': bytes(2 * 1024 * 1024, 3), 'README.md': '# m\n' });
    await core.invoke('models:register', { name: 'digits', path: m2 });
    const p2 = await core.invoke('models:push', { ref: 'digits@2', target: `${ref}:2` });
    expect(p2.uploadedBytes).toBeGreaterThan(0);
    expect(p2.uploadedBytes).toBeLessThan(10_000);

    const b2 = await newCore();
    const pulled = await b2.core.invoke('models:pull', { source: `${ref}:2` });
    expect(pulled.model.name).toBe('digits');
    expect(pulled.format).toBe('modelpack');
    const out = join(b2.base, 'out');
    await b2.core.invoke('models:checkout', { ref: `digits@${pulled.model.version}`, dir: out });
    for (const f of listFiles(m2)) expect(readFileSync(join(out, f)).equals(readFileSync(join(m2, f)))).toBe(true);

    // tampered weights: refused, nothing registered
    const wl = man.layers.find((l) => l.annotations['org.cncf.model.filepath'] === 'weights.bin') as unknown as { digest: string };
    const p = reg.blobPath(wl.digest);
    const buf = readFileSync(p);
    buf[100] = buf[100]! ^ 1;
    writeFileSync(p, buf);
    const b3 = await newCore();
    const e = await rejection(b3.core.invoke('models:pull', { source: `${ref}:1`, name: 'x' }));
    expect(e.code).toBe('DIGEST_MISMATCH');
    expect(e.message).toMatch(/digest/);
    expect(await b3.core.invoke('models:list', {})).toEqual([]);
  });
});
