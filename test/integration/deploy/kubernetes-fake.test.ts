import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/index.js';
import { nodeImage } from '../../helpers/test-images.js';
import { startRegistry } from '../../helpers/throwaway-registry.js';
import { buildServingForTests } from '../../helpers/serving-bundle.js';
import type { FakeKubeApi } from '../../helpers/fake-kube-api.js';
import { startServingBackends, type ServingBackends } from '../../helpers/serving-backends.js';
import { kiln } from '../../helpers/kiln-cli.js';
import { loadOfficialValidator } from '../../helpers/kube-official-schemas.js';
import { deploymentManifest, serviceManifest } from '../../../src/core/deploy/kubernetes/manifests.js';
import { inferenceServiceManifest } from '../../../src/core/deploy/kubernetes/kserve-manifest.js';

/**
 * Kubernetes flows against a FAKE API server (no real one can run here): the images are built and
 * pushed for real, every object Kiln sends is schema-checked, and the fake's "pods" are real
 * serving servers (the same code as the image) chosen by the image's version tag.
 */
describe('deploy to Kubernetes (fake API server)', () => {
  let core: Core;
  let fake: FakeKubeApi;
  let dir: string;
  let reg: { host: string; stop: () => void };
  let backends: ServingBackends;
  const deployment = () => [...fake.deployments.values()][0]!;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-k8s-'));
    backends = await startServingBackends(dir);
    const kubeconfig = join(dir, 'kubeconfig');
    fake = await backends.startFake(kubeconfig);
    reg = await startRegistry();
    core = await createCore({
      host: 'cli',
      env: { ...process.env, KUBECONFIG: kubeconfig, KILN_SERVING_DIR: await buildServingForTests() },
      kilnHome: join(dir, 'home'),
    });
    await core.invoke('workspaces:create', { path: join(dir, 'ws') });
    for (const d of backends.modelDirs) await core.invoke('models:register', { name: 'digits', path: d });
    await core.invoke('targets:add', {
      name: 'k8s',
      kind: 'kubernetes',
      context: 'fake',
      namespace: 'ml',
      registry: `${reg.host}/kiln`,
      baseImage: await nodeImage(),
    });
  });
  afterAll(async () => {
    await core?.close();
    await backends?.stop();
    reg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys v1 as a Deployment + Service; the smoke test goes through the service proxy; objects are schema-valid', async () => {
    const d = await core.invoke('deployments:create', { model: 'digits', version: 1, target: 'k8s', gpus: 1, memory: '256m', cpus: 0.5 });
    expect(d.status, d.reason ?? '').toBe('live');
    expect(d.smoke?.ok).toBe(true);
    expect(d.url).toMatch(/^http:\/\/kiln-digits-[0-9a-f]{6}\.ml\.svc:8080$/);
    const dep = deployment();
    const c = dep.spec.template.spec.containers[0];
    expect(c.image).toMatch(new RegExp(`^${reg.host}/kiln/digits:1-[0-9a-f]{12}@sha256:`));
    expect(c.resources.limits).toEqual({ memory: '256Mi', cpu: '500m', 'nvidia.com/gpu': '1' });
    expect(c.readinessProbe.httpGet.path).toBe('/v2/health/ready');
    expect(fake.services.size).toBe(1);
    expect(fake.validated.length).toBeGreaterThanOrEqual(2);
    expect(fake.validated.filter((v) => !v.ok)).toEqual([]);
    if (fake.official) expect(fake.validated.every((v) => v.official)).toBe(true);
    const stats = await core.invoke('deployments:stats', { id: d.id });
    expect(stats.servedVersion).toBe('1');
    expect(stats.replicas).toHaveLength(1);
  });

  it('a rollout that never gets ready is rolled back to the previous ReplicaSet revision; v1 keeps serving', async () => {
    const d = await core.invoke('deployments:create', { model: 'digits', version: 2, target: 'k8s', memory: '8m' });
    expect(d.status).toBe('rolled-back');
    expect(d.reason).toMatch(/ProgressDeadlineExceeded.*rolled back to revision 1/);
    expect(deployment().spec.template.spec.containers[0].image).toMatch(/digits:1-/);
    expect(deployment().metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect((await core.invoke('deployments:list', { target: 'k8s' })).find((x) => x.status === 'live')?.version).toBe(1);
  });

  it('deploys v3, then rollback by id returns to v1', async () => {
    const d3 = await core.invoke('deployments:create', { model: 'digits', version: 3, target: 'k8s' });
    expect(d3.status, d3.reason ?? '').toBe('live');
    expect(deployment().spec.template.spec.containers[0].image).toMatch(/digits:3-/);
    const r = await core.invoke('deployments:rollback', { id: d3.id });
    expect(r.status, r.reason ?? '').toBe('live');
    expect(r.version).toBe(1);
    expect(deployment().spec.template.spec.containers[0].image).toMatch(/digits:1-/);
    expect(fake.validated.filter((v) => !v.ok)).toEqual([]);
  });

  it('names a missing kubeconfig context or namespace', async () => {
    await core.invoke('targets:add', { name: 'nocontext', kind: 'kubernetes', context: 'prod', registry: `${reg.host}/kiln` });
    await expect(core.invoke('deployments:create', { model: 'digits', version: 1, target: 'nocontext' })).rejects.toThrow(
      /has no context "prod"; its contexts are: fake/,
    );
    await core.invoke('targets:add', { name: 'nons', kind: 'kubernetes', context: 'fake', namespace: 'nowhere', registry: `${reg.host}/kiln` });
    await expect(core.invoke('deployments:create', { model: 'digits', version: 1, target: 'nons' })).rejects.toThrow(
      /namespace "nowhere" does not exist in context "fake"/,
    );
    // the built CLI imports client-node on first use; the second run goes through its code cache
    const calls = fake.authorizations.length;
    for (let i = 0; i < 2; i++) {
      const r = await kiln(['deploy', 'digits@1', '--target', 'nons'], {
        cwd: join(dir, 'ws'),
        env: { KILN_HOME: join(dir, 'home'), KUBECONFIG: join(dir, 'kubeconfig') },
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/namespace "nowhere" does not exist in context "fake"/);
      expect(r.stderr).not.toMatch(/Warning/);
    }
    expect(fake.authorizations.slice(calls)).toEqual(['Bearer fake-token', 'Bearer fake-token']);
  });

  it('rm removes the Deployment and the Service', async () => {
    const live = (await core.invoke('deployments:list', { target: 'k8s' })).find((d) => d.status === 'live')!;
    expect((await core.invoke('deployments:remove', { id: live.id })).removedService).toBe(true);
    expect(fake.deployments.size).toBe(0);
    expect(fake.services.size).toBe(0);
  });
});

