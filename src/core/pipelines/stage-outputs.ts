import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetApi } from '../datasets/dataset-api.js';
import type { StoredOutput } from '../runs/run-record.js';
import type { TreeHasher } from './tree-digest.js';

/** After a successful stage: each output's digest (fast, from the stat cache); trees are stored later. */
export async function digestOutputs(paths: string[], hasher: TreeHasher): Promise<StoredOutput[]> {
  const out: StoredOutput[] = [];
  for (const path of paths) {
    const d = await hasher.digest(path);
    if (d) out.push({ path, digest: d.digest, tree: null });
  }
  return out;
}

/** Stores each output folder in the content store; an output the store refuses keeps tree null (it stays in the workspace). */
export async function storeTrees(outputs: StoredOutput[], root: string, datasets: DatasetApi, say: (m: string) => void): Promise<StoredOutput[]> {
  const done: StoredOutput[] = [];
  for (const o of outputs) {
    try {
      done.push({ ...o, tree: (await datasets.storeTree(join(root, o.path))).digest });
    } catch (e) {
      say(`kiln: output ${o.path} kept in the workspace but not stored: ${e instanceof Error ? e.message : String(e)}`);
      done.push(o);
    }
  }
  return done;
}

/**
 * For a cache hit: outputs already in the workspace with the recorded digest stay; others are
 * materialized from the store. False when some output can be had neither way (then the stage runs).
 */
export async function restoreOutputs(outputs: StoredOutput[], root: string, hasher: TreeHasher, datasets: DatasetApi): Promise<boolean> {
  for (const o of outputs) {
    const now = await hasher.digest(o.path);
    if (now?.digest === o.digest) continue;
    let present: boolean;
    try {
      present = o.tree !== null && datasets.hasTree(o.tree);
    } catch {
      present = false;
    }
    if (!present) return false;
    const dir = join(root, o.path);
    await rm(dir, { recursive: true, force: true });
    try {
      await datasets.materialize(o.tree!, dir);
    } catch {
      return false;
    }
  }
  return true;
}
