import type { EngineInfo, GpuList } from '../../shared/contract/index.js';
import { nvidiaCdiSpecs } from './cdi-specs.js';

/**
 * Why GPU stages cannot run here, or null when they can: no GPU (nvidia-smi's reason), or an
 * engine without the NVIDIA runtime and without CDI specs. Said before any container starts.
 */
export function gpuUnsupportedReason(
  gpus: GpuList,
  engine: Pick<EngineInfo, 'nvidiaRuntime' | 'cdiSpecDirs' | 'runtimes'>,
  cdiSpecs: (dirs: readonly string[]) => string[] = nvidiaCdiSpecs,
): string | null {
  if (!gpus.gpus.length) return `this machine has no usable NVIDIA GPU (${gpus.reason ?? 'nvidia-smi lists none'})`;
  if (!engine.nvidiaRuntime && !cdiSpecs(engine.cdiSpecDirs).length) {
    return `the Docker engine has no NVIDIA runtime and no CDI specs (runtimes: ${engine.runtimes.join(', ') || 'none'}): install the NVIDIA Container Toolkit and run \`nvidia-ctk runtime configure --runtime=docker\`, then restart dockerd`;
  }
  return null;
}
