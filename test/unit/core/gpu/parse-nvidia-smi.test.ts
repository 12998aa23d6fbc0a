import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNvidiaSmi } from '../../../../src/core/gpu/parse-nvidia-smi.js';

const fixture = (f: string) => readFileSync(new URL(`../../../fixtures/nvidia-smi/${f}`, import.meta.url), 'utf8');

describe('parseNvidiaSmi on recorded nvidia-smi outputs', () => {
  it('reads two H100s with their uuids, memory and utilization', () => {
    const gpus = parseNvidiaSmi(fixture('h100x2.csv'));
    expect(gpus).toHaveLength(2);
    expect(gpus[1]).toEqual({
      index: 1,
      uuid: 'GPU-a27e4b91-03cd-5f68-9b12-d4e0c7a35f62',
      name: 'NVIDIA H100 80GB HBM3',
      memoryTotalMiB: 81559,
      memoryUsedMiB: 61240,
      utilizationPercent: 97,
      driverVersion: '580.95.05',
    });
  });
  it('keeps fields the device does not report as null', () => {
    const [g] = parseNvidiaSmi(fixture('not-supported.csv'));
    expect(g).toMatchObject({ name: 'NVIDIA A100-SXM4-40GB', memoryUsedMiB: null, utilizationPercent: null, memoryTotalMiB: 40960 });
  });
  it('finds no GPU in the failure texts', () => {
    expect(parseNvidiaSmi(fixture('no-driver.txt'))).toEqual([]);
    expect(parseNvidiaSmi(fixture('no-devices.txt'))).toEqual([]);
  });
});
