// Reads what prepare.mjs wrote back into tensors.
import { readFileSync } from 'node:fs';

export function loadSplit(tf, name) {
  const xb = readFileSync(`data/${name}-x.f32`);
  const yb = readFileSync(`data/${name}-y.u8`);
  const x = new Float32Array(xb.buffer, xb.byteOffset, xb.byteLength / 4);
  const labels = new Uint8Array(yb.buffer, yb.byteOffset, yb.byteLength);
  return { x: tf.tensor2d(x, [labels.length, 784]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), 10), labels };
}
