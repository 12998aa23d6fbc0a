import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { openDatabase } from '../../../../src/core/db/open-database.js';
import type { SqlDatabase } from '../../../../src/core/db/sql.js';
import { PackWriter } from '../../../../src/core/store/pack-writer.js';
import { blobToHex } from '../../../../src/core/store/digest.js';

const dirs: string[] = [];
const dbs: SqlDatabase[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-pack-'));
  dirs.push(dir);
  const packs = join(dir, 'packs');
  mkdirSync(packs);
  const db = openDatabase(join(dir, 'kiln.db'));
  dbs.push(db);
  return { packs, db };
}

const chunk = (n: number) => {
  const data = randomBytes(n);
  return { hex: createHash('sha256').update(data).digest('hex'), data };
};

describe('PackWriter', () => {
  it('rotates packs at the target size, sealing full ones while the next fills; every row points at its bytes', async () => {
    const { packs, db } = setup();
    const w = new PackWriter(packs, db, { targetBytes: 200_000 });
    const all = Array.from({ length: 40 }, (_, i) => chunk(10_000 + i * 1000));
    // small appends are batched, big ones written directly
    for (let i = 0; i < all.length; i += 3) expect(await w.append(all.slice(i, i + 3))).toBe(all.slice(i, i + 3).reduce((s, c) => s + c.data.length, 0));
    await w.flush();
    const files = readdirSync(packs);
    expect(files.every((f) => /^[0-9a-z]+-[0-9a-f]{16}\.pack$/.test(f))).toBe(true);
    expect(files.length).toBeGreaterThan(3);
    const rows = db
      .prepare('SELECT c.digest AS d, c.offset AS o, c.length AS l, p.name AS n FROM store_chunks c JOIN store_packs p ON p.id = c.pack')
      .all<{ d: Uint8Array; o: number; l: number; n: string }>();
    expect(rows).toHaveLength(all.length);
    for (const r of rows) {
      const bytes = readFileSync(join(packs, r.n)).subarray(r.o, r.o + r.l);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(blobToHex(r.d));
    }
    const sizes = db.prepare('SELECT name, size FROM store_packs').all<{ name: string; size: number }>();
    for (const p of sizes) expect(readFileSync(join(packs, p.name)).length).toBe(p.size);
  });

  it('writes a chunk it already holds only once; abort leaves neither a file nor a row', async () => {
    const { packs, db } = setup();
    const w = new PackWriter(packs, db);
    const c = chunk(5000);
    expect(await w.append([c, c])).toBe(5000);
    expect(await w.append([c])).toBe(0);
    expect(readdirSync(packs)[0]).toMatch(/^tmp-\d+-/);
    await w.abort();
    expect(readdirSync(packs)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM store_chunks').get<{ n: number }>()!.n).toBe(0);
  });
});
