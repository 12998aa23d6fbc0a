// The bare loop bench/models.mjs compares `kiln models validate` with:
//   node bench/bare-predict.mjs MODEL_DIR INPUTS.f32 COLS [--require]
// TF.js on the backend Kiln's worker takes here (wasm), the same model files, 1024-row batches.
// TF.js is loaded with import(), as an ES module script does; --require loads it with require(), as
// Kiln's worker does (about 0.2 s faster: import() first scans each CommonJS bundle for its exports).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const [modelDir, inputsFile, cols, how] = process.argv.slice(2);
const req = createRequire(import.meta.url);
const load = how === '--require' ? async (p) => req(p) : (p) => import(p);
const tf = await load('@tensorflow/tfjs-core');
const layers = await load('@tensorflow/tfjs-layers');
const wasm = await load('@tensorflow/tfjs-backend-wasm');
wasm.setWasmPaths(`${dirname(req.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await tf.setBackend('wasm');
await tf.ready();
const j = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8'));
const w = readFileSync(join(modelDir, 'weights.bin'));
const m = await layers.loadLayersModel(
  tf.io.fromMemory({
    modelTopology: j.modelTopology,
    weightSpecs: j.weightsManifest.flatMap((g) => g.weights),
    weightData: w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength),
  }),
);
const b = readFileSync(inputsFile);
const inputs = new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
const c = Number(cols);
const rows = inputs.length / c;
let n = 0;
for (let i = 0; i < rows; i += 1024) {
  const k = Math.min(1024, rows - i);
  const y = tf.tidy(() => m.predict(tf.tensor2d(inputs.subarray(i * c, (i + k) * c), [k, c])));
  n += y.dataSync().length;
  y.dispose();
}
process.stdout.write(JSON.stringify({ backend: tf.getBackend(), n }));
