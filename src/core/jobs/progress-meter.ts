/** Rate over a sliding window and an ETA, so a progress bar neither jitters nor lies after a stall. */
export class ProgressMeter {
  private readonly samples: { t: number; bytes: number }[] = [];
  constructor(private readonly windowMs = 3000, private readonly now: () => number = Date.now) {}

  sample(bytesDone: number): { rate: number } {
    const t = this.now();
    this.samples.push({ t, bytes: bytesDone });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const dt = (t - first.t) / 1000;
    return { rate: dt > 0 ? Math.max(0, (bytesDone - first.bytes) / dt) : 0 };
  }

  static eta(done: number, total: number | null, rate: number): number | null {
    if (total === null || rate <= 0) return null;
    return Math.max(0, (total - done) / rate);
  }
}
