/** Messages between the registry and its TF.js worker thread (eval-worker.ts). */
import type { ClassifierMetrics, RegressorMetrics } from './eval-metrics.js';

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
  /** the holdout's labels: metrics are then gathered batch by batch on the worker */
  labels?: Float64Array;
  /** the task kiln.yaml declares; else classification when the model outputs several values or the labels are 0/1 */
  task?: 'classification' | 'regression';
}

/** Metrics the worker gathered while predicting (when it was given the labels). */
export interface Scored {
  task: 'classification' | 'regression';
  /** classification: the first row whose label is not a class of the model (0…max(2, outDim) − 1), or -1 */
  badLabel: number;
  classifier: ClassifierMetrics | null;
  /** null also for a regression whose model outputs several values per row */
  regressor: RegressorMetrics | null;
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
      /** outputs that are NaN or ±Infinity, and the first row (0-based) that has one, or -1 */
      bad: number;
      firstBad: number;
      scored: Scored | null;
    }
  | { t: 'error'; code: 'MODEL_INVALID' | 'INTERNAL'; message: string };
