import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { openDatabase } from '../../../../src/core/db/open-database.js';
import type { SqlDatabase } from '../../../../src/core/db/sql.js';
import {
  putManifestBody,
  readManifestBody,
  allManifestBodies,
  deleteUnusedPieces,
  pieceCuts,
  manifestPieces,
  storedPieceDigests,
} from '../../../../src/core/datasets/manifest-body.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir();
let db: SqlDatabase | undefined;
afterEach(() => db?.close());

/** a manifest-like text: 4 files × 4096 chunk refs */
function text(edit = -1): string {
  const entries = [];
  for (let f = 0; f < 4; f++) {
    const chunks = [];
    for (let i = 0; i < 4096; i++) {
      const id = f * 10_000 + i === edit ? 'edited' : `${f}-${i}`;
      chunks.push([createHash('sha256').update(id).digest('hex'), 65536 + (i % 7)]);
    }
    entries.push({ path: `part-${f}.bin`, type: 'file', size: 1 << 28, chunks });
  }
  return JSON.stringify({ kiln: 'manifest/1', entries });
}
const digestOf = (t: string) => `sha256:${createHash('sha256').update(t).digest('hex')}`;
const piecesBytes = (d: SqlDatabase) => d.prepare('SELECT coalesce(sum(length(body)), 0) AS n FROM store_manifest_pieces').get<{ n: number }>()!.n;

describe('manifest bodies in pieces', () => {
  it('gives back the exact text, and a second version that differs in one chunk costs a few KiB, not a copy', () => {
    db = openDatabase(join(tmp(), 'kiln.db'));
    const a = text();
    const b = text(20_000 + 2000);
    db.transaction(() => putManifestBody(db!, { digest: digestOf(a), body: a, files: 4, bytes: 1 }));
    const first = piecesBytes(db);
    expect(first).toBeGreaterThanOrEqual(a.length);
    db.transaction(() => putManifestBody(db!, { digest: digestOf(b), body: b, files: 4, bytes: 1 }));
    const grew = piecesBytes(db) - first;
    expect(grew).toBeGreaterThan(0);
    expect(grew).toBeLessThan(40 * 1024);
    expect(readManifestBody(db, digestOf(a))!.toString()).toBe(a);
    expect(readManifestBody(db, digestOf(b))!.toString()).toBe(b);
    expect(readManifestBody(db, 'sha256:00')).toBeNull();
    expect(
      allManifestBodies(db)
        .map((r) => r.body.toString())
        .sort(),
    ).toEqual([a, b].sort());
  });

  it('reads manifests stored whole (before migration 010)', () => {
    db = openDatabase(join(tmp(), 'kiln.db'));
    const a = text();
    db.prepare('INSERT INTO store_manifests (digest, body, files, bytes, created_at) VALUES (?, ?, 4, 1, 0)').run(digestOf(a), Buffer.from(a));
    expect(readManifestBody(db, digestOf(a))!.toString()).toBe(a);
    // no piece rows to read digests from: the caller hashes the text
    expect(storedPieceDigests(db, digestOf(a))).toBeNull();
  });

  it('names the same pieces a pack holds, from the rows, in order', () => {
    db = openDatabase(join(tmp(), 'kiln.db'));
    const a = text();
    db.transaction(() => putManifestBody(db!, { digest: digestOf(a), body: a, files: 4, bytes: 1 }));
    const fromRows = storedPieceDigests(db, digestOf(a));
    expect(fromRows!.length).toBeGreaterThan(10);
    expect(fromRows).toEqual(manifestPieces(Buffer.from(a)).map((p) => p.hex));
    expect(storedPieceDigests(db, 'sha256:00')).toBeNull();
  });

  it('gc keeps the pieces a remaining manifest lists and drops the rest', () => {
    db = openDatabase(join(tmp(), 'kiln.db'));
    const a = text();
    const b = text(1234);
    db.transaction(() => {
      putManifestBody(db!, { digest: digestOf(a), body: a, files: 4, bytes: 1 });
      putManifestBody(db!, { digest: digestOf(b), body: b, files: 4, bytes: 1 });
    });
    db.prepare('DELETE FROM store_manifests WHERE digest = ?').run(digestOf(a));
    expect(deleteUnusedPieces(db)).toBeGreaterThan(0);
    expect(readManifestBody(db, digestOf(b))!.toString()).toBe(b);
    expect(deleteUnusedPieces(db)).toBe(0);
  });

  it('cuts between its bounds and covers every byte', () => {
    const t = randomBytes(300_000);
    const cuts = pieceCuts(t);
    expect(cuts.at(-1)).toBe(t.length);
    let at = 0;
    for (const c of cuts.slice(0, -1)) {
      expect(c - at).toBeGreaterThanOrEqual(1024);
      expect(c - at).toBeLessThanOrEqual(16 * 1024);
      at = c;
    }
  });
});
