// prepare: reads the digits from the dataset version mounted at /data/mnist-digits (kiln.yaml
// inputs: data:mnist-digits@latest), draws a seeded training and test split, and writes them as
// flat binary arrays under data/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { logMetric } from './kiln-metrics.mjs';

const SRC = process.env.KILN_EXAMPLE_DIGITS ?? '/data/mnist-digits';
const param = (name, dflt) => Number(process.env[`KILN_PARAM_${name.toUpperCase()}`] ?? dflt);
const trainSize = param('train_size', 2000);
const testSize = param('test_size', 500);

const images = readFileSync(`${SRC}/images.u8`);
const labels = readFileSync(`${SRC}/labels.csv`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => Number(line.split(',')[1]));
if (images.length !== labels.length * 784) throw new Error(`${SRC}: images.u8 holds ${images.length / 784} images but labels.csv ${labels.length} labels`);
if (trainSize + testSize > labels.length)
  throw new Error(`train_size + test_size is ${trainSize + testSize}, but the dataset holds ${labels.length} digits: lower them in kiln.yaml`);

// a seeded shuffle: the same params give the same split
let seed = param('seed', 42) >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const order = labels.map((_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [order[i], order[j]] = [order[j], order[i]];
}

function write(name, indices) {
  const x = new Float32Array(indices.length * 784);
  const y = new Uint8Array(indices.length);
  indices.forEach((k, i) => {
    for (let p = 0; p < 784; p++) x[i * 784 + p] = images[k * 784 + p] / 255;
    y[i] = labels[k];
  });
  writeFileSync(`data/${name}-x.f32`, Buffer.from(x.buffer));
  writeFileSync(`data/${name}-y.u8`, Buffer.from(y.buffer));
}
mkdirSync('data', { recursive: true });
write('train', order.slice(0, trainSize));
write('test', order.slice(trainSize, trainSize + testSize));
writeFileSync('data/meta.json', `${JSON.stringify({ train: trainSize, test: testSize, features: 784, classes: 10, source: 'mnist-digits' }, null, 2)}\n`);
logMetric('train_samples', trainSize, 0);
console.log(`prepared ${trainSize} training and ${testSize} test digits from ${SRC}`);
