import { describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { useTempDir } from '../../helpers/temp-dir.js';
import { KILN_JS, kiln } from '../../helpers/kiln-cli.js';
import { createCoreWithContext as createCore } from '../../helpers/core-with-context.js';
import { serializeManifest } from '../../../src/core/datasets/manifest.js';
import { lockForWrite } from '../../../src/core/store/store-lock.js';
import { rejection, useDataCore } from './data-workspace.js';

const tmp = useTempDir('kiln-faults-');
const dataCore = useDataCore(tmp);
const isRoot = process.getuid?.() === 0;

function randomFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  for (let left = bytes; left > 0; left -= 4 << 20) writeSync(fd, randomBytes(Math.min(left, 4 << 20)));
  closeSync(fd);
}

const packsOf = (root: string) => join(root, '.kiln', 'store', 'packs');

describe('datasets: faults', () => {
  it('a file that keeps changing while read fails the add clearly; nothing is versioned; it works once the file is still', async () => {
    const { core, base } = await dataCore();
    const src = join(base, 'src');
    mkdirSync(src);
    randomFile(join(src, 'growing.log'), 24 << 20);
    writeFileSync(join(src, 'still.txt'), 'calm');
    const writer = setInterval(() => appendFileSync(join(src, 'growing.log'), 'more\n'), 1);
    let e;
    try {
      e = await rejection(core.invoke('datasets:add', { dataset: 'live', source: { kind: 'paths', paths: [src] } }));
    } finally {
      clearInterval(writer);
    }
    expect(e.code).toBe('FILE_CHANGED');
    expect(e.message).toContain('growing.log');
    expect((await core.invoke('datasets:list', {})).map((d) => d.name)).not.toContain('live');
    const ok = await core.invoke('datasets:add', { dataset: 'live', source: { kind: 'paths', paths: [src] } });
    expect(ok.version.version).toBe(1);
  });

  it('unreadable files: one error listing them all, nothing added (run as an unprivileged user when root)', async () => {
    const base = tmp();
    chmodSync(base, 0o777);
    const ws = join(base, 'ws');
    const home = join(base, 'home');
    for (const d of [ws, home]) {
      mkdirSync(d);
      chmodSync(d, 0o777); // mkdir's mode is cut by the umask
    }
    const src = join(base, 'src');
    mkdirSync(join(src, 'locked-dir'), { recursive: true });
    writeFileSync(join(src, 'fine.txt'), 'fine');
    writeFileSync(join(src, 'secret-a'), 'a');
    writeFileSync(join(src, 'secret-b'), 'b');
    writeFileSync(join(src, 'locked-dir', 'inside'), 'x');
    chmodSync(join(src, 'secret-a'), 0);
    chmodSync(join(src, 'secret-b'), 0);
    chmodSync(join(src, 'locked-dir'), 0);
    const uid = isRoot ? { uid: 65534, gid: 65534 } : {};
    const run = (args: string[]) =>
      new Promise<{ code: number; out: string; err: string }>((res) => {
        const p = spawn(process.execPath, [KILN_JS, ...args], { cwd: ws, env: { ...process.env, KILN_HOME: home, HOME: home }, ...uid });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => (out += d));
        p.stderr.on('data', (d: Buffer) => (err += d));
        p.on('close', (code) => res({ code: code ?? -1, out, err }));
      });
    expect((await run(['init', ws])).code).toBe(0);
    const walkFail = await run(['data', 'add', src, '--name', 'private']);
    expect(walkFail.code).toBe(1);
    expect(walkFail.err).toContain('locked-dir');
    chmodSync(join(src, 'locked-dir'), 0o755);
    const r = await run(['data', 'add', src, '--name', 'private']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/2 files could not be read/);
    expect(r.err).toContain('secret-a');
    expect(r.err).toContain('secret-b');
    const ls = await run(['data', 'ls', '--json']);
    expect(JSON.parse(ls.out)).toEqual([]);
    const verify = await run(['data', 'verify']);
    expect(verify.code).toBe(0);
  });

  it('kill -9 of a real `kiln data add` mid-add: consistent store, no version, verify passes, the same add then succeeds', async () => {
    const base = tmp();
    const ws = join(base, 'ws');
    const src = join(base, 'src');
    mkdirSync(src);
    for (let i = 0; i < 3; i++) randomFile(join(src, `part-${i}.bin`), 40 << 20);
    expect((await kiln(['init', ws])).code).toBe(0);
    const child = spawn(process.execPath, [KILN_JS, 'data', 'add', src, '--name', 'big'], { cwd: ws, env: { ...process.env, KILN_HOME: join(base, 'home') } });
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    // wait until it is writing a pack, then kill it without warning
    const deadline = Date.now() + 60_000;
    let killed = false;
    while (Date.now() < deadline) {
      const tmpPack = existsSync(packsOf(ws)) ? readdirSync(packsOf(ws)).find((n) => n.startsWith('tmp-')) : undefined;
      if (tmpPack && statSync(join(packsOf(ws), tmpPack)).size > 4 << 20) {
        child.kill('SIGKILL');
        killed = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(killed).toBe(true);
    await exited;
    const core = await createCore({ host: 'cli', workspace: ws, kilnHome: join(base, 'home') });
    try {
      expect((await core.invoke('datasets:list', {})).map((d) => d.name)).not.toContain('big');
      expect(readdirSync(packsOf(ws)).filter((n) => n.startsWith('tmp-'))).toEqual([]);
      const v = await core.invoke('datasets:verify', {});
      expect(v.ok).toBe(true);
      const r = await core.invoke('datasets:add', { dataset: 'big', source: { kind: 'paths', paths: [src] } });
      expect(r.version.version).toBe(1);
      await core.invoke('datasets:checkout', { dataset: 'big', version: 1, dir: join(base, 'out') });
      for (let i = 0; i < 3; i++) expect(readFileSync(join(base, 'out', `part-${i}.bin`)).equals(readFileSync(join(src, `part-${i}.bin`)))).toBe(true);
      expect((await core.invoke('datasets:verify', {})).ok).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('a flipped byte in a pack: verify names the chunk, its versions and files; checkout fails rather than writing wrong bytes', async () => {
    const { core, base, root } = await dataCore();
    const src = join(base, 'src');
    mkdirSync(src);
    randomFile(join(src, 'data.bin'), 2 << 20);
    writeFileSync(join(src, 'note.txt'), 'hello');
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [src] } });
    writeFileSync(join(src, 'note.txt'), 'hello again');
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [src] } });
    const pack = readdirSync(packsOf(root))
      .map((n) => join(packsOf(root), n))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    const fd = openSync(pack, 'r+');
    const at = Math.floor(statSync(pack).size / 2);
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, at);
    b[0] = b[0]! ^ 0xff;
    writeSync(fd, b, 0, 1, at);
    closeSync(fd);
    const v = await core.invoke('datasets:verify', {});
    expect(v.ok).toBe(false);
    expect(v.damaged).toHaveLength(1);
    const d = v.damaged[0]!;
    expect(d).toMatchObject({ kind: 'chunk', pack: pack.split('/').pop() });
    // a chunk of a multi-chunk file: its id is BLAKE3 (store format 2)
    expect(d.id).toMatch(/^blake3:[0-9a-f]{64}$/);
    expect(d.versions).toEqual([
      { dataset: 'd', version: 1 },
      { dataset: 'd', version: 2 },
    ]);
    expect(d.files).toEqual(['d@1:data.bin', 'd@2:data.bin']);
    const out = join(base, 'out');
    const e = await rejection(core.invoke('datasets:checkout', { dataset: 'd', version: 2, dir: out }));
    expect(e.code).toBe('STORE_CORRUPT');
    expect(e.message).toContain('data.bin');
    expect(e.message).toContain(d.id);
    expect(existsSync(join(out, 'data.bin'))).toBe(false);
  });

  it.skipIf(!isRoot)('a full disk (8 MiB tmpfs under the store): DISK_FULL, nothing corrupted, space given back', async () => {
    const { core, base, root } = await dataCore();
    const small = join(base, 'small');
    mkdirSync(small);
    writeFileSync(join(small, 'a.txt'), 'first version');
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [small] } });
    // move the store onto a tiny file system: keep its pack, mount, put it back
    const store = join(root, '.kiln', 'store');
    const saved = join(base, 'saved-store');
    execFileSync('cp', ['-a', store, saved]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', store]);
    try {
      execFileSync('cp', ['-a', `${saved}/.`, store]);
      const big = join(base, 'big');
      mkdirSync(big);
      randomFile(join(big, 'too-big.bin'), 20 << 20);
      const e = await rejection(core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [big] } }));
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toMatch(/full/);
      expect(readdirSync(packsOf(root)).filter((n) => n.startsWith('tmp-'))).toEqual([]);
      expect((await core.invoke('datasets:versions', { dataset: 'd' })).map((v) => v.version)).toEqual([1]);
      expect((await core.invoke('datasets:verify', {})).ok).toBe(true);
      writeFileSync(join(small, 'b.txt'), 'fits');
      expect((await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [small] } })).version.version).toBe(2);
      await core.invoke('datasets:checkout', { dataset: 'd', version: 2, dir: join(base, 'out') });
      expect(readFileSync(join(base, 'out', 'a.txt'), 'utf8')).toBe('first version');
    } finally {
      // nothing may hold the small file system open when it is unmounted
      await core.invoke('workspaces:close', {});
      execFileSync('umount', [store]);
    }
  });

  it('checkout refuses manifest paths that escape the target folder (PATH_ESCAPE)', async () => {
    const { core, base } = await dataCore();
    const src = join(base, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'x'), 'payload');
    const v1 = await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [src] } });
    const tree = await core.invoke('datasets:tree', { dataset: 'd', version: 1 });
    const digest = tree.entries[0]!.digest!.slice(7);
    const db = core.context.workspaces.get().db;
    for (const [i, path] of ['../escaped', '/tmp/kiln-absolute-escape'].entries()) {
      const m = serializeManifest([{ path, type: 'file', mode: 0o644, size: 7, mtime: 0, digest }]);
      db.prepare('INSERT INTO store_manifests (digest, body, files, bytes, created_at) VALUES (?, ?, 1, 7, 0)').run(m.digest, Buffer.from(m.body));
      db.prepare(
        'INSERT INTO dataset_versions (dataset_id, version, manifest, parent, created_at, files, bytes, bytes_new) VALUES (1, ?, ?, 1, 0, 1, 7, 0)',
      ).run(2 + i, m.digest);
      const e = await rejection(core.invoke('datasets:checkout', { dataset: 'd', version: 2 + i, dir: join(base, `out${i}`) }));
      expect(e.code).toBe('PATH_ESCAPE');
      expect(e.message).toContain(path);
    }
    expect(existsSync(join(base, 'escaped'))).toBe(false);
    expect(existsSync('/tmp/kiln-absolute-escape')).toBe(false);
    expect(v1.version.version).toBe(1);
  });

  it('cancel: no version, stored chunks kept for the retry; gc then removes them unless a writer holds the store', async () => {
    const { core, base, root } = await dataCore();
    const src = join(base, 'src');
    mkdirSync(src);
    for (let i = 0; i < 2; i++) randomFile(join(src, `f${i}.bin`), 48 << 20);
    const jobId = 'cancel-me';
    const off = core.on('jobs:progress', (p) => {
      if (p.jobId === jobId && p.bytesDone > 8 << 20) void core.invoke('jobs:cancel', { jobId });
    });
    const e = await rejection(core.invoke('datasets:add', { dataset: 'c', source: { kind: 'paths', paths: [src] }, jobId }));
    off();
    expect(e.code).toBe('CANCELLED');
    expect((await core.invoke('datasets:list', {})).map((d) => d.name)).not.toContain('c');
    const db = core.context.workspaces.get().db;
    const kept = (db.prepare('SELECT COUNT(*) AS n FROM store_chunks').get() as { n: number }).n;
    expect(kept).toBeGreaterThan(0);
    expect((await core.invoke('datasets:verify', {})).ok).toBe(true);

    const lock = lockForWrite(join(root, '.kiln', 'store', 'locks'));
    expect((await rejection(core.invoke('datasets:gc', {}))).code).toBe('LOCKED');
    lock.release();
    const gc = await core.invoke('datasets:gc', {});
    expect(gc.chunksRemoved).toBe(kept);
    expect((db.prepare('SELECT COUNT(*) AS n FROM store_chunks').get() as { n: number }).n).toBe(0);

    // a retry after a cancel reuses what the cancelled add stored
    const off2 = core.on('jobs:progress', (p) => {
      if (p.jobId === 'again' && p.bytesDone > 8 << 20) void core.invoke('jobs:cancel', { jobId: 'again' });
    });
    await rejection(core.invoke('datasets:add', { dataset: 'c', source: { kind: 'paths', paths: [src] }, jobId: 'again' }));
    off2();
    const r = await core.invoke('datasets:add', { dataset: 'c', source: { kind: 'paths', paths: [src] } });
    expect(r.stats.bytesReused).toBeGreaterThan(0);
    expect(r.stats.bytesNew + r.stats.bytesReused).toBe(96 << 20);
    expect((await core.invoke('datasets:verify', {})).ok).toBe(true);
  });
});
