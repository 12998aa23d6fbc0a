import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { kiln } from '../../helpers/kiln-cli.js';
import { encodeTrailer, readTrailer } from '../../../src/core/store/pack-trailer.js';
import { PackWriter } from '../../../src/core/store/pack-writer.js';
import { openDatabase } from '../../../src/core/db/open-database.js';

// Hardening item 4: a missing, empty or replaced kiln.db is not a new workspace; gc never deletes
// a pack it cannot prove unreferenced; `kiln data recover` rebuilds versions from the packs.
// Real CLI, real SQLite, real files.
describe('a lost database does not lose the data', () => {
  const tmp = useTempDir('kiln-lostdb-');

  async function workspace(): Promise<{ ws: string; env: NodeJS.ProcessEnv; src: string; packs: () => string[]; dir: string }> {
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, '.home') };
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'blob.bin'), randomBytes(3_000_000));
    writeFileSync(join(src, 'a.txt'), 'first');
    expect((await kiln(['data', 'add', src, '--name', 'images', '-m', 'the first one'], { cwd: ws, env })).code).toBe(0);
    writeFileSync(join(src, 'a.txt'), 'second');
    expect((await kiln(['data', 'add', src, '--name', 'images', '-m', 'the second one'], { cwd: ws, env })).code).toBe(0);
    expect((await kiln(['data', 'add', join(src, 'a.txt'), '--name', 'labels'], { cwd: ws, env })).code).toBe(0);
    const packsDir = join(ws, '.kiln', 'store', 'packs');
    return {
      ws,
      env,
      src,
      dir,
      packs: () =>
        readdirSync(packsDir)
          .filter((n) => n.endsWith('.pack'))
          .sort(),
    };
  }

  const db = (ws: string) => join(ws, '.kiln', 'kiln.db');
  const dropWal = (ws: string) => {
    rmSync(`${db(ws)}-wal`, { force: true });
    rmSync(`${db(ws)}-shm`, { force: true });
  };

  async function refusedEverywhere(ws: string, env: NodeJS.ProcessEnv, why: RegExp): Promise<void> {
    for (const args of [
      ['data', 'gc'],
      ['data', 'ls'],
      ['data', 'log', 'images'],
    ]) {
      const r = await kiln(args, { cwd: ws, env });
      expect(r.code, `kiln ${args.join(' ')}`).not.toBe(0);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).toMatch(/kiln data recover/);
      expect(r.stderr).toMatch(/backup/);
    }
  }

  it('an emptied kiln.db is refused (gc deletes nothing); kiln data recover rebuilds names, versions and bytes', async () => {
    const { ws, env, src, dir, packs } = await workspace();
    const before = packs();
    expect(before.length).toBeGreaterThan(0);
    writeFileSync(db(ws), '');
    dropWal(ws);
    await refusedEverywhere(ws, env, /kiln\.db is empty, but the store holds \d+ packs/);
    expect(packs()).toEqual(before);
    expect(statSync(db(ws)).size).toBe(0);

    const rec = await kiln(['data', 'recover', '--json'], { cwd: ws, env });
    expect(rec.code, rec.stderr).toBe(0);
    const r = JSON.parse(rec.stdout) as { versions: { dataset: string; version: number }[]; packsUnreadable: string[] };
    expect(r.versions.map((v) => `${v.dataset}@${v.version}`).sort()).toEqual(['images@1', 'images@2', 'labels@1']);
    expect(r.packsUnreadable).toEqual([]);
    const log = await kiln(['data', 'log', 'images'], { cwd: ws, env });
    expect(log.stdout).toMatch(/@2.*the second one/);
    expect(log.stdout).toMatch(/@1.*the first one/);
    expect((await kiln(['data', 'verify'], { cwd: ws, env })).code).toBe(0);
    // gc after recovery keeps every version whole
    expect((await kiln(['data', 'gc'], { cwd: ws, env })).code).toBe(0);
    const out = join(dir, 'out');
    expect((await kiln(['data', 'checkout', 'images@1', out], { cwd: ws, env })).code).toBe(0);
    expect(readFileSync(join(out, 'blob.bin')).equals(readFileSync(join(src, 'blob.bin')))).toBe(true);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('first');
  });

  it('a new version puts only the manifest pieces that changed into a pack, and recover reassembles them', async () => {
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, '.home') };
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    const src = join(dir, 'src');
    mkdirSync(src);
    const big = randomBytes(48_000_000);
    writeFileSync(join(src, 'big.bin'), big);
    expect((await kiln(['data', 'add', src, '--name', 'big'], { cwd: ws, env })).code).toBe(0);
    const packsDir = join(ws, '.kiln', 'store', 'packs');
    const v1Packs = new Set(readdirSync(packsDir));
    // 100 bytes inserted in the middle: a few chunks and a few manifest pieces change
    writeFileSync(join(src, 'big.bin'), Buffer.concat([big.subarray(0, 24_000_000), Buffer.alloc(100, 7), big.subarray(24_000_000)]));
    const add2 = await kiln(['data', 'add', src, '--name', 'big', '--json'], { cwd: ws, env });
    expect(add2.code, add2.stderr).toBe(0);
    const v2 = (JSON.parse(add2.stdout) as { version: { digest: string } }).version.digest.replace(/^sha256:/, '');
    const fresh = readdirSync(packsDir).filter((n) => n.endsWith('.pack') && !v1Packs.has(n));
    const trailers = fresh.map((n) => readTrailer(join(packsDir, n))!);
    const owner = trailers.find((t) => t.manifests.includes(v2))!;
    const pieces = owner.pieces![v2]!;
    expect(pieces.length).toBeGreaterThan(4);
    const written = new Set(trailers.flatMap((t) => t.chunks.map(([hex]) => hex)));
    // the whole manifest used to be copied at every version; now most pieces are v1's
    expect(pieces.filter((h) => written.has(h)).length).toBeLessThan(pieces.length / 2);

    writeFileSync(db(ws), '');
    dropWal(ws);
    const rec = await kiln(['data', 'recover', '--json'], { cwd: ws, env });
    expect(rec.code, rec.stderr).toBe(0);
    expect((JSON.parse(rec.stdout) as { versions: { dataset: string; version: number }[] }).versions.map((v) => `${v.dataset}@${v.version}`)).toEqual([
      'big@1',
      'big@2',
    ]);
    expect((await kiln(['data', 'gc'], { cwd: ws, env })).code).toBe(0);
    expect((await kiln(['data', 'verify'], { cwd: ws, env })).code).toBe(0);
    const out = join(dir, 'out');
    expect((await kiln(['data', 'checkout', 'big@2', out], { cwd: ws, env })).code).toBe(0);
    expect(readFileSync(join(out, 'big.bin')).equals(readFileSync(join(src, 'big.bin')))).toBe(true);
  });

  it('a missing kiln.db, and one replaced by a fresh database, are refused too', async () => {
    const { ws, env, packs } = await workspace();
    const before = packs();
    const other = await workspace();
    rmSync(db(ws));
    dropWal(ws);
    await refusedEverywhere(ws, env, /kiln\.db is missing/);
    expect(existsSync(db(ws))).toBe(false);
    // a database from a fresh workspace (schema, no packs) copied over it
    const fresh = join(tmp(), 'fresh');
    expect((await kiln(['init', fresh], { env })).code).toBe(0);
    expect((await kiln(['data', 'ls'], { cwd: fresh, env })).code).toBe(0);
    copyFileSync(db(fresh), db(ws));
    await refusedEverywhere(ws, env, /knows none of them/);
    expect(packs()).toEqual(before);
    expect(other.packs().length).toBeGreaterThan(0);
    expect((await kiln(['data', 'recover'], { cwd: ws, env })).code).toBe(0);
    expect((await kiln(['data', 'ls'], { cwd: ws, env })).stdout).toMatch(/images\s+2 versions/);
  });

  it('a pack gc rewrites still names the live manifests and version labels it held, so recover keeps those versions', async () => {
    const { ws, env, dir, src } = await workspace();
    const packsDir = join(ws, '.kiln', 'store', 'packs');
    // move labels@1's manifest pack into one that also holds a chunk nothing uses, as a rewrite would leave it
    const labelled = readdirSync(packsDir).filter((n) => n.endsWith('.pack') && readTrailer(join(packsDir, n))?.labels.some((l) => l.dataset === 'labels'));
    expect(labelled).toHaveLength(1);
    const old = readTrailer(join(packsDir, labelled[0]!))!;
    const bytes = readFileSync(join(packsDir, labelled[0]!));
    const sqlite = openDatabase(db(ws));
    try {
      const writer = new PackWriter(packsDir, sqlite, { replace: true });
      const junk = randomBytes(5000);
      await writer.append([
        ...old.chunks.map(([hex, offset, length, algo]) => ({ hex, data: bytes.subarray(offset, offset + length), algo: (algo ?? 0) as 0 | 1 })),
        { hex: createHash('sha256').update(junk).digest('hex'), data: junk, algo: 0 },
      ]);
      for (const m of old.manifests)
        await writer.appendManifest(
          m,
          { all: old.pieces?.[m] ?? [m], fresh: [] },
          old.labels.filter((l) => l.manifest === `sha256:${m}`),
        );
      await writer.flush();
      sqlite.prepare('DELETE FROM store_packs WHERE name = ?').run(labelled[0]!);
    } finally {
      sqlite.close();
    }
    rmSync(join(packsDir, labelled[0]!));
    const gc = await kiln(['data', 'gc', '--json'], { cwd: ws, env });
    expect(gc.code, gc.stderr).toBe(0);
    expect(JSON.parse(gc.stdout)).toMatchObject({ packsRewritten: 1, chunksRemoved: 1 });

    writeFileSync(db(ws), '');
    dropWal(ws);
    const rec = await kiln(['data', 'recover', '--json'], { cwd: ws, env });
    expect(rec.code, rec.stderr).toBe(0);
    expect((JSON.parse(rec.stdout) as { versions: { dataset: string; version: number }[] }).versions.map((v) => `${v.dataset}@${v.version}`).sort()).toEqual([
      'images@1',
      'images@2',
      'labels@1',
    ]);
    const out = join(dir, 'out-labels');
    expect((await kiln(['data', 'checkout', 'labels@1', out], { cwd: ws, env })).code).toBe(0);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe(readFileSync(join(src, 'a.txt'), 'utf8'));
  });

  it('gc deletes an unindexed pack only when its own index proves it unreferenced', async () => {
    const { ws, env, packs } = await workspace();
    const packsDir = join(ws, '.kiln', 'store', 'packs');
    // a pack with no index of its own (an older Kiln's, or one the database lost): kept
    writeFileSync(join(packsDir, 'old-format.pack'), randomBytes(4096));
    // a pack that says it holds a manifest: kept (recover could rebuild a version from it)
    const body = Buffer.from('{"kiln":"manifest/1","entries":[]}');
    const hex = 'ab'.repeat(32);
    writeFileSync(
      join(packsDir, 'carries-manifest.pack'),
      Buffer.concat([body, encodeTrailer({ v: 1, chunks: [[hex, 0, body.length]], manifests: [hex], labels: [] })]),
    );
    // a crash leftover: sealed, never committed, only chunks nothing uses: removed
    const junk = randomBytes(1000);
    writeFileSync(
      join(packsDir, 'crash-leftover.pack'),
      Buffer.concat([junk, encodeTrailer({ v: 1, chunks: [['cd'.repeat(32), 0, 1000]], manifests: [], labels: [] })]),
    );
    const gc = await kiln(['data', 'gc'], { cwd: ws, env });
    expect(gc.code, gc.stderr).toBe(0);
    const left = packs();
    expect(left).toContain('old-format.pack');
    expect(left).toContain('carries-manifest.pack');
    expect(left).not.toContain('crash-leftover.pack');
    expect((await kiln(['data', 'verify'], { cwd: ws, env })).code).toBe(0);
  });
});
