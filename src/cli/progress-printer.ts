import type { JobProgress } from '../shared/contract/index.js';
import { formatBytes, formatDuration, formatRate } from '../shared/format.js';

/**
 * Progress on stderr: a redrawn bar on a TTY, a plain line every few seconds otherwise (CI logs),
 * never on stdout so `--json` output stays clean.
 */
export class ProgressPrinter {
  private lastPlain = 0;
  private drawn = false;
  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {}

  update(p: JobProgress): void {
    if (this.quiet) return;
    const pct = p.bytesTotal ? Math.min(100, (p.bytesDone / p.bytesTotal) * 100) : null;
    const files = p.filesTotal !== null ? `${p.filesDone}/${p.filesTotal} files` : `${p.filesDone} files`;
    const bytes = p.bytesTotal !== null ? `${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}` : formatBytes(p.bytesDone);
    const rate = formatRate(p.rate);
    const eta = p.etaSeconds !== null ? `ETA ${formatDuration(p.etaSeconds * 1000)}` : '';
    const text = [p.phase, files, bytes, rate, eta, p.message ?? ''].filter(Boolean).join('  ');
    if (this.stream.isTTY) {
      const width = 24;
      const filled = pct === null ? 0 : Math.round((pct / 100) * width);
      const bar = pct === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct.toFixed(0).padStart(3)}% `;
      const line = `${this.label} ${bar}${text}`.slice(0, (this.stream.columns || 100) - 1);
      this.stream.write(`\r\x1b[2K${line}`);
      this.drawn = true;
    } else {
      const now = Date.now();
      if (now - this.lastPlain < 2000) return;
      this.lastPlain = now;
      this.stream.write(`${this.label}: ${pct === null ? '' : `${pct.toFixed(0)}% `}${text}\n`);
    }
  }

  done(): void {
    if (this.drawn && this.stream.isTTY) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
