import { describe, expect, it } from 'vitest';
import { containerOptions } from '../../../../src/core/pipelines/container-spec.js';
import { parseSpec } from '../../../../src/core/pipelines/spec/parse-spec.js';

const stage = (yaml: string) => {
  const r = parseSpec(`stages:\n  train:\n${yaml}`, 'kiln.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.pipeline.stages[0]!;
};

describe('containerOptions', () => {
  const s = stage(
    '    image: img\n    cmd: [python, train.py]\n    outputs: [model]\n    inputs: [data:mnist@2]\n    memory: 1g\n    cpus: 1.5\n    gpus: 2\n    params: {lr: 0.1}\n    env: {A: x}\n',
  );
  const o = containerOptions({
    stage: s,
    imageId: 'sha256:abc',
    runId: 'run-1',
    workspaceRoot: '/ws',
    workspaceId: 'w1',
    outputs: [{ path: 'model', host: '/ws/model' }],
    datasets: [{ host: '/ws/.kiln/cache/inputs/d', name: 'mnist' }],
    metricsHostDir: '/ws/.kiln/runs/run-1/train.metrics',
    gpuIds: ['GPU-a', 'GPU-b'],
    user: '1000:1000',
  });

  it('sends the exact DeviceRequests for the scheduled GPUs', () => {
    expect(o.HostConfig!.DeviceRequests).toEqual([{ Driver: 'nvidia', Count: 0, DeviceIDs: ['GPU-a', 'GPU-b'], Capabilities: [['gpu']], Options: {} }]);
  });
  it('mounts code read-only, outputs writable, datasets read-only, never the Docker socket', () => {
    expect(o.HostConfig!.Binds).toEqual([
      '/ws:/work:ro',
      '/ws/model:/work/model:rw',
      '/ws/.kiln/cache/inputs/d:/data/mnist:ro',
      '/ws/.kiln/runs/run-1/train.metrics:/kiln:rw',
    ]);
    expect(JSON.stringify(o)).not.toMatch(/docker\.sock/);
    expect(o.HostConfig!.Privileged).toBe(false);
    expect(o.HostConfig!.NetworkMode).toBe('none');
  });
  it('applies limits, labels, params and the metrics file', () => {
    expect(o.HostConfig!.Memory).toBe(1024 ** 3);
    expect(o.HostConfig!.MemorySwap).toBe(1024 ** 3);
    expect(o.HostConfig!.NanoCpus).toBe(1.5e9);
    expect(o.Labels).toMatchObject({ 'kiln.run': 'run-1', 'kiln.stage': 'train', 'kiln.workspace': '/ws', 'kiln.managed': '1' });
    expect(o.Env).toEqual(expect.arrayContaining(['A=x', 'KILN_PARAM_LR=0.1', 'KILN_METRICS=/kiln/metrics.jsonl', 'KILN_STAGE=train']));
    expect(o.Cmd).toEqual(['python', 'train.py']);
    expect(o.User).toBe('1000:1000');
    expect(o.HostConfig!.LogConfig).toEqual({ Type: 'none', Config: {} }); // Kiln keeps the log itself
  });
  it('sends no DeviceRequests without GPUs', () => {
    const plain = containerOptions({
      stage: stage('    image: i\n    cmd: [x]\n'),
      imageId: 'i',
      runId: 'r',
      workspaceRoot: '/ws',
      workspaceId: 'w',
      outputs: [],
      datasets: [],
      metricsHostDir: null,
      gpuIds: [],
      user: null,
    });
    expect(plain.HostConfig!.DeviceRequests).toBeUndefined();
    expect(plain.Env!.some((e) => e.startsWith('KILN_METRICS='))).toBe(false);
  });
});
