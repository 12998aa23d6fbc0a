import { parentPort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfWasm from '@tensorflow/tfjs-backend-wasm';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import type * as TfConverter from '@tensorflow/tfjs-converter';
import { hasNativeBinding } from './backend-info.js';
import type { FromEvalWorker, LoadTask, PredictTask, Scored, ToEvalWorker } from './eval-protocol.js';
import { ClassifierAccumulator, RegressorAccumulator } from './eval-metrics.js';

/**
 * The TF.js worker: picks the best backend present (tfjs-node-gpu, tfjs-node, wasm, cpu), loads
 * the model from memory and predicts the inputs batch by batch, timing each batch. It runs off the
 * main thread so the UI and the server stay responsive; cancelling terminates it.
 */
const port = parentPort!;
const post = (m: FromEvalWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const req = createRequire(import.meta.url);

type Tf = typeof TfCore;

/**
 * TF.js's packages are CommonJS bundles: require() loads them about twice as fast as import(), which
 * first scans each multi-megabyte file for its export names.
 */
async function loadTf(): Promise<{ tf: Tf; backend: string }> {
  // tfjs-node(-gpu) bring their own core; when present they are the fastest
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    if (!hasNativeBinding(req, pkg)) continue;
    try {
      const mod = req(pkg) as Tf;
      if (await mod.setBackend('tensorflow')) return { tf: mod, backend: pkg === '@tensorflow/tfjs-node-gpu' ? 'tensorflow-gpu' : 'tensorflow' };
    } catch {
      // not installed, or its native library does not load here: next
    }
  }
  const tf = req('@tensorflow/tfjs-core') as Tf;
  try {
    const wasm = req('@tensorflow/tfjs-backend-wasm') as typeof TfWasm;
    wasm.setWasmPaths(`${dirname(req.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    // the threaded build needs cross-origin isolation in browsers and spawns its own workers: not here
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return { tf, backend: 'wasm' };
    }
  } catch {
    // no wasm backend: the plain JavaScript one
  }
  // the plain JavaScript backend is loaded only when needed (it costs start-up time)
  req('@tensorflow/tfjs-backend-cpu');
  tf.env().set('IS_TEST', true); // keeps tfjs from printing its "install tfjs-node" banner
  await tf.setBackend('cpu');
  await tf.ready();
  return { tf, backend: 'cpu' };
}

// TF.js starts as soon as the thread does, before the model arrives: a worker started early (the
// CLI starts one before its own code loads) has it ready by the time the caller sends the model
const tfReady = loadTf().then((r) => {
  // most models are layers models: their package loads now too, while the caller is still busy
  try {
    req('@tensorflow/tfjs-layers');
  } catch {
    // loadModel says so if a layers model arrives
  }
  return r;
});
tfReady.catch(() => undefined);

interface Predictor {
  predict(x: unknown): unknown;
  /** the input's last dimension, when the model declares it */
  width: number | null;
}

const widthOf = (shape: readonly (number | null)[] | undefined): number | null => {
  const d = shape?.at(-1);
  return shape && shape.length >= 2 && typeof d === 'number' ? d : null;
};

async function loadModel(tf: Tf, task: LoadTask): Promise<Predictor> {
  const j = JSON.parse(task.modelJson) as { modelTopology: object; weightsManifest: { weights: object[] }[] };
  const weightSpecs = j.weightsManifest.flatMap((g) => g.weights) as Parameters<typeof tf.io.fromMemory>[1];
  const handler = tf.io.fromMemory({ modelTopology: j.modelTopology, weightSpecs: weightSpecs as never, weightData: task.weights });
  if (task.kind === 'graph') {
    const conv = req('@tensorflow/tfjs-converter') as typeof TfConverter;
    const g = await conv.loadGraphModel(handler);
    return { predict: (x) => g.predict(x as never), width: widthOf(g.inputs[0]?.shape) };
  }
  const layers = req('@tensorflow/tfjs-layers') as typeof TfLayers;
  const m = await layers.loadLayersModel(handler);
  return { predict: (x) => m.predict(x as never), width: widthOf(m.inputs[0]?.shape) };
}

interface Scorer {
  add(scores: Float32Array, first: number): void;
  result(): Scored;
}

/** Decides the task once the model's output width is known, and gathers its metrics batch by batch. */
function startScoring(labels: Float64Array, outDim: number, declared: PredictTask['task']): Scorer {
  const task = declared ?? (outDim > 1 || labels.every((y) => y === 0 || y === 1) ? 'classification' : 'regression');
  if (task === 'classification') {
    const classes = Math.max(2, outDim);
    const badLabel = labels.findIndex((y) => !Number.isInteger(y) || y < 0 || y >= classes);
    const acc = badLabel < 0 ? new ClassifierAccumulator(outDim, labels) : null;
    return { add: (s, f) => acc?.add(s, f), result: () => ({ task, badLabel, classifier: acc?.result() ?? null, regressor: null }) };
  }
  const acc = outDim === 1 ? new RegressorAccumulator(labels) : null;
  return { add: (s, f) => acc?.add(s, f), result: () => ({ task, badLabel: -1, classifier: null, regressor: acc?.result() ?? null }) };
}

let loaded: { tf: Tf; backend: string; model: Predictor; warmedFor: number | null } | null = null;

async function load(task: LoadTask): Promise<void> {
  const { tf, backend } = await tfReady;
  post({ t: 'ready', backend });
  let model: Predictor;
  try {
    model = await loadModel(tf, task);
  } catch (e) {
    post({ t: 'error', code: 'MODEL_INVALID', message: `TensorFlow.js could not load the model: ${(e as Error).message}` });
    return;
  }
  // the first predict builds kernels and allocates: done now, while the caller still reads its inputs
  let warmedFor: number | null = null;
  if (model.width !== null) {
    try {
      tf.tidy(() => (model.predict(tf.zeros([1, model.width!])) as TfCore.Tensor).dataSync());
      warmedFor = model.width;
    } catch {
      // the predict proper reports what is wrong
    }
  }
  loaded = { tf, backend, model, warmedFor };
  post({ t: 'loaded' });
}

async function run(task: PredictTask): Promise<void> {
  if (!loaded) throw new Error('predict before load');
  const { tf, backend, model } = loaded;
  const { rows, cols, inputs } = task;
  let outDim = 0;
  let outputs = new Float32Array(0);
  const timings: [number, number][] = [];
  let predictMs = 0;
  let done = 0;
  let lastReport = 0;
  let bad = 0;
  let firstBad = -1;
  let scorer: Scorer | null = null;
  // one untimed call first, unless done at load: the first predict builds kernels and allocates
  if (loaded.warmedFor !== cols) {
    tf.tidy(() => {
      const y = model.predict(tf.tensor2d(inputs.subarray(0, cols), [1, cols])) as TfCore.Tensor;
      y.dataSync();
    });
  }
  for (const n of task.schedule) {
    const slice = inputs.subarray(done * cols, (done + n) * cols);
    const t0 = performance.now();
    const y = tf.tidy(() => {
      const out = model.predict(tf.tensor2d(slice, [n, cols]));
      return (Array.isArray(out) ? out[0] : out) as TfCore.Tensor;
    });
    const data = y.dataSync() as Float32Array;
    const ms = performance.now() - t0;
    predictMs += ms;
    if (!outDim) {
      outDim = y.shape.length > 1 ? y.shape.slice(1).reduce((a, b) => a * b, 1) : 1;
      outputs = new Float32Array(rows * outDim);
      if (task.labels) scorer = startScoring(task.labels, outDim, task.task);
    }
    scorer?.add(data, done);
    y.dispose();
    outputs.set(data, done * outDim);
    // checked here, batch by batch, where the loop is hot (on the caller's thread it ran cold)
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!)) {
        if (firstBad < 0) firstBad = done + Math.floor(i / outDim);
        bad++;
      }
    }
    timings.push([n, ms]);
    done += n;
    const now = performance.now();
    if (now - lastReport > 100) {
      lastReport = now;
      post({ t: 'progress', rows: done });
    }
  }
  post({ t: 'done', backend, outputs, outDim, timings, predictMs, bad, firstBad, scored: scorer?.result() ?? null }, [outputs.buffer as ArrayBuffer]);
}

port.on('message', (m: ToEvalWorker) => {
  (m.t === 'load' ? load(m) : run(m)).catch((e: unknown) => post({ t: 'error', code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) }));
});
