import { op, event } from './define.js';
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

export interface GpuStatsEvent {
  at: number;
  gpus: Gpu[];
  /** device id (uuid) → `runId/stage` holding it */
  holders: Record<string, string>;
}

export const gpuOps = {
  'gpus:list': op<GpuList>()(empty),
};

export const gpuEvents = {
  'gpus:stats': event<GpuStatsEvent>(),
};
