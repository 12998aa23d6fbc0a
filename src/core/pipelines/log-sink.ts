import { createWriteStream, type WriteStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { RunLogEvent } from '../../shared/contract/index.js';

const FLUSH_MS = 50;
const MAX_BATCH = 5000;

type Stream = RunLogEvent['stream'];

/**
 * One stage's log: bytes from stdout and stderr are cut into whole lines per stream, appended
 * to the stage's log file in arrival order, and sent as batched `runs:log` events (at most
 * every 50 ms or 5,000 lines), so a chatty stage neither floods the UI nor loses a line.
 */
export class LogSink {
  private readonly file: WriteStream;
  private readonly partial: Record<Stream, string> = { stdout: '', stderr: '', system: '' };
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private batch: { stream: Stream; lines: string[] } | null = null;
  private timer: NodeJS.Timeout | null = null;
  lines = 0;

  constructor(
    readonly path: string,
    private readonly runId: string,
    private readonly stage: string,
    private readonly emit: (e: RunLogEvent) => void,
  ) {
    this.file = createWriteStream(path, { flags: 'a' });
  }

  write(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    const text = this.partial[stream] + this.decoders[stream].write(chunk);
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      this.partial[stream] = text;
      return;
    }
    this.partial[stream] = text.slice(cut + 1);
    const whole = text.slice(0, cut);
    this.file.write(`${whole}\n`);
    this.push(stream, whole.split('\n'));
  }

  /** A line from Kiln itself (pulling, exit status), in the file and the UI. */
  system(line: string): void {
    this.file.write(`${line}\n`);
    this.push('system', [line]);
  }

  private push(stream: Stream, lines: string[]): void {
    this.lines += lines.length;
    if (this.batch && this.batch.stream !== stream) this.flush();
    if (!this.batch) this.batch = { stream, lines: [] };
    for (const l of lines) this.batch.lines.push(l.endsWith('\r') ? l.slice(0, -1) : l);
    if (this.batch.lines.length >= MAX_BATCH) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const b = this.batch;
    this.batch = null;
    if (b?.lines.length) this.emit({ runId: this.runId, stage: this.stage, stream: b.stream, lines: b.lines });
  }

  /** Writes unterminated last lines, flushes events and closes the file. */
  async close(): Promise<void> {
    for (const s of ['stdout', 'stderr'] as const) {
      const rest = this.partial[s] + this.decoders[s].end();
      this.partial[s] = '';
      if (rest) {
        this.file.write(`${rest}\n`);
        this.push(s, [rest]);
      }
    }
    this.flush();
    await new Promise<void>((resolve, reject) => this.file.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}
