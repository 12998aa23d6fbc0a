import { KilnError, type JobProgress, type JobState } from '../../shared/contract/index.js';
import type { EventBus } from '../event-bus.js';
import { RateMeter } from '../../shared/rate-meter.js';

export interface ProgressUpdate {
  phase?: string;
  filesDone?: number;
  filesTotal?: number | null;
  bytesDone?: number;
  bytesTotal?: number | null;
  message?: string;
}

/** What a long operation receives: a cancel signal and a throttled progress reporter. */
export interface Job {
  readonly id: string;
  readonly signal: AbortSignal;
  /** throttled to one event per 100 ms; `now` emits this one regardless (a message that must not be lost) */
  progress(u: ProgressUpdate, now?: boolean): void;
  /** throws CANCELLED if the job was cancelled */
  throwIfCancelled(): void;
}

const EMIT_EVERY_MS = 100;

export class JobRegistry {
  private readonly running = new Map<string, { state: JobState; ctrl: AbortController }>();
  private seq = 0;
  constructor(private readonly bus: EventBus) {}

  async run<T>(op: string, title: string, jobId: string | undefined, fn: (job: Job) => Promise<T>): Promise<T> {
    const id = jobId ?? `${op}-${Date.now().toString(36)}-${(++this.seq).toString(36)}`;
    if (this.running.has(id)) throw new KilnError('CONFLICT', `job ${id} is already running`);
    const ctrl = new AbortController();
    const state: JobState = { jobId: id, op, title, state: 'running' };
    this.running.set(id, { state, ctrl });
    this.bus.emit('jobs:state', state);
    const meter = new RateMeter();
    let current: JobProgress = { jobId: id, op, phase: 'starting', filesDone: 0, filesTotal: null, bytesDone: 0, bytesTotal: null, rate: 0, etaSeconds: null };
    let lastEmit = 0;
    const job: Job = {
      id,
      signal: ctrl.signal,
      progress: (u, force = false) => {
        current = { ...current, ...u };
        meter.add(current.bytesDone);
        current.rate = meter.rate();
        current.etaSeconds = meter.eta(current.bytesDone, current.bytesTotal);
        const now = Date.now();
        if (force || now - lastEmit >= EMIT_EVERY_MS || (current.bytesTotal !== null && current.bytesDone >= current.bytesTotal)) {
          lastEmit = now;
          state.progress = current;
          this.bus.emit('jobs:progress', current);
        }
      },
      throwIfCancelled: () => {
        if (ctrl.signal.aborted) throw new KilnError('CANCELLED', `${title} was cancelled`);
      },
    };
    try {
      const value = await fn(job);
      this.finish(id, { ...state, state: 'done', progress: current });
      return value;
    } catch (e) {
      const cancelled = ctrl.signal.aborted || (e instanceof KilnError && e.code === 'CANCELLED');
      this.finish(id, { ...state, state: cancelled ? 'cancelled' : 'failed', error: e instanceof Error ? e.message : String(e) });
      if (cancelled && !(e instanceof KilnError && e.code === 'CANCELLED')) throw new KilnError('CANCELLED', `${title} was cancelled`);
      throw e;
    }
  }

  cancel(jobId: string): boolean {
    const j = this.running.get(jobId);
    if (!j) return false;
    j.ctrl.abort();
    return true;
  }

  list(): JobState[] {
    return [...this.running.values()].map((j) => j.state);
  }

  cancelAll(): void {
    for (const j of this.running.values()) j.ctrl.abort();
  }

  private finish(id: string, s: JobState): void {
    this.running.delete(id);
    this.bus.emit('jobs:state', s);
  }
}
