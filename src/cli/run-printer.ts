import { forStream } from './terminal-safe.js';
import type { RunLogEvent, RunStageEvent, RunStatusEvent } from '../shared/contract/index.js';

/**
 * Live view of a run on stderr: stage changes and log lines prefixed with the stage; on a TTY a
 * status line is redrawn under them, otherwise plain lines only (CI logs).
 */
export class RunPrinter {
  private readonly states = new Map<string, string>();
  private drawn = false;
  private width = 8;
  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly opts: { logs: boolean; quiet: boolean },
  ) {}

  started(e: RunStatusEvent): void {
    for (const s of e.stages) {
      this.states.set(s.stage, s.status);
      this.width = Math.max(this.width, s.stage.length);
    }
    if (e.status === 'running') this.line(`run #${e.seq} ${e.runId} started: ${e.stages.map((s) => s.stage).join(', ')}`);
  }

  stage(e: RunStageEvent): void {
    if (this.states.get(e.stage) === e.status) return;
    this.states.set(e.stage, e.status);
    const detail = e.status === 'failed' || e.status === 'not_run' ? `: ${e.error ?? ''}` : e.status === 'cached' ? ' (restored from an earlier run)' : '';
    this.line(`${this.tag(e.stage)} ${e.status.replace('_', ' ')}${detail}`);
  }

  log(e: RunLogEvent): void {
    if (!this.opts.logs || this.opts.quiet) return;
    const tag = this.tag(e.stage);
    this.clear();
    // a container's bytes never drive the terminal (escaped on a TTY; the log file keeps them)
    this.stream.write(`${e.lines.map((l) => `${tag} ${forStream(this.stream, l)}`).join('\n')}\n`);
    this.redraw();
  }

  /** A line about the run as a whole: an image pulled, substituted or built. */
  note(message: string): void {
    if (this.opts.quiet) return;
    this.line(message);
  }

  done(): void {
    this.clear();
  }

  private tag(stage: string): string {
    const t = stage.padEnd(this.width);
    return this.stream.isTTY ? `\x1b[2m${t} │\x1b[0m` : `${t} |`;
  }

  private line(s: string): void {
    if (this.opts.quiet) return;
    this.clear();
    this.stream.write(`${s}\n`);
    this.redraw();
  }

  private clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  private redraw(): void {
    if (!this.stream.isTTY || this.opts.quiet) return;
    const counts = new Map<string, number>();
    for (const s of this.states.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
    const text = [...counts].map(([k, v]) => `${v} ${k.replace('_', ' ')}`).join(' · ');
    this.stream.write(`\x1b[7m ${text} \x1b[0m`.slice(0, (this.stream.columns || 100) + 8));
    this.drawn = true;
  }
}
