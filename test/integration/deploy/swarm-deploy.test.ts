import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/index.js';
import { makeModel } from '../../helpers/tfjs-models.js';
import { nodeImage } from '../../helpers/test-images.js';
import { freePort, startRegistry } from '../../helpers/throwaway-registry.js';
import { buildServingForTests } from '../../helpers/serving-bundle.js';
import { ensureSwarm, removeServicesOf } from '../../helpers/swarm.js';

/** Real Docker Swarm (the engine's own, initialised if needed), a real registry, real TF.js models. */
describe('deploy to Docker Swarm', () => {
  const docker = new Docker();
  let core: Core;
  let ws: string;
  let reg: { host: string; stop: () => void };
  let port: number;
  const infer = async (rows: number[][]) => {
    const r = await fetch(`http://127.0.0.1:${port}/v2/models/digits/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ name: 'input', shape: [rows.length, 2], datatype: 'FP32', data: rows.flat() }] }),
    });
    expect(r.status).toBe(200);
    return ((await r.json()) as { outputs: { data: number[] }[] }).outputs[0]!.data;
  };
  const served = async () => {
    const r = await fetch(`http://127.0.0.1:${port}/v2/models/digits`, { signal: AbortSignal.timeout(3000) }).catch(() => null);
    return r?.ok ? ((await r.json()) as { versions: string[] }).versions.join(',') : null;
  };

  beforeAll(async () => {
    await ensureSwarm(docker);
    ws = mkdtempSync(join(tmpdir(), 'kiln-deploy-ws-'));
    const models = mkdtempSync(join(tmpdir(), 'kiln-deploy-models-'));
    const serving = await buildServingForTests();
    core = await createCore({ host: 'cli', env: { ...process.env, KILN_SERVING_DIR: serving }, kilnHome: mkdtempSync(join(tmpdir(), 'kiln-home-')) });
    await core.invoke('workspaces:create', { path: ws });
    for (const k of ['good', 'bad', 'good'] as const)
      await core.invoke('models:register', { name: 'digits', path: await makeModel(join(models, `${k}-${Math.random()}`), k) });
    reg = await startRegistry();
    port = await freePort();
    await core.invoke('targets:add', { name: 'local', kind: 'swarm', registry: `${reg.host}/kiln`, baseImage: await nodeImage(), publishMode: 'host' });
  });
  afterAll(async () => {
    await removeServicesOf(docker, ws);
    await core?.close();
    reg?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('deploys v1 from the registry: OIP v2 answers equal the in-app prediction, /metrics counts them', async () => {
    const d = await core.invoke('deployments:create', { model: 'digits', version: 1, target: 'local', port });
    expect(d.status, d.reason ?? '').toBe('live');
    expect(d.url).toBe(`http://127.0.0.1:${port}`);
    expect(d.image).toMatch(new RegExp(`^${reg.host}/kiln/digits:1-[0-9a-f]{12}@sha256:`));
    expect(d.smoke?.ok).toBe(true);
    expect(Object.keys(d.timings)).toEqual(expect.arrayContaining(['build', 'push', 'rollout', 'smoke']));
    const catalog = (await (await fetch(`http://${reg.host}/v2/_catalog`)).json()) as { repositories: string[] };
    expect(catalog.repositories).toContain('kiln/digits');
    expect(await served()).toBe('1');
    const rows = [
      [0.9, 0.1],
      [0.1, 0.9],
      [0.3, 0.7],
      [0.55, 0.45],
    ];
    const out = await infer(rows);
    const { predictLocally } = await import('../../../src/core/deploy/local-predict.js');
    const dir = mkdtempSync(join(tmpdir(), 'kiln-co-'));
    await core.invoke('models:checkout', { ref: 'digits@1', dir });
    const inApp = (await predictLocally(dir, rows, [4, 2])).flat();
    out.forEach((v, i) => expect(v).toBeCloseTo(inApp[i]!, 5));
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^kiln_inference_requests_total\{.*code="200"\} [1-9]/m);
    expect(metrics).toMatch(/kiln_model_info\{model="digits",version="1"\} 1/);
    const stats = await core.invoke('deployments:stats', { id: d.id });
    expect(stats.requests).toBeGreaterThanOrEqual(2);
    expect(stats.replicas.filter((r) => r.healthy)).toHaveLength(1);
  });

  it('a rollout that cannot become healthy (8 MiB) is rolled back by Swarm and v1 keeps serving', async () => {
    const d = await core.invoke('deployments:create', { model: 'digits', version: 2, target: 'local', port, memory: '8m' });
    expect(d.status).toBe('rolled-back');
    expect(d.reason).toMatch(/rolled back/);
    for (let i = 0; i < 60 && (await served()) !== '1'; i++) await new Promise((r) => setTimeout(r, 1000));
    expect(await served()).toBe('1');
    const list = await core.invoke('deployments:list', { model: 'digits' });
    expect(list.find((x) => x.status === 'live')?.version).toBe(1);
  });

  it('deploys v3, then rollback by id returns to v1', async () => {
    const d3 = await core.invoke('deployments:create', { model: 'digits', version: 3, target: 'local', port });
    expect(d3.status, d3.reason ?? '').toBe('live');
    expect(await served()).toBe('3');
    const r = await core.invoke('deployments:rollback', { id: d3.id });
    expect(r.status, r.reason ?? '').toBe('live');
    expect(r.kind).toBe('rollback');
    expect(r.version).toBe(1);
    expect(await served()).toBe('1');
    expect((await core.invoke('deployments:get', { id: d3.id })).status).toBe('rolled-back');
  });

  it('refuses clearly: unregistered version, port taken, unreachable registry', async () => {
    await expect(core.invoke('deployments:create', { model: 'digits', version: 9, target: 'local' })).rejects.toThrow(
      /digits@9 is not a registered model version/,
    );
    const other = await freePort();
    const srv = (await import('node:net')).createServer().listen(other, '127.0.0.1');
    try {
      await expect(core.invoke('deployments:create', { model: 'digits', version: 1, target: 'local', port: other })).rejects.toThrow(
        new RegExp(`port ${other} is already taken`),
      );
    } finally {
      srv.close();
    }
    await core.invoke('targets:add', {
      name: 'noreg',
      kind: 'swarm',
      registry: `127.0.0.1:${await freePort()}/kiln`,
      baseImage: await nodeImage(),
      publishMode: 'host',
    });
    await expect(core.invoke('deployments:create', { model: 'digits', version: 1, target: 'noreg', port: await freePort() })).rejects.toThrow(
      /registry 127\.0\.0\.1:\d+ does not answer/,
    );
    expect(await served()).toBe('1');
  });

  it('rm of the live deployment removes its service', async () => {
    const live = (await core.invoke('deployments:list', { model: 'digits', target: 'local' })).find((d) => d.status === 'live')!;
    const r = await core.invoke('deployments:remove', { id: live.id });
    expect(r.removedService).toBe(true);
    expect(execFileSync('docker', ['service', 'ls', '-q', '--filter', `name=${live.service}`], { encoding: 'utf8' }).trim()).toBe('');
  });
});
