import { Worker } from 'node:worker_threads';
import { KilnError } from '../../../shared/contract/index.js';
import type { FromEvalWorker, LoadTask, PredictTask } from './eval-protocol.js';

/** From source (tests) the worker's .ts is loaded through tsx; in the built CLI it is eval-worker.js next to the bundle. */
function startWorker(): Worker {
  // the CLI launcher may have started one already (TF.js loading while the CLI did)
  const g = globalThis as { __kilnEvalWorker?: Worker };
  const early = g.__kilnEvalWorker;
  if (early) {
    delete g.__kilnEvalWorker;
    early.removeAllListeners('error');
    early.ref();
    return early;
  }
  if (import.meta.url.endsWith('.ts')) {
    const entry = new URL('./eval-worker.ts', import.meta.url).href;
    const api = import.meta.resolve('tsx/esm/api');
    return new Worker(`import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
  }
  return new Worker(new URL('./eval-worker.js', import.meta.url));
}

export type PredictResult = Extract<FromEvalWorker, { t: 'done' }>;

export interface Predictor {
  /** predicts once the model is loaded; the inputs are copied into the worker (callers keep theirs) */
  predict(task: Omit<PredictTask, 't'>, onProgress?: (rows: number) => void): Promise<PredictResult>;
  /** ends the worker (idempotent) */
  close(): void;
}

/**
 * Starts a TF.js worker thread and loads the model at once, so the caller can read its inputs while
 * TF.js starts. Cancelling (the signal) terminates the worker wherever it is; one predict per worker.
 */
export function startPredictor(load: Omit<LoadTask, 't'>, opts: { signal?: AbortSignal; onBackend?: (b: string) => void } = {}): Predictor {
  const w = startWorker();
  let done = false;
  let pending: { resolve: (r: PredictResult) => void; reject: (e: unknown) => void; onProgress?: (rows: number) => void } | null = null;
  let failure: KilnError | null = null;
  let loaded = false;
  let queued: Omit<PredictTask, 't'> | null = null;
  const fail = (e: KilnError) => {
    if (done) return;
    failure = e;
    finish();
    pending?.reject(e);
  };
  const finish = () => {
    if (done) return;
    done = true;
    opts.signal?.removeEventListener('abort', onAbort);
    void w.terminate();
  };
  const onAbort = () => fail(new KilnError('CANCELLED', 'the evaluation was cancelled; nothing was stored'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) onAbort();
  w.on('message', (m: FromEvalWorker) => {
    if (m.t === 'ready') opts.onBackend?.(m.backend);
    else if (m.t === 'loaded') {
      loaded = true;
      if (queued) w.postMessage({ t: 'predict', ...queued } satisfies PredictTask);
    } else if (m.t === 'progress') pending?.onProgress?.(m.rows);
    else if (m.t === 'done') {
      const p = pending;
      finish();
      p?.resolve(m);
    } else fail(new KilnError(m.code, m.message));
  });
  w.on('error', (e) => fail(new KilnError('INTERNAL', `the TF.js worker failed: ${e.message}`)));
  w.on('exit', (code) => fail(new KilnError('INTERNAL', `the TF.js worker exited early (code ${code})`)));
  if (!done) w.postMessage({ t: 'load', ...load } satisfies LoadTask, [load.weights]);
  return {
    predict(task, onProgress) {
      if (failure) return Promise.reject(failure);
      if (pending || done) return Promise.reject(new KilnError('INTERNAL', 'one prediction per TF.js worker'));
      return new Promise<PredictResult>((resolve, reject) => {
        pending = { resolve, reject, onProgress };
        if (loaded) w.postMessage({ t: 'predict', ...task } satisfies PredictTask);
        else queued = task;
      });
    },
    close: finish,
  };
}

/** Loads and predicts in one go. */
export function runPredict(
  task: Omit<LoadTask, 't'> & Omit<PredictTask, 't'>,
  opts: { signal?: AbortSignal; onProgress?: (rows: number) => void; onBackend?: (b: string) => void } = {},
): Promise<PredictResult> {
  const { kind, modelJson, weights, ...rest } = task;
  const p = startPredictor({ kind, modelJson, weights }, opts);
  return p.predict(rest, opts.onProgress).finally(() => p.close());
}

/** Batch sizes for `rows` rows: a few of 1 and of 32 first (latency figures), the rest in 1024s. */
export function batchSchedule(rows: number, probes = 20): number[] {
  const out: number[] = [];
  let left = rows;
  for (const [size, count] of [
    [1, probes],
    [32, probes],
  ] as const) {
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
