import { parentPort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as TfCore from '@tensorflow/tfjs-core';
import type { FromEvalWorker, LoadTask, PredictTask, ToEvalWorker } from './eval-protocol.js';

/**
 * The TF.js worker: picks the best backend present (tfjs-node-gpu, tfjs-node, wasm, cpu), loads
 * the model from memory and predicts the inputs batch by batch, timing each batch. It runs off the
 * main thread so the UI and the server stay responsive; cancelling terminates it.
 */
const port = parentPort!;
const post = (m: FromEvalWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const req = createRequire(import.meta.url);

type Tf = typeof TfCore;

async function loadTf(): Promise<{ tf: Tf; backend: string }> {
  // tfjs-node(-gpu) bring their own core; when present they are the fastest
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      const mod = (await import(pkg)) as unknown as Tf;
      if (await mod.setBackend('tensorflow')) return { tf: mod, backend: pkg === '@tensorflow/tfjs-node-gpu' ? 'tensorflow-gpu' : 'tensorflow' };
    } catch {
      // not installed, or its native library does not load here: next
    }
  }
  const tf = await import('@tensorflow/tfjs-core');
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
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
  // the plain JavaScript backend is imported only when needed (its import costs start-up time)
  await import('@tensorflow/tfjs-backend-cpu');
  tf.env().set('IS_TEST', true); // keeps tfjs from printing its "install tfjs-node" banner
  await tf.setBackend('cpu');
  await tf.ready();
  return { tf, backend: 'cpu' };
}

interface Predictor {
  predict(x: unknown): unknown;
}

async function loadModel(tf: Tf, task: LoadTask): Promise<Predictor> {
  const j = JSON.parse(task.modelJson) as { modelTopology: object; weightsManifest: { weights: object[] }[] };
  const weightSpecs = j.weightsManifest.flatMap((g) => g.weights) as Parameters<typeof tf.io.fromMemory>[1];
  const handler = tf.io.fromMemory({ modelTopology: j.modelTopology, weightSpecs: weightSpecs as never, weightData: task.weights });
  if (task.kind === 'graph') {
    const conv = await import('@tensorflow/tfjs-converter');
    const g = await conv.loadGraphModel(handler);
    return { predict: (x) => g.predict(x as never) };
  }
  const layers = await import('@tensorflow/tfjs-layers');
  const m = await layers.loadLayersModel(handler);
  return { predict: (x) => m.predict(x as never) };
}

let loaded: { tf: Tf; backend: string; model: Predictor } | null = null;

async function load(task: LoadTask): Promise<void> {
  const { tf, backend } = await loadTf();
  post({ t: 'ready', backend });
  let model: Predictor;
  try {
    model = await loadModel(tf, task);
  } catch (e) {
    post({ t: 'error', code: 'MODEL_INVALID', message: `TensorFlow.js could not load the model: ${(e as Error).message}` });
    return;
  }
  loaded = { tf, backend, model };
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
  // one untimed call first: the first predict builds kernels and allocates
  tf.tidy(() => {
    const y = model.predict(tf.tensor2d(inputs.subarray(0, cols), [1, cols])) as TfCore.Tensor;
    y.dataSync();
  });
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
    }
    y.dispose();
    outputs.set(data, done * outDim);
    timings.push([n, ms]);
    done += n;
    const now = performance.now();
    if (now - lastReport > 100) {
      lastReport = now;
      post({ t: 'progress', rows: done });
    }
  }
  post({ t: 'done', backend, outputs, outDim, timings, predictMs }, [outputs.buffer as ArrayBuffer]);
}

port.on('message', (m: ToEvalWorker) => {
  (m.t === 'load' ? load(m) : run(m)).catch((e: unknown) => post({ t: 'error', code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) }));
});
