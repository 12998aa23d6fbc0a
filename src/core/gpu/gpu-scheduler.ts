import { KilnError } from '../../shared/contract/index.js';

interface Waiter {
  holder: string;
  count: number | 'all';
  resolve: (ids: string[]) => void;
  reject: (e: Error) => void;
}

/**
 * Hands out specific GPU device ids exclusively: a stage asking for N gets N free ids (lowest
 * first) or waits in FIFO order until they are released. `all` waits for every device.
 */
export class GpuScheduler {
  private readonly held = new Map<string, string>();
  private readonly queue: Waiter[] = [];
  constructor(private readonly devices: readonly string[]) {}

  get total(): number {
    return this.devices.length;
  }

  /** device id → holder, for the GPU panel */
  holders(): Record<string, string> {
    return Object.fromEntries(this.held);
  }

  free(): string[] {
    return this.devices.filter((d) => !this.held.has(d));
  }

  /** Resolves with the device ids once they are free; rejects at once if the machine can never satisfy it. */
  acquire(holder: string, count: number | 'all', signal?: AbortSignal): Promise<string[]> {
    const n = count === 'all' ? this.devices.length : count;
    if (n === 0) return Promise.resolve([]);
    if (n > this.devices.length) {
      return Promise.reject(new KilnError('GPU_UNAVAILABLE', `${holder} asks for ${n} GPU(s) but this machine has ${this.devices.length}`));
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = { holder, count, resolve, reject };
      this.queue.push(w);
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.queue.indexOf(w);
          if (i >= 0) {
            this.queue.splice(i, 1);
            reject(new KilnError('CANCELLED', `${holder} was cancelled while waiting for GPUs`));
            this.pump();
          }
        },
        { once: true },
      );
      this.pump();
    });
  }

  release(ids: readonly string[]): void {
    for (const id of ids) this.held.delete(id);
    this.pump();
  }

  /** Strict FIFO: a big request at the head is not starved by smaller ones behind it. */
  private pump(): void {
    while (this.queue.length) {
      const w = this.queue[0]!;
      const n = w.count === 'all' ? this.devices.length : w.count;
      const free = this.free();
      if (free.length < n) return;
      this.queue.shift();
      const ids = free.slice(0, n);
      for (const id of ids) this.held.set(id, w.holder);
      w.resolve(ids);
    }
  }
}
