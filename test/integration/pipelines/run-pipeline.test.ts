import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceId } from '../../../src/core/pipelines/workspace-id.js';
import type { Core } from '../../../src/core/index.js';
import type { RunLogEvent, RunStageEvent } from '../../../src/shared/contract/index.js';
import { dockerAvailable } from '../../helpers/docker.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { containersCreatedSince, kilnContainers, pipelineWorkspace } from './pipeline-workspace.js';

const hasDocker = await dockerAvailable();

describe.skipIf(!hasDocker)('a pipeline on the real engine', () => {
  const tmp = useTempDir('kiln-pipe-');
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('runs two stages, streams logs and metrics, then re-runs fully cached without a container', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    core = await pipelineWorkspace(
      dir,
      `stages:
  make:
    image: ${img}
    cmd: sh -c 'seq 1 500 > numbers/n.txt; for i in 1 2 3; do echo "{\\"metric\\":\\"loss\\",\\"step\\":$i,\\"value\\":0.$i}" >> $KILN_METRICS; done; echo not-json >> $KILN_METRICS; echo made; echo warn >&2'
    outputs: [numbers]
    params: {n: 500}
  total:
    image: ${img}
    cmd: sh -c 'wc -l < numbers/n.txt > total/count.txt && cat total/count.txt'
    inputs: [numbers/n.txt]
    outputs: [total]
`,
    );
    const logs: RunLogEvent[] = [];
    const stages: RunStageEvent[] = [];
    core.on('runs:log', (e) => logs.push(e));
    core.on('runs:stage', (e) => stages.push(e));
    const start = Math.floor(Date.now() / 1000);
    const r1 = await core.invoke('pipelines:run', {});
    expect(r1.status).toBe('done');
    expect(r1.stages.map((s) => s.status)).toEqual(['done', 'done']);
    const ws = join(dir, 'ws');
    expect(readFileSync(join(ws, 'total', 'count.txt'), 'utf8').trim()).toBe('500');
    expect(logs.filter((e) => e.stage === 'make').flatMap((e) => e.lines)).toEqual(expect.arrayContaining(['made', 'warn']));
    expect(logs.find((e) => e.lines.includes('warn'))!.stream).toBe('stderr');
    expect(stages.filter((s) => s.stage === 'total').map((s) => s.status)).toEqual(['running', 'done']);
    expect(r1.stages[0]!.metricPoints).toBe(3);
    expect(r1.stages[0]!.malformedMetricLines).toBe(1);
    const log = await core.invoke('pipelines:logs', { runId: r1.id, stage: 'total' });
    expect(log.lines[0]).toBe('500');
    expect(await kilnContainers(ws)).toEqual([]);
    expect(await containersCreatedSince(start, ws)).toBe(2); // the counter sees this workspace's containers

    const since = Math.floor(Date.now() / 1000);
    const r2 = await core.invoke('pipelines:run', {});
    expect(r2.stages.map((s) => s.status)).toEqual(['cached', 'cached']);
    expect(r2.seq).toBe(r1.seq + 1);
    expect(await containersCreatedSince(since, ws)).toBe(0);

    // a removed output comes back from the cache when the store has it, or the stage runs again
    const st = await core.invoke('pipelines:status', {});
    expect(st.every((s) => !s.stale)).toBe(true);
    writeFileSync(join(dir, 'ws', 'kiln.yaml'), readFileSync(join(dir, 'ws', 'kiln.yaml'), 'utf8').replace('n: 500', 'n: 501'));
    const st2 = await core.invoke('pipelines:status', {});
    expect(st2[0]!.reasons.map((x) => x.message)).toContain('param n changed (500 → 501)');
    expect(st2[1]!.reasons.some((x) => x.kind === 'upstream')).toBe(true);
    const dry = await core.invoke('pipelines:plan', {});
    expect(dry.map((s) => [s.stage, s.willRun])).toEqual([
      ['make', true],
      ['total', true],
    ]);
    expect(dry[0]!.reason).toContain('param n changed (500 → 501)');
  });

  it('runs independent stages in parallel and a named stage with its upstream only', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    core = await pipelineWorkspace(
      dir,
      `stages:
  a: {image: ${img}, cmd: [sh, -c, 'sleep 1; echo a > a/x'], outputs: [a]}
  b: {image: ${img}, cmd: [sh, -c, 'sleep 1; echo b > b/x'], outputs: [b]}
  c: {image: ${img}, cmd: [cat, a/x], inputs: [a]}
`,
    );
    const r = await core.invoke('pipelines:run', { stages: ['c'] });
    expect(r.stages.map((s) => s.stage)).toEqual(['a', 'c']);
    const all = await core.invoke('pipelines:run', { force: true });
    const [a, b] = all.stages;
    expect(a!.startedAt! < b!.endedAt! && b!.startedAt! < a!.endedAt!).toBe(true);
  });

  it('builds a stage image from a Dockerfile in the workspace', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    core = await pipelineWorkspace(dir, `stages:\n  built:\n    build: {dockerfile: docker/Dockerfile, context: docker}\n    cmd: [cat, /greeting]\n`);
    const ws = join(dir, 'ws');
    mkdirSync(join(ws, 'docker'));
    writeFileSync(join(ws, 'docker', 'Dockerfile'), `FROM ${img}\nCOPY greeting /greeting\n`);
    writeFileSync(join(ws, 'docker', 'greeting'), 'built by kiln\n');
    const logs: string[] = [];
    core.on('runs:log', (e) => logs.push(...e.lines));
    const r = await core.invoke('pipelines:run', {});
    expect(r.stages[0]!.status).toBe('done');
    expect(logs).toContain('built by kiln');
    await new Docker().getImage(`kiln-build/${workspaceId(ws)}-built:latest`).remove({ force: true }); // this test's image only
  });
});
