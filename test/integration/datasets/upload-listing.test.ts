import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '../../helpers/temp-dir.js';
import { rejection, useDataCore } from './data-workspace.js';

const tmp = useTempDir('kiln-upload-listing-');
const dataCore = useDataCore(tmp);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('datasets:add from a listed browser upload', () => {
  it('takes unsent files from the store by digest, keeps listed times so a repeat is unchanged, and refuses what it cannot honour', async () => {
    const { core, base, root } = await dataCore();
    const src = join(base, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), 'alpha\n');
    writeFileSync(join(src, 'sub', 'b.txt'), 'beta\n');
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [src] }, message: 'from disk' });
    expect(await core.invoke('datasets:have', { digests: [sha('alpha\n'), sha('beta\n'), sha('gamma\n')] })).toEqual({ have: [sha('alpha\n'), sha('beta\n')] });

    // a.txt and sub/b.txt are in the store: only c.txt is uploaded
    const listing = [
      { path: 'a.txt', size: 6, mtime: 1_700_000_000_000, digest: sha('alpha\n') },
      { path: 'sub/b.txt', size: 5, mtime: 1_700_000_000_001, digest: sha('beta\n') },
      { path: 'c.txt', size: 6, mtime: 1_700_000_000_002, digest: sha('gamma\n') },
    ];
    const stage = (id: string) => {
      const d = join(root, '.kiln', 'uploads', id);
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'c.txt'), 'gamma\n');
    };
    stage('u1');
    const r1 = await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'upload', uploadId: 'u1', files: listing }, message: 'upload' });
    expect(r1).toMatchObject({ unchanged: false, version: { version: 2, files: 3 }, stats: { bytesRead: 6 } });
    const out = join(base, 'out');
    await core.invoke('datasets:checkout', { dataset: 'd', version: 2, dir: out });
    expect(readFileSync(join(out, 'sub', 'b.txt'), 'utf8')).toBe('beta\n');
    const tree = await core.invoke('datasets:tree', { dataset: 'd', version: 2 });
    expect(tree.entries.find((e) => e.path === 'sub')).toMatchObject({ type: 'dir', mtime: 1_700_000_000_001 });

    // the same listing, nothing uploaded at all: the same tree, no new version
    const r2 = await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'upload', uploadId: 'u2', files: listing }, message: 'again' });
    expect(r2).toMatchObject({ unchanged: true, version: { version: 2 } });

    // a listed file neither sent nor stored, and a sent file whose bytes differ from its digest
    const missing = await rejection(
      core.invoke('datasets:add', {
        dataset: 'd',
        source: { kind: 'upload', uploadId: 'u3', files: [{ path: 'x.txt', size: 1, mtime: 0, digest: sha('x') }] },
        message: '',
      }),
    );
    expect(missing.message).toContain('x.txt was not uploaded and the store does not hold its content');
    stage('u4');
    const wrong = await rejection(
      core.invoke('datasets:add', {
        dataset: 'd',
        source: { kind: 'upload', uploadId: 'u4', files: [{ path: 'c.txt', size: 6, mtime: 0, digest: sha('other') }] },
        message: '',
      }),
    );
    expect(wrong.message).toContain('c.txt was uploaded with other bytes than the browser hashed');
  });
});
