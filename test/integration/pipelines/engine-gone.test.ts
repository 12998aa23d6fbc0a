import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/index.js';
import { dockerAvailable } from '../../helpers/docker.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { DockerSocketProxy } from '../../helpers/socket-proxy.js';
import { KILN_JS } from '../../helpers/kiln-cli.js';
import { kilnContainers, openCore, pipelineWorkspace } from './pipeline-workspace.js';

const hasDocker = await dockerAvailable();

async function until<T>(what: string, fn: () => Promise<T | null | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!hasDocker)('the engine or Kiln going away mid-run', () => {
  const tmp = useTempDir('kiln-gone-');
  const cores: Core[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
  });

  it('fails the run with the reason when the engine connection is cut, and leaves no orphan after restart', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    const proxy = new DockerSocketProxy(join(dir, 'docker.sock'));
    await proxy.open();
    try {
      const core = await pipelineWorkspace(
        dir,
        `stages:\n  long: {image: ${img}, cmd: [sh, -c, 'echo started; sleep 60'], outputs: [o]}\n  after: {image: ${img}, cmd: [ls, o], inputs: [o]}\n`,
        { DOCKER_HOST: proxy.dockerHost },
      );
      cores.push(core);
      const started = new Promise<void>((res) => core.on('runs:log', (e) => e.lines.includes('started') && res()));
      const run = core.invoke('pipelines:run', {});
      await started;
      await proxy.close(); // the engine "goes away" for this core; the shared dockerd keeps running
      const r = await run;
      expect(r.status).toBe('failed');
      expect(r.error).toMatch(/the Docker engine went away/);
      expect(r.stages.map((s) => s.status)).toEqual(['failed', 'not_run']);
      const ws = join(dir, 'ws');
      expect((await kilnContainers(ws)).length).toBe(1); // still there: Kiln could not reach the engine to remove it

      const restarted = await openCore(dir); // Kiln again, engine reachable: start-up cleans up by label
      cores.push(restarted);
      expect(await kilnContainers(ws)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('removes the containers of a workspace that was deleted during a run, from any other workspace', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    const proxy = new DockerSocketProxy(join(dir, 'docker.sock'));
    await proxy.open();
    try {
      const gone = await pipelineWorkspace(dir, `stages:\n  long: {image: ${img}, cmd: [sh, -c, 'echo started; sleep 2']}\n`, {
        DOCKER_HOST: proxy.dockerHost,
      });
      cores.push(gone);
      const started = new Promise<void>((res) => gone.on('runs:log', (e) => e.lines.includes('started') && res()));
      const run = gone.invoke('pipelines:run', {});
      await started;
      await proxy.close();
      expect((await run).status).toBe('failed');
      const ws = join(dir, 'ws');
      await gone.close();
      cores.splice(cores.indexOf(gone), 1);
      rmSync(ws, { recursive: true, force: true });
      await until('the left container to exit', async () => (await kilnContainers(ws)).every((c) => c.State === 'exited'));
      expect((await kilnContainers(ws)).length).toBe(1);
      const other = tmp();
      cores.push(await pipelineWorkspace(other, 'stages: {}\n'));
      expect(await kilnContainers(ws)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('after a crash, re-attaches to a container still running, records its end and removes it', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    const core = await pipelineWorkspace(dir, `stages:\n  s: {image: ${img}, cmd: [sh, -c, 'echo up; sleep 3; exit 4']}\n`);
    await core.close();
    const ws = join(dir, 'ws');
    const cli = spawn(process.execPath, [KILN_JS, 'run'], { cwd: ws, env: { ...process.env, KILN_HOME: join(dir, '.home') } });
    let out = '';
    cli.stderr.on('data', (d: Buffer) => (out += d));
    await until('the stage to start', async () => out.includes('up'));
    cli.kill('SIGKILL'); // Kiln crashes mid-run
    await new Promise((r) => cli.on('exit', r));
    expect((await kilnContainers(ws)).filter((c) => c.State === 'running').length).toBe(1);

    const restarted = await openCore(dir);
    cores.push(restarted);
    await until('the re-attached container to end and be removed', async () => (await kilnContainers(ws)).length === 0);
    const r = await until('the run to be marked', async () => {
      const x = await restarted.invoke('runs:get', { runId: 'latest' });
      return x.status !== 'running' && x;
    });
    expect(r.status).toBe('interrupted');
    expect(r.stages[0]).toMatchObject({ status: 'failed', exitCode: 4 });
    expect(r.stages[0]!.error).toMatch(/re-attached after restart/);
  });
});
