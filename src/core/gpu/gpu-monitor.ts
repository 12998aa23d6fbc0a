import type { GpuStatsEvent } from '../../shared/contract/index.js';
import { listGpus } from './list-gpus.js';

/**
 * Polls nvidia-smi while stages run and reports per-device utilization and memory. One poll in
 * flight at a time; stops when the last user stops it.
 */
export class GpuMonitor {
  private timer: NodeJS.Timeout | null = null;
  private users = 0;
  private busy = false;
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly emit: (e: GpuStatsEvent) => void,
    private readonly holders: () => Record<string, string>,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    if (this.users++ > 0) return;
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (--this.users > 0) return;
    this.users = 0;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async poll(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { gpus } = await listGpus(this.env);
      if (gpus.length) this.emit({ at: Date.now(), gpus, holders: this.holders() });
    } finally {
      this.busy = false;
    }
  }
}
