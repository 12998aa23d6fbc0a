import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KilnError } from '../../shared/contract/index.js';

export const DEFAULT_EXAMPLE_IMAGE = 'node:20-bookworm-slim';
const SCRIPTS = ['prepare.mjs', 'train.mjs', 'evaluate.mjs', 'load-data.mjs', 'README.md'];
/** What the stages require; bundled TensorFlow.js packages need only their package.json and main file. */
const PACKAGES = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-layers'];
const BUNDLED = new Set(['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-layers']);

/** The resources folder, from source (src/core/workspace) or from the built CLI (dist/cli). */
function resourcesDir(): string {
  for (let d = dirname(fileURLToPath(import.meta.url)); d !== dirname(d); d = dirname(d)) {
    if (existsSync(join(d, 'resources', 'example', 'train.mjs'))) return join(d, 'resources');
  }
  throw new KilnError('INTERNAL', 'the example pipeline files (resources/example) are missing from this Kiln installation');
}

export function exampleYaml(image: string): string {
  return `# Kiln example: MNIST digits (dataset mnist-digits) → prepare → train → evaluate, TensorFlow.js on the CPU.
# The image needs node on its PATH. Where it cannot be pulled (offline), kiln run builds an
# equivalent kiln-local/node image from this machine's node and uses it (kiln doctor says which).
stages:
  prepare:
    image: ${image}
    cmd: [node, prepare.mjs]
    # the digits are a dataset version (kiln data ls), added when this example was created
    inputs: [data:mnist-digits@latest]
    params: {train_size: 2000, test_size: 500, seed: 42}
    outputs: [data]
    cpus: 1
    memory: 1g
    timeout: 5m
  train:
    image: ${image}
    cmd: [node, train.mjs]
    inputs: [data]
    params: {epochs: 3, batch_size: 64, hidden_units: 64, learning_rate: 0.001}
    outputs: [model]
    cpus: 1
    memory: 2g
    timeout: 10m
  evaluate:
    image: ${image}
    cmd: [node, evaluate.mjs]
    inputs: [data, model]
    outputs: [eval]
    cpus: 1
    memory: 1g
    timeout: 5m
# The trained model is registered as a new version of "mnist" after each run that changes it
# (kiln models ls). Promotion (kiln models promote mnist@1 --alias champion) runs the gates;
# add holdout: data:NAME@latest and label: COLUMN to gate on accuracy too.
models:
  mnist:
    output: model
    task: classification
    gates:
      - size_mb <= 50
      - lineage_complete
`;
}

/** A file as a hard link into Kiln's own copy where the file system allows, else a copy. */
function place(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

function placeTree(from: string, to: string): void {
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    if (e.isDirectory()) placeTree(join(from, e.name), join(to, e.name));
    else if (e.isFile()) place(join(from, e.name), join(to, e.name));
  }
}

/** The packages the stages import and what they depend on, into the workspace's node_modules. */
function linkPackages(dir: string): void {
  const req = createRequire(import.meta.url);
  const seen = new Set<string>();
  const queue = [...PACKAGES];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name) || name.startsWith('@types/') || name === '@webgpu/types') continue;
    seen.add(name);
    const pkgJson = req.resolve(`${name}/package.json`);
    const root = dirname(pkgJson);
    const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { main?: string; dependencies?: Record<string, string> };
    const dest = join(dir, 'node_modules', name);
    if (BUNDLED.has(name) && pkg.main) {
      place(pkgJson, join(dest, 'package.json'));
      place(join(root, pkg.main), join(dest, pkg.main));
    } else {
      placeTree(root, dest);
    }
    queue.push(...Object.keys(pkg.dependencies ?? {}));
  }
}

/** Writes the example MNIST pipeline into `dir`: kiln.yaml, the stage scripts, the metrics helper and node_modules. */
export async function createExampleWorkspace(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (existsSync(join(dir, 'kiln.yaml'))) {
    throw new KilnError('WORKSPACE_EXISTS', `${join(dir, 'kiln.yaml')} already exists: the example would overwrite it; pick an empty folder`);
  }
  const res = resourcesDir();
  mkdirSync(dir, { recursive: true });
  for (const f of SCRIPTS) copyFileSync(join(res, 'example', f), join(dir, f));
  copyFileSync(join(res, 'metrics', 'kiln-metrics.mjs'), join(dir, 'kiln-metrics.mjs'));
  linkPackages(dir);
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\ndata/\nmodel/\neval/\n');
  writeFileSync(join(dir, 'kiln.yaml'), exampleYaml(env.KILN_EXAMPLE_IMAGE || DEFAULT_EXAMPLE_IMAGE));
}
