import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createCore, type Core } from '../../../src/core/index.js';
import type { EngineStatus } from '../../../src/shared/contract/index.js';
import { dockerAvailable } from '../../helpers/docker.js';
import { DockerSocketProxy } from '../../helpers/socket-proxy.js';

const hasDocker = await dockerAvailable();
let core: Core | undefined;
let proxy: DockerSocketProxy | undefined;
afterEach(async () => {
  await core?.close();
  await proxy?.close();
  core = undefined;
  proxy = undefined;
});

function waitFor(core: Core, state: EngineStatus['state'], ms: number): Promise<EngineStatus> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no engine:status ${state} within ${ms} ms`)), ms);
    const off = core.on('engine:status', (s) => {
      if (s.state === state) {
        clearTimeout(t);
        off();
        resolve(s);
      }
    });
  });
}

describe.skipIf(!hasDocker)('engine connection (real Docker engine)', () => {
  it('engine:info reports what `docker version` and `docker info` report', async () => {
    core = await createCore({ host: 'cli', kilnHome: join(tmpdir(), 'kiln-home-engine') });
    const info = await core.invoke('engine:info', {});
    const cliVersion = execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
    expect(info.version).toBe(cliVersion);
    expect(info.cpus).toBeGreaterThan(0);
    expect(info.memoryBytes).toBeGreaterThan(0);
    expect(info.runtimes).toContain('runc');
    expect(info.nvidiaRuntime).toBe(info.runtimes.includes('nvidia'));
    expect(await core.invoke('engine:status', {})).toMatchObject({ state: 'connected', version: cliVersion });
  });

  it('honours DOCKER_HOST, and pushes engine:status when the engine goes away and comes back', async () => {
    proxy = new DockerSocketProxy(join(tmpdir(), `kiln-docker-proxy-${process.pid}.sock`));
    await proxy.open();
    core = await createCore({
      host: 'server',
      env: { ...process.env, DOCKER_HOST: proxy.dockerHost },
      watchEngine: true,
      engineIntervalMs: 500,
      kilnHome: join(tmpdir(), 'kiln-home-engine'),
    });
    const up = await waitFor(core, 'connected', 5000);
    expect(up.host).toBe(proxy.path);
    await proxy.close();
    const down = await waitFor(core, 'unreachable', 5000);
    expect(down.message).toContain(`Docker engine not reachable at ${proxy.path}`);
    expect(down.message).toMatch(/start Docker Desktop or `dockerd`/);
    await expect(core.invoke('engine:info', {})).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' });
    await proxy.open();
    await waitFor(core, 'connected', 5000);
  });

  it('an engine that is not there is an answer, not a hang or a crash', async () => {
    core = await createCore({
      host: 'cli',
      env: { ...process.env, DOCKER_HOST: 'unix:///tmp/kiln-no-such-docker.sock' },
      kilnHome: join(tmpdir(), 'kiln-home-engine'),
    });
    const s = await core.invoke('engine:status', {});
    expect(s.state).toBe('unreachable');
    expect(s.message).toContain('/tmp/kiln-no-such-docker.sock');
  });
});
