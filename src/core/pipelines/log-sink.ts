import { createWriteStream, type WriteStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { RunLogEvent } from '../../shared/contract/index.js';

const FLUSH_MS = 50;
const MAX_BATCH = 5000;
/** A line longer than this (in UTF-16 units, ~1 MiB of text) is cut, each piece marked as continued. */
export const MAX_LINE = 1 << 20;
export const SPLIT_MARKER = ' [kiln: line over 1 MiB, continued on the next line]';

type Stream = RunLogEvent['stream'];

/**
 * One stage's log: bytes from stdout and stderr are cut into whole lines per stream, appended
 * to the stage's log file in arrival order, and sent as batched `runs:log` events (at most
 * every 50 ms or 5,000 lines), so a chatty stage neither floods the UI nor loses a line.
 */
export class LogSink {
  private readonly file: WriteStream;
  // The unterminated tail of each stream, as pieces: appending is O(piece), and it is joined only
  // when a newline arrives or it reaches MAX_LINE, so a huge line costs linear time, bounded memory.
  private readonly partial: Record<'stdout' | 'stderr', { pieces: string[]; length: number }> = {
    stdout: { pieces: [], length: 0 },
    stderr: { pieces: [], length: 0 },
  };
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
    const text = this.decoders[stream].write(chunk);
    const pending = this.partial[stream];
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      if (text) {
        pending.pieces.push(text);
        pending.length += text.length;
      }
      if (pending.length >= MAX_LINE) this.emitLines(stream, this.takeLong(stream));
      return;
    }
    const whole = pending.pieces.join('') + text.slice(0, cut);
    pending.pieces = [];
    pending.length = 0;
    this.emitLines(stream, splitLong(whole.split('\n')));
    const rest = text.slice(cut + 1);
    if (rest) {
      pending.pieces.push(rest);
      pending.length = rest.length;
      if (pending.length >= MAX_LINE) this.emitLines(stream, this.takeLong(stream));
    }
  }

  /** Cuts full MAX_LINE pieces off a pending line that grew past the cap; the remainder stays pending. */
  private takeLong(stream: 'stdout' | 'stderr'): string[] {
    const pending = this.partial[stream];
    let text = pending.pieces.join('');
    const out: string[] = [];
    while (text.length >= MAX_LINE) {
      out.push(text.slice(0, MAX_LINE) + SPLIT_MARKER);
      text = text.slice(MAX_LINE);
    }
    pending.pieces = text ? [text] : [];
    pending.length = text.length;
    return out;
  }

  private emitLines(stream: Stream, lines: string[]): void {
    if (!lines.length) return;
    this.file.write(`${lines.join('\n')}\n`);
    this.push(stream, lines);
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
      const rest = this.partial[s].pieces.join('') + this.decoders[s].end();
      this.partial[s] = { pieces: [], length: 0 };
      if (rest) this.emitLines(s, splitLong([rest]));
    }
    this.flush();
    await new Promise<void>((resolve, reject) => this.file.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

/** Lines as they are, but any over MAX_LINE cut into marked pieces. */
function splitLong(lines: string[]): string[] {
  if (!lines.some((l) => l.length > MAX_LINE)) return lines;
  const out: string[] = [];
  for (let l of lines) {
    while (l.length > MAX_LINE) {
      out.push(l.slice(0, MAX_LINE) + SPLIT_MARKER);
      l = l.slice(MAX_LINE);
    }
    out.push(l);
  }
  return out;
}
