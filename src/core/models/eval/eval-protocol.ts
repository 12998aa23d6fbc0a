/** Messages between the registry and its TF.js worker thread (eval-worker.ts). */

/** Sent first: the worker starts TF.js and loads the model while the caller reads its inputs. */
export interface LoadTask {
  t: 'load';
  kind: 'layers' | 'graph';
  /** the model.json text */
  modelJson: string;
  /** every weights shard, concatenated in weightsManifest order */
  weights: ArrayBuffer;
}

export interface PredictTask {
  t: 'predict';
  /** row-major, rows × cols */
  inputs: Float32Array;
  rows: number;
  cols: number;
  /** batch sizes in order; they sum to `rows` (small ones first: their times are the latency figures) */
  schedule: number[];
}

export type ToEvalWorker = LoadTask | PredictTask;

export type FromEvalWorker =
  | { t: 'ready'; backend: string }
  /** the model is loaded and warmed up: send the inputs */
  | { t: 'loaded' }
  | { t: 'progress'; rows: number }
  | {
      t: 'done';
      backend: string;
      /** row-major, rows × outDim */
      outputs: Float32Array;
      outDim: number;
      /** per batch: its size and milliseconds (predict + reading the result back) */
      timings: [number, number][];
      /** milliseconds spent in predict batches (the bare loop's work) */
      predictMs: number;
    }
  | { t: 'error'; code: 'MODEL_INVALID' | 'INTERNAL'; message: string };
