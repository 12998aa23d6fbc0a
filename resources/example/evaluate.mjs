// evaluate: accuracy and confusion matrix of the trained model on the held-out digits.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { logMetric } from './kiln-metrics.mjs';
import { loadSplit } from './load-data.mjs';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');
await tf.setBackend('cpu');

const json = JSON.parse(readFileSync('model/model.json', 'utf8'));
const bin = readFileSync('model/weights.bin');
const model = await tfl.loadLayersModel({
  load: async () => ({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest[0].weights,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  }),
});
const { x, labels } = loadSplit(tf, 'test');
const predicted = await tf.argMax(model.predict(x), 1).data();
const confusion = Array.from({ length: 10 }, () => new Array(10).fill(0));
let correct = 0;
labels.forEach((l, i) => {
  confusion[l][predicted[i]]++;
  if (l === predicted[i]) correct++;
});
const accuracy = correct / labels.length;
logMetric('test_accuracy', accuracy, 0);
mkdirSync('eval', { recursive: true });
writeFileSync('eval/report.json', `${JSON.stringify({ accuracy, samples: labels.length, confusion }, null, 2)}\n`);
console.log(`test accuracy ${(accuracy * 100).toFixed(1)}% on ${labels.length} digits`);
