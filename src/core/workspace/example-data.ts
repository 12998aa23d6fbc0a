import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workspace } from './workspace.js';
import { DatasetService } from '../datasets/dataset-service.js';
import { encodeGreyPng } from './grey-png.js';

/** The dataset the example's first stage reads (kiln.yaml: `data:mnist-digits@latest`). */
export const EXAMPLE_DATASET = 'mnist-digits';
/** Digits per class: 3,000 in all, enough for the default 2,000 training and 500 test digits. */
const PER_DIGIT = 300;
const SIDE = 28;

interface MnistDigit {
  length: number;
  get(i: number): number[];
}

/** Writes the example's digits as the dataset's files: images.u8 (N × 784 bytes), labels.csv, a sample PNG per digit, a README. */
function writeDigits(dir: string): number {
  const mnist = createRequire(import.meta.url)('mnist') as Record<number, MnistDigit>;
  const n = PER_DIGIT * 10;
  const images = new Uint8Array(n * SIDE * SIDE);
  let labels = 'index,label\n';
  mkdirSync(join(dir, 'samples'), { recursive: true });
  // interleaved 0,1,…,9,0,1,…: any prefix holds every class
  for (let i = 0; i < n; i++) {
    const digit = i % 10;
    const px = Uint8Array.from(mnist[digit]!.get(Math.floor(i / 10)), (v) => Math.round(v * 255));
    images.set(px, i * SIDE * SIDE);
    labels += `${i},${digit}\n`;
    if (i < 10) writeFileSync(join(dir, 'samples', `digit-${digit}.png`), encodeGreyPng(SIDE, SIDE, px));
  }
  writeFileSync(join(dir, 'images.u8'), images);
  writeFileSync(join(dir, 'labels.csv'), labels);
  writeFileSync(
    join(dir, 'README.md'),
    `# mnist-digits\n\n${n} MNIST digits (${PER_DIGIT} per class) from the \`mnist\` package, for Kiln's example pipeline.\n\n` +
      `- \`images.u8\`: ${n} × 784 bytes, one 28 × 28 greyscale image after another (0 = background, 255 = ink)\n` +
      `- \`labels.csv\`: the digit of each image, by its index\n- \`samples/\`: the first image of each digit as a PNG\n`,
  );
  return n;
}

/** Adds the example's digits as version 1 of `mnist-digits`, so its pipeline reads a dataset version (lineage data → run → model). */
export async function addExampleData(ws: Workspace): Promise<void> {
  const svc = new DatasetService(ws);
  if (svc.repo.latest(EXAMPLE_DATASET)) return;
  const tmp = mkdtempSync(join(tmpdir(), 'kiln-example-data-'));
  try {
    const n = writeDigits(tmp);
    await svc.add(EXAMPLE_DATASET, [tmp], { message: `${n} MNIST digits for the example pipeline` });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
