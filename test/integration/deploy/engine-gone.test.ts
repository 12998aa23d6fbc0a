import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/index.js';
import { makeModel } from '../../helpers/tfjs-models.js';
import { nodeImage } from '../../helpers/test-images.js';
import { startRegistry } from '../../helpers/throwaway-registry.js';
import { buildServingForTests } from '../../helpers/serving-bundle.js';
import { ensureSwarm, removeServicesOf } from '../../helpers/swarm.js';
import { DockerSocketProxy } from '../../helpers/socket-proxy.js';

/** The target's engine (reached through a socket proxy) goes away in the middle of a rollout. */
describe('deploy: the engine goes away mid-rollout', () => {
  const docker = new Docker();
  let core: Core;
  let dir: string;
  let reg: { host: string; stop: () => void };
  let proxy: DockerSocketProxy;

  beforeAll(async () => {
    await ensureSwarm(docker);
    dir = mkdtempSync(join(tmpdir(), 'kiln-gone-'));
    proxy = new DockerSocketProxy(join(dir, 'docker.sock'));
    await proxy.open();
    core = await createCore({ host: 'cli', env: { ...process.env, KILN_SERVING_DIR: await buildServingForTests() }, kilnHome: join(dir, 'home') });
    await core.invoke('workspaces:create', { path: join(dir, 'ws') });
    await core.invoke('models:register', { name: 'digits', path: await makeModel(join(dir, 'm1'), 'good') });
    reg = await startRegistry();
    await core.invoke('targets:add', {
      name: 'proxied',
      kind: 'swarm',
      dockerHost: proxy.dockerHost,
      registry: `${reg.host}/kiln`,
      baseImage: await nodeImage(),
      publishMode: 'host',
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await removeServicesOf(docker, join(dir, 'ws'));
    await core?.close();
    reg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails with a clear ENGINE_UNREACHABLE message and records the deployment as failed', async () => {
    const jobId = 'gone-1';
    const off = core.on('jobs:progress', (p) => {
      if (p.jobId === jobId && p.phase === 'rollout') void proxy.close();
    });
    const e = await core.invoke('deployments:create', { model: 'digits', version: 1, target: 'proxied', jobId }).catch((x: unknown) => x);
    off();
    expect((e as { code?: string }).code).toBe('ENGINE_UNREACHABLE');
    expect((e as Error).message).toMatch(/the Docker engine went away during the rollout of kiln-digits-[0-9a-f]{6}.*Swarm keeps the service/);
    const [d] = await core.invoke('deployments:list', { model: 'digits' });
    expect(d!.status).toBe('failed');
    expect(d!.reason).toMatch(/went away/);
  });
});
