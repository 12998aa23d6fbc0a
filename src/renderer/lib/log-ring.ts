/** Stream of a log line, kept beside the text so stderr can be tinted without parsing. */
export const STREAM_CODE = { stdout: 0, stderr: 1, system: 2 } as const;

/**
 * A fixed-capacity ring of log lines. Appending never allocates per line beyond the string
 * itself, and the oldest lines fall off once full, so a stage printing millions of lines keeps
 * the UI's memory flat.
 */
export class LogRing {
  private readonly lines: string[];
  private readonly streams: Uint8Array;
  private head = 0;
  /** lines currently held */
  length = 0;
  /** lines ever appended; `total - length` fell off the front */
  total = 0;

  constructor(readonly capacity: number) {
    this.lines = new Array<string>(capacity);
    this.streams = new Uint8Array(capacity);
  }

  push(lines: readonly string[], stream: number = STREAM_CODE.stdout): void {
    // only the last `capacity` lines of a huge batch can survive: skip the rest
    const from = Math.max(0, lines.length - this.capacity);
    for (let i = from; i < lines.length; i++) {
      const at = (this.head + this.length) % this.capacity;
      this.lines[at] = lines[i]!;
      this.streams[at] = stream;
      if (this.length < this.capacity) this.length++;
      else this.head = (this.head + 1) % this.capacity;
    }
    this.total += lines.length;
  }

  line(i: number): string {
    return this.lines[(this.head + i) % this.capacity] ?? '';
  }

  stream(i: number): number {
    return this.streams[(this.head + i) % this.capacity] ?? 0;
  }

  /** lines that fell off the front so far */
  get dropped(): number {
    return this.total - this.length;
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
    this.total = 0;
  }
}
