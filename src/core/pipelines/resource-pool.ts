/**
 * CPU and memory the engine's machine has, handed to stages as they start so independent
 * stages run in parallel without oversubscribing. A stage bigger than the machine still runs,
 * alone, rather than never.
 */
export class ResourcePool {
  private cpus = 0;
  private mem = 0;
  private running = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(
    private readonly totalCpus: number,
    private readonly totalMem: number,
  ) {}

  async acquire(cpus: number, mem: number, signal?: AbortSignal): Promise<() => void> {
    while (this.running > 0 && (this.cpus + cpus > this.totalCpus || (this.totalMem > 0 && this.mem + mem > this.totalMem))) {
      if (signal?.aborted) throw new Error('cancelled');
      await new Promise<void>((r) => this.waiters.push(r));
    }
    this.cpus += cpus;
    this.mem += mem;
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.cpus -= cpus;
      this.mem -= mem;
      this.running--;
      for (const w of this.waiters.splice(0)) w();
    };
  }

  /** wake waiters so they can notice a cancel */
  poke(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
