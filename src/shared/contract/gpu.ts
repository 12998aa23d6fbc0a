import { op } from './define.js';
import { empty } from './common.js';

export interface Gpu {
  index: number;
  uuid: string;
  name: string;
  memoryTotalMiB: number | null;
  memoryUsedMiB: number | null;
  utilizationPercent: number | null;
  driverVersion: string;
}

export interface GpuList {
  gpus: Gpu[];
  /** why the list is empty (no nvidia-smi, no driver, no GPU) */
  reason?: string;
}

export const gpuOps = {
  'gpu:list': op<GpuList>()(empty),
};
