import { api } from '../api/client';
import { LogRing, STREAM_CODE } from '../lib/log-ring';

/** Lines kept per stage: enough to scroll back a long way, bounded so memory stays flat. */
const CAPACITY = 200_000;

type Listener = () => void;

/**
 * Collects `runs:log` batches into one ring per run and stage, outside React, and tells
 * subscribers at most once per animation frame: at 50,000 lines/s that is ~800 lines per
 * render instead of a render per batch.
 */
const BACKLOG_PAGE = 50_000;

class LogHub {
  private readonly rings = new Map<string, LogRing>();
  private readonly versions = new Map<string, number>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly dirty = new Set<string>();
  private frame = 0;
  private subscribed = false;

  /** Starts listening to live logs (idempotent). */
  start(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    api.on('runs:log', (e) => this.append(e.runId, e.stage, e.lines, STREAM_CODE[e.stream] ?? 0));
  }

  ring(runId: string, stage: string): LogRing {
    const key = `${runId}/${stage}`;
    let r = this.rings.get(key);
    if (!r) this.rings.set(key, (r = new LogRing(CAPACITY)));
    return r;
  }

  /**
   * Fills a stage's ring from its log file (pipelines:logs, paged). A live batch that arrived
   * meanwhile is in the file too, so the ring starts over clean with the first page.
   * `stopped()` true: give up quietly (the view went away).
   */
  async loadBacklog(runId: string, stage: string, stopped: () => boolean): Promise<void> {
    let offset = 0;
    for (;;) {
      const page = await api.invoke('pipelines:logs', { runId, stage, offset, limit: BACKLOG_PAGE });
      if (stopped()) return;
      if (offset === 0) this.ring(runId, stage).clear();
      if (page.lines.length) this.append(runId, stage, page.lines);
      offset = page.nextOffset;
      if (page.eof || page.lines.length === 0) return;
    }
  }

  /**
   * The whole log as its file holds it (paged from core), not just the lines this window keeps:
   * what Download saves.
   */
  async fullText(runId: string, stage: string): Promise<string> {
    const parts: string[] = [];
    let offset = 0;
    for (;;) {
      const page = await api.invoke('pipelines:logs', { runId, stage, offset, limit: BACKLOG_PAGE });
      if (page.lines.length) parts.push(page.lines.join('\n') + '\n');
      offset = page.nextOffset;
      if (page.eof || page.lines.length === 0) return parts.join('');
    }
  }

  has(runId: string, stage: string): boolean {
    const r = this.rings.get(`${runId}/${stage}`);
    return !!r && r.total > 0;
  }

  append(runId: string, stage: string, lines: readonly string[], stream = 0): void {
    this.ring(runId, stage).push(lines, stream);
    this.markDirty(`${runId}/${stage}`);
  }

  version(runId: string, stage: string): number {
    return this.versions.get(`${runId}/${stage}`) ?? 0;
  }

  subscribe(runId: string, stage: string, cb: Listener): () => void {
    const key = `${runId}/${stage}`;
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(cb);
    return () => set.delete(cb);
  }

  private markDirty(key: string): void {
    this.dirty.add(key);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = 0;
    for (const key of this.dirty) {
      this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
      for (const l of this.listeners.get(key) ?? []) l();
    }
    this.dirty.clear();
  }
}

export const logHub = new LogHub();
