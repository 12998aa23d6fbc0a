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

/**
 * KServe InferenceServices (custom predictor) against a FAKE Kubernetes API server that also plays
 * KServe: images built and pushed for real, every InferenceService schema-checked, the fake's
 * predictor "pods" real serving servers chosen by the image's version tag.
 */
describe('deploy to Kubernetes as a KServe InferenceService (fake API server)', () => {
  let core: Core;
  let fake: FakeKubeApi;
  let dir: string;
  let reg: { host: string; stop: () => void };
  let backends: ServingBackends;
  const isvc = () => [...fake.inferenceServices.values()][0]!;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-kserve-'));
    backends = await startServingBackends(dir);
    fake = await backends.startFake(join(dir, 'kubeconfig'), { kserve: true });
    // a cluster without KServe, for the refusal below
    await backends.startFake(join(dir, 'plain-kubeconfig'));
    reg = await startRegistry();
    core = await createCore({
      host: 'cli',
      env: { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KILN_SERVING_DIR: await buildServingForTests() },
      kilnHome: join(dir, 'home'),
    });
    await core.invoke('workspaces:create', { path: join(dir, 'ws') });
    for (const d of backends.modelDirs) await core.invoke('models:register', { name: 'digits', path: d });
    await core.invoke('targets:add', {
      name: 'ks',
      kind: 'kubernetes',
      kserve: true,
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

  it('deploys v1 as an InferenceService with a custom predictor: readiness, GPU limits, replicas; smoke test through the predictor', async () => {
    expect((await core.invoke('targets:list', {})).find((t) => t.name === 'ks')?.kserve).toBe(true);
    const d = await core.invoke('deployments:create', { model: 'digits', version: 1, target: 'ks', replicas: 2, gpus: 1, memory: '256m', cpus: 0.5 });
    expect(d.status, d.reason ?? '').toBe('live');
    expect(d.smoke?.ok).toBe(true);
    expect(d.url).toMatch(/^http:\/\/kiln-digits-[0-9a-f]{6}\.ml\.example\.com$/);
    const o = isvc();
    expect(o.apiVersion).toBe('serving.kserve.io/v1beta1');
    expect(o.spec.predictor).toMatchObject({ minReplicas: 2, maxReplicas: 2 });
    const c = o.spec.predictor.containers[0];
    expect(c.name).toBe('kserve-container');
    expect(c.image).toMatch(new RegExp(`^${reg.host}/kiln/digits:1-[0-9a-f]{12}@sha256:`));
    expect(c.resources.limits).toEqual({ memory: '256Mi', cpu: '500m', 'nvidia.com/gpu': '1' });
    expect(c.readinessProbe.httpGet.path).toBe('/v2/health/ready');
    // no Deployment or Service of Kiln's own: KServe makes them
    expect(fake.deployments.size + fake.services.size).toBe(0);
    expect(fake.validated.filter((v) => v.kind === 'InferenceService').length).toBeGreaterThanOrEqual(1);
    expect(fake.validated.filter((v) => !v.ok)).toEqual([]);
    if (fake.official) expect(fake.validated.every((v) => v.official)).toBe(true);
    const stats = await core.invoke('deployments:stats', { id: d.id });
    expect(stats.servedVersion).toBe('1');
    expect(stats.replicas.filter((r) => r.healthy)).toHaveLength(2);
  });

  it('a predictor that never gets ready: the previous predictor is put back and v1 keeps serving', async () => {
    const d = await core.invoke('deployments:create', { model: 'digits', version: 2, target: 'ks', memory: '8m' });
    expect(d.status).toBe('rolled-back');
    expect(d.reason).toMatch(/RevisionFailed.*rolled back to kiln-digits-[0-9a-f]{6}-predictor-00001/);
    expect(isvc().spec.predictor.containers[0].image).toMatch(/digits:1-/);
    expect((await core.invoke('deployments:list', { target: 'ks' })).find((x) => x.status === 'live')?.version).toBe(1);
    const live = (await core.invoke('deployments:list', { target: 'ks' })).find((x) => x.status === 'live')!;
    expect((await core.invoke('deployments:stats', { id: live.id })).servedVersion).toBe('1');
  });

  it('deploys v3, then rollback by id returns to v1; every object sent was schema-valid', async () => {
    const d3 = await core.invoke('deployments:create', { model: 'digits', version: 3, target: 'ks' });
    expect(d3.status, d3.reason ?? '').toBe('live');
    expect(isvc().spec.predictor.containers[0].image).toMatch(/digits:3-/);
    const r = await core.invoke('deployments:rollback', { id: d3.id });
    expect(r.status, r.reason ?? '').toBe('live');
    expect(r.version).toBe(1);
    expect(isvc().spec.predictor.containers[0].image).toMatch(/digits:1-/);
    expect(fake.validated.filter((v) => !v.ok)).toEqual([]);
  });

  it('refuses clearly: a cluster without KServe, --kserve on a Swarm target', async () => {
    await core.invoke('targets:add', {
      name: 'nokserve',
      kind: 'kubernetes',
      kserve: true,
      kubeconfig: join(dir, 'plain-kubeconfig'),
      registry: `${reg.host}/kiln`,
    });
    await expect(core.invoke('deployments:create', { model: 'digits', version: 1, target: 'nokserve' })).rejects.toThrow(
      /does not serve serving\.kserve\.io\/v1beta1: KServe is not installed there/,
    );
    await expect(core.invoke('targets:add', { name: 'sw', kind: 'swarm', kserve: true })).rejects.toThrow(/--kserve are for Kubernetes targets/);
  });

  it('kiln targets add --kubernetes --kserve', async () => {
    const r = await kiln(['targets', 'add', 'ks-cli', '--kubernetes', '--kserve', '--context', 'fake', '--namespace', 'ml', '--json'], {
      cwd: join(dir, 'ws'),
      env: { KILN_HOME: join(dir, 'home'), KUBECONFIG: join(dir, 'kubeconfig') },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'ks-cli', kind: 'kubernetes', kserve: true, namespace: 'ml' });
    const ls = await kiln(['targets', 'ls'], { cwd: join(dir, 'ws'), env: { KILN_HOME: join(dir, 'home') } });
    expect(ls.stdout).toMatch(/ks-cli.*KServe InferenceService/);
  });

  it('rm removes the InferenceService', async () => {
    const live = (await core.invoke('deployments:list', { target: 'ks' })).find((d) => d.status === 'live')!;
    expect((await core.invoke('deployments:remove', { id: live.id })).removedService).toBe(true);
    expect(fake.inferenceServices.size).toBe(0);
  });

  it('the fake refuses an InferenceService with fields KServe does not have', async () => {
    const r = await fetch(`${fake.url}/apis/serving.kserve.io/v1beta1/namespaces/ml/inferenceservices`, {
      method: 'POST',
      headers: { authorization: 'Bearer fake-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'serving.kserve.io/v1beta1',
        kind: 'InferenceService',
        metadata: { name: 'x' },
        spec: { predictor: { replicas: 2, containers: [{ name: 'kserve-container', image: 'i' }] } },
      }),
    });
    expect(r.status).toBe(422);
    expect(await r.text()).toMatch(/predictor.*replicas|Unrecognized key/);
  });
});
