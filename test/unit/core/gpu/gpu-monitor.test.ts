import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GpuStatsEvent } from '../../../../src/shared/contract/index.js';
import { GpuMonitor } from '../../../../src/core/gpu/gpu-monitor.js';

const fake = fileURLToPath(new URL('../../../fixtures/nvidia-smi/fake-nvidia-smi', import.meta.url));

describe('GpuMonitor', () => {
  it('emits per-device utilization and memory with who holds each device', async () => {
    const events: GpuStatsEvent[] = [];
    const m = new GpuMonitor(
      { ...process.env, KILN_NVIDIA_SMI: fake, FAKE_NVIDIA_SMI_FIXTURE: 'h100x2.csv' },
      (e) => events.push(e),
      () => ({ 'GPU-a27e4b91-03cd-5f68-9b12-d4e0c7a35f62': 'run-1/train' }),
    );
    await m.poll();
    expect(events).toHaveLength(1);
    expect(events[0]!.gpus.map((g) => [g.index, g.utilizationPercent, g.memoryUsedMiB])).toEqual([
      [0, 0, 0],
      [1, 97, 61240],
    ]);
    expect(events[0]!.holders).toEqual({ 'GPU-a27e4b91-03cd-5f68-9b12-d4e0c7a35f62': 'run-1/train' });
  });
  it('stays quiet without GPUs', async () => {
    const events: GpuStatsEvent[] = [];
    const m = new GpuMonitor(
      { ...process.env, KILN_NVIDIA_SMI: fake, FAKE_NVIDIA_SMI_FIXTURE: 'no-devices.txt', FAKE_NVIDIA_SMI_EXIT: '6' },
      (e) => events.push(e),
      () => ({}),
    );
    await m.poll();
    expect(events).toEqual([]);
  });
});
