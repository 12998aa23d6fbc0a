import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listGpus } from '../../../../src/core/gpu/list-gpus.js';

const fake = fileURLToPath(new URL('../../../fixtures/nvidia-smi/fake-nvidia-smi', import.meta.url));
const env = (fixture: string, exit = '0') => ({ ...process.env, KILN_NVIDIA_SMI: fake, FAKE_NVIDIA_SMI_FIXTURE: fixture, FAKE_NVIDIA_SMI_EXIT: exit });

describe('listGpus through a fake nvidia-smi replaying real outputs', () => {
  it('lists the GPUs', async () => {
    const l = await listGpus(env('rtx4090.csv'));
    expect(l.gpus.map((g) => g.name)).toEqual(['NVIDIA GeForce RTX 4090']);
  });
  it('says why when the driver is not reachable', async () => {
    const l = await listGpus(env('no-driver.txt', '9'));
    expect(l.gpus).toEqual([]);
    expect(l.reason).toMatch(/couldn't communicate with the NVIDIA driver/);
  });
  it('says why when there is no device', async () => {
    const l = await listGpus(env('no-devices.txt', '6'));
    expect(l.reason).toMatch(/No devices were found/);
  });
  it('says why when there is no nvidia-smi at all', async () => {
    const l = await listGpus({ ...process.env, KILN_NVIDIA_SMI: '/nonexistent/nvidia-smi' });
    expect(l.reason).toMatch(/not found/);
  });
});
