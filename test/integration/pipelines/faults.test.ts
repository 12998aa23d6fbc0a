import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/index.js';
import { dockerAvailable } from '../../helpers/docker.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { kilnContainers, pipelineWorkspace } from './pipeline-workspace.js';

const hasDocker = await dockerAvailable();

describe.skipIf(!hasDocker)('pipeline faults, each on the real engine', () => {
  const tmp = useTempDir('kiln-fault-');
  let core: Core | null = null;
  let ws = '';
  afterEach(async () => {
    await core?.close();
    core = null;
    expect(await kilnContainers(ws)).toEqual([]);
  });
  const open = async (yaml: string) => {
    const dir = tmp();
    ws = join(dir, 'ws');
    core = await pipelineWorkspace(dir, yaml);
    return core;
  };

  it('refuses malformed YAML, naming the line', async () => {
    const c = await open('stages:\n  a:\n    image: [unclosed\n');
    await expect(c.invoke('pipelines:run', {})).rejects.toMatchObject({
      code: 'PIPELINE_INVALID',
      message: expect.stringMatching(/^kiln\.yaml:3:12: YAML syntax error at line \d+/),
    });
    const got = await c.invoke('pipelines:get', {});
    expect(got.pipeline).toBeNull();
    expect(got.issues[0]).toMatchObject({ file: 'kiln.yaml', line: 3 });
  });

  it('refuses an unknown key with a did-you-mean, and a cycle by name', async () => {
    const img = await busyboxImage();
    const c = await open(`stages:\n  a:\n    image: ${img}\n    cmd: [echo]\n    imgae: x\n`);
    await expect(c.invoke('pipelines:run', {})).rejects.toThrow(/kiln\.yaml:5:5: stages\.a\.imgae: unknown key `imgae` — did you mean `image`\?/);
    writeFileSync(
      join(ws, 'kiln.yaml'),
      `stages:
  a: {image: ${img}, cmd: [x], inputs: [c], outputs: [a]}
  b: {image: ${img}, cmd: [x], inputs: [a], outputs: [b]}
  c: {image: ${img}, cmd: [x], inputs: [b], outputs: [c]}
`,
    );
    await expect(c.invoke('pipelines:run', {})).rejects.toThrow(/cycle: a → b → c → a/);
  });

  it('names a nonexistent image and starts nothing', async () => {
    const img = await busyboxImage();
    const c = await open(`stages:\n  ok: {image: ${img}, cmd: [echo]}\n  bad: {image: kiln-test/does-not-exist:0, cmd: [x]}\n`);
    const r = await c.invoke('pipelines:run', {});
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/image "kiln-test\/does-not-exist:0" is not on this machine and could not be pulled/);
    expect(r.stages.find((s) => s.stage === 'ok')!.status).toBe('not_run');
  });

  it('reports a non-zero exit code and does not run the dependents', async () => {
    const img = await busyboxImage();
    const c = await open(
      `stages:\n  bad: {image: ${img}, cmd: [sh, -c, 'echo dying; exit 3'], outputs: [o]}\n  after: {image: ${img}, cmd: [ls, o], inputs: [o]}\n`,
    );
    const r = await c.invoke('pipelines:run', {});
    expect(r.status).toBe('failed');
    expect(r.stages[0]).toMatchObject({ status: 'failed', exitCode: 3, error: 'exited with code 3' });
    expect(r.stages[1]).toMatchObject({ status: 'not_run', error: expect.stringMatching(/upstream stage "bad"/) });
    expect(r.error).toMatch(/stage bad failed: exited with code 3/);
  });

  it('reports an OOM kill at the memory limit', async () => {
    const img = await busyboxImage();
    const c = await open(`stages:\n  hog: {image: ${img}, cmd: [tail, /dev/zero], memory: 16m}\n`);
    const r = await c.invoke('pipelines:run', {});
    expect(r.stages[0]).toMatchObject({ status: 'failed', oomKilled: true, exitCode: 137 });
    expect(r.stages[0]!.error).toMatch(/out of memory \(memory limit 16 MiB\)/);
  });

  it('stops a stage at its timeout', async () => {
    const img = await busyboxImage();
    const c = await open(`stages:\n  slow: {image: ${img}, cmd: [sleep, '30'], timeout: 1s}\n`);
    const t0 = Date.now();
    const r = await c.invoke('pipelines:run', {});
    expect(r.stages[0]).toMatchObject({ status: 'failed', error: 'timed out after 1s (timeout in kiln.yaml)' });
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('refuses a workspace path input that does not exist, before running anything', async () => {
    const img = await busyboxImage();
    const c = await open(`stages:\n  a: {image: ${img}, cmd: [cat, data/raw.csv], inputs: [data/raw.csv]}\n`);
    await expect(c.invoke('pipelines:run', {})).rejects.toThrow(
      /kiln\.yaml:2:\d+: stages\.a\.inputs\[0\]: input "data\/raw\.csv" does not exist in the workspace and no stage writes it/,
    );
  });

  it('cancels: TERM first, KILL after the grace period for a stage that ignores TERM', async () => {
    const img = await busyboxImage();
    const c = await open(
      `stages:\n  stubborn: {image: ${img}, cmd: [sh, -c, 'trap "echo got TERM" TERM; while true; do sleep 1; done'], outputs: [o]}\n  next: {image: ${img}, cmd: [ls, o], inputs: [o]}\n`,
    );
    const logs: string[] = [];
    c.on('runs:log', (e) => logs.push(...e.lines));
    const started = new Promise<string>((res) => c.on('runs:stage', (e) => e.status === 'running' && res(e.runId)));
    const run = c.invoke('pipelines:run', {});
    const runId = await started;
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    expect(await c.invoke('pipelines:cancel', { runId })).toEqual({ cancelled: true });
    const r = await run;
    expect(r.status).toBe('cancelled');
    expect(r.stages.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400); // waited the 1.5 s grace before KILL
    expect(logs.some((l) => /cancelled, stopping \(TERM, then KILL/.test(l))).toBe(true);
  });
});
