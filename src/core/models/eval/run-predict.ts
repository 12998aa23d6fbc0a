import { Worker } from 'node:worker_threads';
import { KilnError } from '../../../shared/contract/index.js';
import type { FromEvalWorker, PredictTask } from './eval-protocol.js';

/** From source (tests) the worker's .ts is loaded through tsx; in the built CLI it is eval-worker.js next to the bundle. */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    const entry = new URL('./eval-worker.ts', import.meta.url).href;
    const api = import.meta.resolve('tsx/esm/api');
    return new Worker(`import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
  }
  return new Worker(new URL('./eval-worker.js', import.meta.url));
}

export type PredictResult = Extract<FromEvalWorker, { t: 'done' }>;

/**
 * Runs one prediction task on a fresh TF.js worker thread. Cancelling (the signal) terminates the
 * worker at once, wherever it is; progress reports rows predicted.
 */
export function runPredict(task: Omit<PredictTask, 't'>, opts: { signal?: AbortSignal; onProgress?: (rows: number) => void; onBackend?: (b: string) => void } = {}): Promise<PredictResult> {
  if (opts.signal?.aborted) return Promise.reject(new KilnError('CANCELLED', 'the evaluation was cancelled'));
  return new Promise<PredictResult>((resolve, reject) => {
    const w = startWorker();
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      void w.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(new KilnError('CANCELLED', 'the evaluation was cancelled; nothing was stored')));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    w.on('message', (m: FromEvalWorker) => {
      if (m.t === 'ready') opts.onBackend?.(m.backend);
      else if (m.t === 'progress') opts.onProgress?.(m.rows);
      else if (m.t === 'done') finish(() => resolve(m));
      else finish(() => reject(new KilnError(m.code, m.message)));
    });
    w.on('error', (e) => finish(() => reject(new KilnError('INTERNAL', `the TF.js worker failed: ${e.message}`))));
    w.on('exit', (code) => finish(() => reject(new KilnError('INTERNAL', `the TF.js worker exited early (code ${code})`))));
    // the inputs are copied into the worker (not transferred) so callers may keep theirs
    w.postMessage({ t: 'predict', ...task } satisfies PredictTask, [task.weights]);
  });
}

/** Batch sizes for `rows` rows: a few of 1 and of 32 first (latency figures), the rest in 1024s. */
export function batchSchedule(rows: number, probes = 20): number[] {
  const out: number[] = [];
  let left = rows;
  for (const [size, count] of [[1, probes], [32, probes]] as const) {
    for (let i = 0; i < count && left >= size; i++) {
      out.push(size);
      left -= size;
    }
  }
  while (left > 0) {
    const n = Math.min(1024, left);
    out.push(n);
    left -= n;
  }
  return out;
}
