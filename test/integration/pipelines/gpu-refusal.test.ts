import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/index.js';
import { dockerAvailable } from '../../helpers/docker.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { pipelineWorkspace } from './pipeline-workspace.js';

const hasDocker = await dockerAvailable();
const fake = fileURLToPath(new URL('../../fixtures/nvidia-smi/fake-nvidia-smi', import.meta.url));

describe.skipIf(!hasDocker)('a stage asking for GPUs where they cannot be had', () => {
  const tmp = useTempDir('kiln-gpu-');
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });
  const yaml = async () => `stages:\n  train: {image: ${await busyboxImage()}, cmd: [echo], gpus: 1}\n`;

  it('fails before start when the driver is not reachable, quoting nvidia-smi', async () => {
    core = await pipelineWorkspace(tmp(), await yaml(), { KILN_NVIDIA_SMI: fake, FAKE_NVIDIA_SMI_FIXTURE: 'no-driver.txt', FAKE_NVIDIA_SMI_EXIT: '9' });
    await expect(core.invoke('pipelines:run', {})).rejects.toMatchObject({
      code: 'GPU_UNAVAILABLE',
      message: expect.stringMatching(
        /stage train asks for GPUs, but this machine has no usable NVIDIA GPU \(nvidia-smi failed: NVIDIA-SMI has failed because it couldn't communicate/,
      ),
    });
  });

  it('fails before start when GPUs exist but this engine has no NVIDIA runtime or CDI', async () => {
    core = await pipelineWorkspace(tmp(), await yaml(), { KILN_NVIDIA_SMI: fake, FAKE_NVIDIA_SMI_FIXTURE: 'h100x2.csv' });
    const info = await core.invoke('engine:info', {});
    if (info.nvidiaRuntime || info.cdiSpecDirs.length) return; // a GPU engine: nothing to refuse here
    await expect(core.invoke('pipelines:run', {})).rejects.toThrow(/the Docker engine has no NVIDIA runtime and no CDI specs \(runtimes: .*runc/);
  });
});
