// train: a small dense network on the prepared digits, TensorFlow.js on its CPU backend.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { logMetric, logMetrics } from './kiln-metrics.mjs';
import { loadSplit } from './load-data.mjs';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');
await tf.setBackend('cpu');

const param = (name, dflt) => Number(process.env[`KILN_PARAM_${name.toUpperCase()}`] ?? dflt);
const epochs = param('epochs', 3);
const batchSize = param('batch_size', 64);
const units = param('hidden_units', 64);
const lr = param('learning_rate', 0.001);

const { x, y } = loadSplit(tf, 'train');
const model = tfl.sequential({
  layers: [tfl.layers.dense({ inputShape: [784], units, activation: 'relu' }), tfl.layers.dense({ units: 10, activation: 'softmax' })],
});
model.compile({ optimizer: tf.train.adam(lr), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

let step = 0;
await model.fit(x, y, {
  epochs,
  batchSize,
  validationSplit: 0.1,
  shuffle: true,
  verbose: 0,
  callbacks: {
    onBatchEnd: async (_batch, logs) => logMetric('batch_loss', logs.loss, step++),
    onEpochEnd: async (epoch, logs) => {
      logMetrics({ loss: logs.loss, accuracy: logs.acc, val_loss: logs.val_loss, val_accuracy: logs.val_acc }, epoch);
      console.log(`epoch ${epoch + 1}/${epochs}: loss ${logs.loss.toFixed(4)} accuracy ${logs.acc.toFixed(4)} val_accuracy ${logs.val_acc.toFixed(4)}`);
    },
  },
});

// save as TensorFlow.js layers format: model.json + weights.bin
mkdirSync('model', { recursive: true });
await model.save(
  tf.io.withSaveHandler(async (a) => {
    writeFileSync('model/weights.bin', Buffer.from(a.weightData));
    const manifest = [{ paths: ['weights.bin'], weights: a.weightSpecs }];
    writeFileSync(
      'model/model.json',
      JSON.stringify({ format: 'layers-model', generatedBy: 'kiln example', modelTopology: a.modelTopology, weightsManifest: manifest }),
    );
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }),
);
console.log('saved model/model.json and model/weights.bin');
