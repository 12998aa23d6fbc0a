/** Bytes per second over a sliding window, and an ETA from it. */
export class RateMeter {
  private samples: { t: number; bytes: number }[] = [];
  constructor(private readonly windowMs = 3000) {}
  add(bytesDone: number, t = performance.now()): void {
    this.samples.push({ t, bytes: bytesDone });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
  }
  rate(): number {
    if (this.samples.length < 2) return 0;
    const a = this.samples[0]!;
    const b = this.samples[this.samples.length - 1]!;
    const dt = (b.t - a.t) / 1000;
    return dt > 0 ? (b.bytes - a.bytes) / dt : 0;
  }
  eta(bytesDone: number, bytesTotal: number | null): number | null {
    const r = this.rate();
    if (!bytesTotal || r <= 0) return null;
    return Math.max(0, (bytesTotal - bytesDone) / r);
  }
}
