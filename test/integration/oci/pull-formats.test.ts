import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { RegistryClient } from '../../../src/core/oci/registry-client.js';
import { uploadBlob } from '../../../src/core/oci/blob-upload.js';
import { bufferSource } from '../../../src/core/oci/blob-source.js';
import { putManifest, attachReferrer, listReferrers, referrersTag, getManifest } from '../../../src/core/oci/manifests.js';
import { OCI_MANIFEST, OCI_EMPTY, CNAI_ARTIFACT, CNAI_CONFIG, KITOPS_CONFIG, KILN_GATE_REPORT_ARTIFACT } from '../../../src/core/oci/media-types.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { useDataCore } from '../datasets/data-workspace.js';
import { TestRegistry } from '../../helpers/oci-registry.js';

const tmp = useTempDir('push-fmt-');
const newCore = useDataCore(tmp);
const registries: TestRegistry[] = [];
afterEach(async () => {
  for (const r of registries.splice(0)) await r.dispose();
});

async function pushArtifact(
  client: RegistryClient,
  repo: string,
  tag: string,
  config: { mediaType: string; body: Buffer },
  layers: { mediaType: string; body: Buffer; annotations?: Record<string, string> }[],
  artifactType?: string,
): Promise<string> {
  const cfg = bufferSource(config.body);
  await uploadBlob(client, repo, cfg);
  const descs = [];
  for (const l of layers) {
    const s = bufferSource(l.body);
    await uploadBlob(client, repo, s);
    descs.push({ mediaType: l.mediaType, digest: s.digest, size: l.body.length, ...(l.annotations ? { annotations: l.annotations } : {}) });
  }
  const m = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    ...(artifactType ? { artifactType } : {}),
    config: { mediaType: config.mediaType, digest: cfg.digest, size: config.body.length },
    layers: descs,
  };
  return putManifest(client, repo, tag, Buffer.from(JSON.stringify(m)), OCI_MANIFEST);
}

describe('pulling other model artifact formats', () => {
  it('pulls a KitOps ModelKit (tar+gzip layers) and an older CNAI artifact into the registry', async () => {
    const reg = new TestRegistry();
    registries.push(reg);
    await reg.start();
    const client = new RegistryClient(reg.host);
    const d = tmp();
    const src = join(d, 'kit');
    mkdirSync(join(src, 'model'), { recursive: true });
    writeFileSync(join(src, 'model', 'weights.bin'), Buffer.alloc(50_000, 3));
    writeFileSync(join(src, 'README.md'), '# kit\n');
    execFileSync('tar', ['-czf', join(d, 'model.tgz'), '-C', src, 'model']);
    execFileSync('tar', ['-czf', join(d, 'docs.tgz'), '-C', src, 'README.md']);
    const kitfile = {
      manifestVersion: '1.0.0',
      package: { name: 'kitmodel', version: '1.0' },
      model: { path: 'model/weights.bin' },
      docs: [{ path: 'README.md' }],
    };
    await pushArtifact(client, 'kit/m', 'v1', { mediaType: KITOPS_CONFIG, body: Buffer.from(JSON.stringify(kitfile)) }, [
      { mediaType: 'application/vnd.kitops.modelkit.model.v1.tar+gzip', body: readFileSync(join(d, 'model.tgz')) },
      { mediaType: 'application/vnd.kitops.modelkit.docs.v1.tar+gzip', body: readFileSync(join(d, 'docs.tgz')) },
    ]);
    const { core, base } = await newCore();
    const kit = await core.invoke('models:pull', { source: `${reg.host}/kit/m:v1` });
    expect(kit.format).toBe('kitops');
    expect(kit.model.name).toBe('kitmodel');
    const out = join(base, 'kit-out');
    await core.invoke('models:checkout', { ref: `kitmodel@${kit.model.version}`, dir: out });
    expect(readFileSync(join(out, 'model', 'weights.bin')).equals(Buffer.alloc(50_000, 3))).toBe(true);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('# kit\n');

    await pushArtifact(
      client,
      'cnai/m',
      'v1',
      { mediaType: CNAI_CONFIG, body: Buffer.from(JSON.stringify({ descriptor: { name: 'old' }, modelfs: { type: 'layers', diffIds: [] } })) },
      [{ mediaType: 'application/vnd.cnai.model.weight.v1.raw', body: Buffer.alloc(10_000, 9), annotations: { 'org.cnai.model.filepath': 'w/model.bin' } }],
      CNAI_ARTIFACT,
    );
    const old = await core.invoke('models:pull', { source: `${reg.host}/cnai/m:v1`, name: 'legacy' });
    expect(old.format).toBe('cnai');
    expect(old.model.name).toBe('legacy');
    expect(old.model.files).toBe(1);
  });

  it('refuses to pull a dataset or an unknown artifact as a model', async () => {
    const reg = new TestRegistry();
    registries.push(reg);
    await reg.start();
    const client = new RegistryClient(reg.host);
    await pushArtifact(
      client,
      'x/y',
      'v1',
      { mediaType: OCI_EMPTY, body: Buffer.from('{}') },
      [{ mediaType: 'application/octet-stream', body: Buffer.from('z') }],
      'application/vnd.example.thing',
    );
    const { core } = await newCore();
    await expect(core.invoke('models:pull', { source: `${reg.host}/x/y:v1` })).rejects.toThrow(/not a model artifact/);
  });
});

describe('referrers', () => {
  it('attaches a gate report as a referrer with the sha256-<hex> fallback tag on a registry without the referrers API', async () => {
    const reg = new TestRegistry();
    registries.push(reg);
    await reg.start();
    const client = new RegistryClient(reg.host);
    const subject = await pushArtifact(client, 'r/m', 'v1', { mediaType: OCI_EMPTY, body: Buffer.from('{}') }, [
      { mediaType: 'application/octet-stream', body: Buffer.from('model') },
    ]);
    const sub = await getManifest(client, 'r/m', subject);
    const report = bufferSource(Buffer.from('{"passed":true}'));
    await uploadBlob(client, 'r/m', report);
    const refm = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: KILN_GATE_REPORT_ARTIFACT,
      config: { mediaType: OCI_EMPTY, digest: bufferSource(Buffer.from('{}')).digest, size: 2 },
      layers: [{ mediaType: KILN_GATE_REPORT_ARTIFACT, digest: report.digest, size: report.size }],
      subject: { mediaType: OCI_MANIFEST, digest: subject, size: sub!.body.length },
    };
    const r = await attachReferrer(client, 'r/m', subject, {
      body: Buffer.from(JSON.stringify(refm)),
      mediaType: OCI_MANIFEST,
      artifactType: KILN_GATE_REPORT_ARTIFACT,
    });
    expect(r.fallbackTag).toBe(referrersTag(subject));
    const list = await listReferrers(client, 'r/m', subject);
    expect(list.map((d) => d.digest)).toEqual([r.digest]);
    expect(list[0]!.artifactType).toBe(KILN_GATE_REPORT_ARTIFACT);
    const raw = execFileSync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${reg.host}/r/m:${referrersTag(subject)}`]).toString();
    expect(raw).toContain(r.digest);
  });
});
