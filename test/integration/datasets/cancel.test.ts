import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Core } from '../../../src/core/index.js';
import type { JobProgress } from '../../../src/shared/contract/index.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { rejection, useDataCore } from './data-workspace.js';

const tmp = useTempDir('kiln-cancel-');
const dataCore = useDataCore(tmp);

/** A version large enough that checkout and verify report progress before they finish. */
async function bigVersion(core: Core, base: string): Promise<void> {
  const src = join(base, 'src');
  mkdirSync(src);
  for (let i = 0; i < 400; i++) writeFileSync(join(src, `f${i}.bin`), randomBytes(256 * 1024));
  await core.invoke('datasets:add', { dataset: 'big', source: { kind: 'paths', paths: [src] }, message: 'v1' });
}

/** Cancels `jobId` at its first progress event; returns the events seen. */
function cancelAtFirstProgress(core: Core, jobId: string): JobProgress[] {
  const seen: JobProgress[] = [];
  core.on('jobs:progress', (p) => {
    if (p.jobId !== jobId) return;
    seen.push(p);
    if (seen.length === 1) void core.invoke('jobs:cancel', { jobId });
  });
  return seen;
}

describe('cancelling checkout and verify', () => {
  it('a cancelled checkout stops with CANCELLED, says the folder holds part of it, and a new checkout then succeeds', async () => {
    const { core, base } = await dataCore();
    await bigVersion(core, base);
    const seen = cancelAtFirstProgress(core, 'co-1');
    const dir = join(base, 'out');
    const e = await rejection(core.invoke('datasets:checkout', { dataset: 'big', version: 1, dir, jobId: 'co-1' }));
    expect(e.code).toBe('CANCELLED');
    expect(e.message).toContain(dir);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ filesTotal: 400, bytesTotal: 400 * 256 * 1024 });
    expect(await core.invoke('jobs:list', {})).toEqual([]);
    const again = join(base, 'out2');
    await core.invoke('datasets:checkout', { dataset: 'big', version: 1, dir: again });
    expect(existsSync(join(again, 'f399.bin'))).toBe(true);
  });

  it('a cancelled verify stops with CANCELLED and the store still verifies afterwards', async () => {
    const { core, base } = await dataCore();
    await bigVersion(core, base);
    cancelAtFirstProgress(core, 'vf-1');
    const e = await rejection(core.invoke('datasets:verify', { jobId: 'vf-1' }));
    expect(e.code).toBe('CANCELLED');
    expect((await core.invoke('datasets:verify', {})).ok).toBe(true);
  });
});
