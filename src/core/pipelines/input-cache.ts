import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DatasetApi } from '../datasets/dataset-api.js';

/**
 * A dataset version materialized once under `.kiln/cache/inputs/<digest>` and shared by every
 * stage and run that reads it. It is written to a temporary folder and renamed into place, so a
 * folder under its digest is always complete; a crash leaves only a temporary folder behind.
 */
export async function materializeInput(datasets: DatasetApi, digest: string, cacheRoot: string, signal?: AbortSignal): Promise<string> {
  const dir = join(cacheRoot, digest.replace(/^sha256:/, ''));
  if (existsSync(dir)) return dir;
  const tmp = `${dir}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    await datasets.materialize(digest, tmp, signal ? { signal } : {});
    await rename(tmp, dir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    // another stage put the same version in place meanwhile: theirs is as good as ours
    if (existsSync(dir)) return dir;
    throw e;
  }
  return dir;
}
