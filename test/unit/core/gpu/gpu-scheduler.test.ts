import { describe, expect, it } from 'vitest';
import { GpuScheduler } from '../../../../src/core/gpu/gpu-scheduler.js';
import { nvidiaDeviceRequests } from '../../../../src/core/gpu/device-requests.js';
import { gpuUnsupportedReason } from '../../../../src/core/gpu/gpu-support.js';

const settled = async <T>(p: Promise<T>) => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('GpuScheduler', () => {
  it('gives specific free devices exclusively and queues until they are released', async () => {
    const s = new GpuScheduler(['GPU-a', 'GPU-b', 'GPU-c']);
    expect(await s.acquire('r/train', 2)).toEqual(['GPU-a', 'GPU-b']);
    expect(s.holders()).toEqual({ 'GPU-a': 'r/train', 'GPU-b': 'r/train' });
    const second = s.acquire('r/eval', 2);
    expect(await settled(second)).toBe(false);
    s.release(['GPU-a']);
    expect(await second).toEqual(['GPU-a', 'GPU-c']);
    expect(s.free()).toEqual([]);
  });
  it('serves waiters first come, first served: a big request is not starved', async () => {
    const s = new GpuScheduler(['0', '1']);
    const a = await s.acquire('a', 1);
    const big = s.acquire('big', 'all');
    const small = s.acquire('small', 1);
    expect(await settled(small)).toBe(false);
    s.release(a);
    expect(await big).toEqual(['0', '1']);
    expect(await settled(small)).toBe(false);
    s.release(['0', '1']);
    expect(await small).toEqual(['0']);
  });
  it('refuses at once what the machine can never give, and lets a waiter be cancelled', async () => {
    const s = new GpuScheduler(['0']);
    await expect(s.acquire('x', 2)).rejects.toMatchObject({ code: 'GPU_UNAVAILABLE' });
    await s.acquire('a', 1);
    const ctl = new AbortController();
    const w = s.acquire('b', 1, ctl.signal);
    ctl.abort();
    await expect(w).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await s.acquire('zero', 0)).toEqual([]);
  });
});

describe('DeviceRequests', () => {
  it('names the exact devices for the nvidia driver', () => {
    expect(nvidiaDeviceRequests(['GPU-a', 'GPU-c'])).toEqual([
      { Driver: 'nvidia', Count: 0, DeviceIDs: ['GPU-a', 'GPU-c'], Capabilities: [['gpu']], Options: {} },
    ]);
    expect(nvidiaDeviceRequests([])).toEqual([]);
  });
});

describe('gpuUnsupportedReason', () => {
  const gpu = { index: 0, uuid: 'GPU-a', name: 'H100', memoryTotalMiB: 1, memoryUsedMiB: 0, utilizationPercent: 0, driverVersion: '580' };
  it('says there is no GPU, with nvidia-smi reason', () => {
    expect(gpuUnsupportedReason({ gpus: [], reason: 'nvidia-smi not found' }, { nvidiaRuntime: true, cdiSpecDirs: [], runtimes: [] })).toMatch(
      /no usable NVIDIA GPU \(nvidia-smi not found\)/,
    );
  });
  it('says the engine lacks the NVIDIA runtime and CDI', () => {
    expect(gpuUnsupportedReason({ gpus: [gpu] }, { nvidiaRuntime: false, cdiSpecDirs: [], runtimes: ['runc'] })).toMatch(/no NVIDIA runtime and no CDI specs/);
  });
  it('accepts a runtime or CDI', () => {
    expect(gpuUnsupportedReason({ gpus: [gpu] }, { nvidiaRuntime: true, cdiSpecDirs: [], runtimes: ['nvidia'] })).toBeNull();
    expect(
      gpuUnsupportedReason({ gpus: [gpu] }, { nvidiaRuntime: false, cdiSpecDirs: ['/etc/cdi'], runtimes: ['runc'] }, () => ['/etc/cdi/nvidia.yaml']),
    ).toBeNull();
  });
  it('does not take empty CDI folders for an NVIDIA spec', () => {
    expect(gpuUnsupportedReason({ gpus: [gpu] }, { nvidiaRuntime: false, cdiSpecDirs: ['/nonexistent/cdi'], runtimes: ['runc'] })).toMatch(/no CDI specs/);
  });
});
