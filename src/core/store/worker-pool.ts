import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { KilnError } from '../../shared/contract/index.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

type Task = Omit<Extract<ToWorker, { t: 'file' }>, 'id'> | Omit<Extract<ToWorker, { t: 'verify' }>, 'id'>;
type Final = Extract<FromWorker, { t: 'done' | 'error' | 'verified' }>;
type Block = Extract<FromWorker, { t: 'block' }>;

export interface TaskHandlers {
  /** the store consumes a block; the worker may reuse its credit once this resolves */
  onBlock?: (m: Block) => Promise<void> | void;
  onProgress?: (bytes: number) => void;
}

interface Pending {
  task: Extract<ToWorker, { t: 'file' | 'verify' }>;
  handlers: TaskHandlers;
  resolve: (m: Final) => void;
  reject: (e: unknown) => void;
  chain: Promise<void>;
  failed?: unknown;
}

/**
 * Hashing workers, one per core by default: when run from source (tests) the worker's .ts is loaded
 * through tsx; in the built CLI it is chunk-worker.js next to the bundle (scripts/worker-entries.json).
 */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    // tsx registered inside the worker itself: a loader passed by --import does not reach worker threads
    const entry = new URL('./chunk-worker.ts', import.meta.url).href;
    const api = import.meta.resolve('tsx/esm/api');
    return new Worker(`import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
  }
  return new Worker(new URL('./chunk-worker.js', import.meta.url));
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private seq = 0;
  private closed = false;

  constructor(readonly size = Math.max(1, availableParallelism())) {
    for (let i = 0; i < size; i++) {
      const w = startWorker();
      w.on('message', (m: FromWorker) => this.onMessage(w, m));
      w.on('error', (e) => this.onCrash(w, e));
      w.on('exit', (code) => {
        if (!this.closed) this.onCrash(w, new Error(`hashing worker exited with code ${code}`));
      });
      this.workers.push(w);
    }
  }

  run(task: Task, handlers: TaskHandlers = {}): Promise<Final> {
    if (this.closed) return Promise.reject(new KilnError('CANCELLED', 'the hashing workers were stopped'));
    return new Promise<Final>((resolve, reject) => {
      this.queue.push({ task: { ...task, id: ++this.seq } as Pending['task'], handlers, resolve, reject, chain: Promise.resolve() });
      this.dispatch();
    });
  }

  /** Stops every worker at once (cancel): queued and running tasks reject with CANCELLED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = new KilnError('CANCELLED', 'the hashing workers were stopped');
    for (const p of [...this.queue, ...this.busy.values()]) p.reject(err);
    this.queue.length = 0;
    this.busy.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    for (const w of this.workers) {
      if (!this.queue.length) return;
      if (this.busy.has(w)) continue;
      const p = this.queue.shift()!;
      this.busy.set(w, p);
      w.postMessage(p.task);
    }
  }

  private onMessage(w: Worker, m: FromWorker): void {
    const p = this.busy.get(w);
    const ack = () => {
      if (this.closed) return;
      if (m.t === 'block') w.postMessage({ t: 'ack', id: m.id, buf: m.buf } satisfies ToWorker, [m.buf]);
      else w.postMessage({ t: 'ack', id: m.id } satisfies ToWorker);
    };
    if (!p || m.id !== p.task.id) {
      if (m.t === 'block') ack();
      return;
    }
    if (m.t === 'block') {
      // blocks are consumed in order; after a failed one the rest are only acknowledged
      p.chain = p.chain.then(async () => {
        if (p.failed === undefined) {
          try {
            await p.handlers.onBlock?.(m);
          } catch (e) {
            p.failed = e;
          }
        }
        ack();
      });
      return;
    }
    if (m.t === 'progress') {
      p.handlers.onProgress?.(m.bytes);
      return;
    }
    // the final message: settle once every block before it has been consumed
    void p.chain.then(() => {
      this.busy.delete(w);
      if (p.failed !== undefined) p.reject(p.failed);
      else p.resolve(m);
      this.dispatch();
    });
  }

  /** A dead worker fails its task and everything queued: the pool is not trusted after that. */
  private onCrash(w: Worker, e: Error): void {
    if (this.closed) return;
    const err = new KilnError('INTERNAL', `a hashing worker failed: ${e.message}`);
    const p = this.busy.get(w);
    this.busy.delete(w);
    p?.reject(err);
    for (const q of this.queue) q.reject(err);
    this.queue.length = 0;
    void this.close();
  }
}
