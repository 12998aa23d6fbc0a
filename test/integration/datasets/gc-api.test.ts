import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { useTempDir } from '../../helpers/temp-dir.js';
import { getDatasetApi } from '../../../src/core/datasets/get-dataset-api.js';
import { rejection, useDataCore } from './data-workspace.js';

const tmp = useTempDir('kiln-gc-');
const dataCore = useDataCore(tmp);

describe('datasets: the DatasetApi and gc of partly used packs', () => {
  it('storeTree keeps a stage output from gc while fresh; once expired, gc rewrites the shared pack keeping only live chunks', async () => {
    const { core, base, root } = await dataCore();
    const ws = core.context.workspaces.get();
    const api = getDatasetApi(ws);
    const outA = join(base, 'stage-out');
    mkdirSync(outA);
    writeFileSync(join(outA, 'keep.bin'), randomBytes(1 << 20));
    writeFileSync(join(outA, 'drop.bin'), randomBytes(1 << 20));
    const tree = await api.storeTree(outA);
    expect(tree).toMatchObject({ files: 2, bytes: 2 << 20 });
    expect(api.hasTree(tree.digest)).toBe(true);
    // the chunks' pack, and a small one carrying the tree's manifest (so a lost database can be rebuilt)
    const packsDir = join(root, '.kiln', 'store', 'packs');
    const packs = readdirSync(packsDir).sort((a, b) => statSync(join(packsDir, b)).size - statSync(join(packsDir, a)).size);
    expect(packs).toHaveLength(2);

    // a dataset shares half of that pack's chunks
    const src = join(base, 'src');
    mkdirSync(src);
    copyFileSync(join(outA, 'keep.bin'), join(src, 'keep.bin'));
    const ref = await api.addFolder('shared', src, { message: 'from a stage' });
    expect(ref).toMatchObject({ dataset: 'shared', version: 1 });
    expect(api.resolve('shared', 'latest')).toEqual(ref);
    expect((await core.invoke('datasets:version', { dataset: 'shared', version: 1 })).bytesNew).toBe(0);

    // fresh roots survive gc
    expect((await core.invoke('datasets:gc', {})).chunksRemoved).toBe(0);
    expect(api.hasTree(tree.digest)).toBe(true);

    // expired: the pack is rewritten with the live half only
    ws.db.prepare('UPDATE store_roots SET created_at = 0').run();
    const gc = await core.invoke('datasets:gc', {});
    expect(gc.packsRewritten).toBe(1);
    expect(gc.chunksRemoved).toBeGreaterThan(0);
    // the dropped file's chunks, and the expired tree's manifest pack
    expect(gc.bytesFreed).toBeGreaterThanOrEqual(1 << 20);
    expect(gc.bytesFreed).toBeLessThan((1 << 20) + 64 * 1024);
    expect(gc.manifestsRemoved).toBe(1);
    expect(api.hasTree(tree.digest)).toBe(false);
    expect(readdirSync(join(root, '.kiln', 'store', 'packs'))).not.toContain(packs[0]);
    expect((await core.invoke('datasets:verify', {})).ok).toBe(true);

    const out = join(base, 'materialized');
    await api.materialize(ref.digest, out);
    expect(readFileSync(join(out, 'keep.bin')).equals(readFileSync(join(src, 'keep.bin')))).toBe(true);
    // materialized inputs are read-only
    expect(statSync(join(out, 'keep.bin')).mode & 0o222).toBe(0);
    expect((await rejection(Promise.resolve().then(() => api.resolve('shared', '7')))).code).toBe('VERSION_NOT_FOUND');
  });
});
