import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { MetricsSink } from '../metrics/metrics-api.js';
import { parseMetricLines, newMetricLineState } from '../metrics/metric-lines.js';

const POLL_MS = 250;

/**
 * Follows the file a stage appends metric lines to ($KILN_METRICS): reads what is new every
 * 250 ms, parses whole lines and hands the points to the metrics sink. Malformed lines are
 * counted and their reasons kept, never fatal.
 */
export class MetricsTail {
  private offset = 0;
  private lineNo = 1;
  private rest = '';
  private readonly decoder = new StringDecoder('utf8');
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> = Promise.resolve();
  private readonly state = newMetricLineState();
  points = 0;
  malformed = 0;
  readonly errors: { line: number; reason: string }[] = [];

  constructor(
    private readonly file: string,
    private readonly sink: MetricsSink,
    private readonly runId: string,
    private readonly stage: string,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.reading = this.reading.then(() => this.readNew(false));
    }, POLL_MS);
  }

  /** Reads the rest (a last line without newline included) and flushes the sink. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.reading;
    await this.readNew(true);
    this.sink.flush();
  }

  private async readNew(final: boolean): Promise<void> {
    const fh = await open(this.file, 'r').catch(() => null);
    if (!fh) return;
    try {
      const buf = Buffer.alloc(1 << 20);
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, this.offset);
        if (!bytesRead) break;
        this.offset += bytesRead;
        this.consume(this.rest + this.decoder.write(buf.subarray(0, bytesRead)), false);
      }
      if (final && this.rest) this.consume(`${this.rest}\n`, true);
      if (!final) this.sink.flush();
    } finally {
      await fh.close();
    }
  }

  private consume(text: string, _final: boolean): void {
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      this.rest = text;
      return;
    }
    this.rest = text.slice(cut + 1);
    const whole = text.slice(0, cut + 1);
    const r = parseMetricLines(whole, this.lineNo, this.state);
    this.lineNo += whole.split('\n').length - 1;
    this.points += r.points.length;
    this.malformed += r.malformed;
    for (const e of r.errors) if (this.errors.length < 20) this.errors.push(e);
    if (r.points.length) this.sink.write(this.runId, this.stage, r.points);
  }
}
