/**
 * Bytes per second over a sliding window, and an ETA from it, so a progress bar neither jitters
 * nor lies after a stall. One meter for core's jobs and the UI's uploads.
 */
export class RateMeter {
  private readonly samples: { t: number; bytes: number }[] = [];
  constructor(
    private readonly windowMs = 3000,
    private readonly now: () => number = Date.now,
    /** no rate before the samples span this long: a first tick of 60 bytes in 4 ms promised an ETA of 115 hours */
    private readonly minSpanMs = 500,
  ) {}

  /** Records the bytes done so far (a running total), at `t` (ms) or now. */
  add(bytesDone: number, t = this.now()): void {
    this.samples.push({ t, bytes: bytesDone });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
  }

  /** Bytes per second over the window; 0 before two samples that span `minSpanMs`. */
  rate(): number {
    if (this.samples.length < 2) return 0;
    const a = this.samples[0]!;
    const b = this.samples[this.samples.length - 1]!;
    const dt = (b.t - a.t) / 1000;
    return dt > 0 && dt * 1000 >= this.minSpanMs ? Math.max(0, (b.bytes - a.bytes) / dt) : 0;
  }

  /** Seconds left at the current rate; null without a total or a rate. */
  eta(bytesDone: number, bytesTotal: number | null): number | null {
    const r = this.rate();
    if (!bytesTotal || r <= 0) return null;
    return Math.max(0, (bytesTotal - bytesDone) / r);
  }
}