describe('the official Kubernetes schemas (kubernetes-models)', () => {
  it("accept Kiln's manifests and refuse a wrong type, naming the field", async (ctx) => {
    const official = await loadOfficialValidator().catch((e: Error) => {
      if (process.env.CI === 'true' || process.env.CI === '1') throw e;
      return null;
    });
    if (!official) return ctx.skip();
    const spec = {
      service: 'kiln-digits-abc123',
      image: '127.0.0.1:5000/kiln/digits:1-0123456789ab',
      model: 'digits',
      version: 1,
      deploymentId: 'dep-1',
      replicas: 2,
      port: null,
      gpus: 1,
      memoryBytes: 256 * 1048576,
      cpus: 0.5,
      labels: {},
    };
    expect(official('Deployment', deploymentManifest(spec, 'ml'))).toBeNull();
    expect(official('Service', serviceManifest(spec, 'ml'))).toBeNull();
    expect(official('InferenceService', inferenceServiceManifest(spec, 'ml'))).toBeNull();
    const bad = deploymentManifest(spec, 'ml') as { spec: { replicas: unknown } };
    bad.spec.replicas = 'two';
    expect(official('Deployment', bad)).toMatch(/spec\/replicas must be integer/);
    const badIsvc = inferenceServiceManifest(spec, 'ml') as { spec: { predictor: { containers: { ports: { containerPort: unknown }[] }[] } } };
    badIsvc.spec.predictor.containers[0]!.ports[0]!.containerPort = '8080';
    expect(official('InferenceService', badIsvc)).toMatch(/containers\[0\].*containerPort must be integer/);
  });
});
