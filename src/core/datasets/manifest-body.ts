import { createHash } from 'node:crypto';
import { GEAR } from '../store/gear-table.js';
import type { SqlDatabase } from '../db/sql.js';

/**
 * How a manifest's text is kept (migration 010): cut into content-defined pieces, each stored once
 * in `store_manifest_pieces`, the manifest row holding the list of its pieces. Consecutive versions
 * of a big dataset share almost all of their text (every chunk list but the edited ones), so a new
 * version costs the pieces around its changes (a few KiB) instead of a whole copy (~75 bytes per
 * 64 KiB chunk: 1.2 MiB per GiB). Rows written before 010 (`pieced` = 0) hold the text itself.
 * Callers still get, and check, the exact text whose SHA-256 is the manifest's digest.
 */
const PIECE_MIN = 1024;
const PIECE_MAX = 16 * 1024;
/** 12 top bits: a cut every ~4 KiB past the minimum */
const PIECE_MASK = 0xfff00000 | 0;

/** Cut points of `text` (gear hash, as for file chunks, with small sizes). */
export function pieceCuts(text: Uint8Array): number[] {
  const cuts: number[] = [];
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = Math.min(n, start + PIECE_MAX);
    let fp = 0;
    for (let i = start + PIECE_MIN; i < end; i++) {
      fp = ((fp << 1) + GEAR[text[i]!]!) | 0;
      if ((fp & PIECE_MASK) === 0) {
        end = i + 1;
        break;
      }
    }
    cuts.push(end);
    start = end;
  }
  return cuts;
}

/** A manifest text's pieces with their SHA-256 (hex): how a pack holds the manifest too. */
export function manifestPieces(text: Uint8Array): { hex: string; data: Uint8Array }[] {
  const out: { hex: string; data: Uint8Array }[] = [];
  let at = 0;
  for (const end of pieceCuts(text)) {
    const data = text.subarray(at, end);
    at = end;
    out.push({ hex: createHash('sha256').update(data).digest('hex'), data });
  }
  return out;
}

/** Stores a manifest's text (idempotent). Call inside the commit transaction. */
export function putManifestBody(db: SqlDatabase, row: { digest: string; body: string; files: number; bytes: number }): void {
  if (db.prepare('SELECT 1 AS x FROM store_manifests WHERE digest = ?').get(row.digest) !== undefined) return;
  const text = Buffer.from(row.body);
  const find = db.prepare('SELECT id FROM store_manifest_pieces WHERE digest = ?');
  const ins = db.prepare('INSERT INTO store_manifest_pieces (digest, body) VALUES (?, ?)');
  const ids: number[] = [];
  let at = 0;
  for (const end of pieceCuts(text)) {
    const piece = text.subarray(at, end);
    at = end;
    const digest = createHash('sha256').update(piece).digest();
    const hit = find.get<{ id: number }>(digest);
    ids.push(hit ? hit.id : Number(ins.run(digest, piece).lastInsertRowid));
  }
  db.prepare('INSERT INTO store_manifests (digest, body, files, bytes, created_at, pieced) VALUES (?, ?, ?, ?, ?, 1)').run(
    row.digest,
    Buffer.from(JSON.stringify(ids)),
    row.files,
    row.bytes,
    Date.now(),
  );
}

/**
 * A stored manifest's text, as stored (the caller checks it against the digest); null when the
 * manifest is absent. A missing piece yields a text that fails that check.
 */
export function readManifestBody(db: SqlDatabase, digest: string): Buffer | null {
  const row = db.prepare('SELECT body, pieced FROM store_manifests WHERE digest = ?').get<{ body: Uint8Array; pieced: number }>(digest);
  if (!row) return null;
  return assemble(db, row);
}

/** A pieced manifest row's list of piece ids; null when the list is damaged. */
function pieceIds(body: Uint8Array): number[] | null {
  try {
    const ids = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as unknown;
    return Array.isArray(ids) ? (ids as number[]) : null;
  } catch {
    return null;
  }
}

function assemble(db: SqlDatabase, row: { body: Uint8Array; pieced: number }): Buffer {
  const body = Buffer.from(row.body.buffer, row.body.byteOffset, row.body.byteLength);
  if (!row.pieced) return body;
  const ids = pieceIds(body);
  if (!ids) return body;
  const get = db.prepare('SELECT body FROM store_manifest_pieces WHERE id = ?');
  const parts: Buffer[] = [];
  for (const id of ids) {
    const p = get.get<{ body: Uint8Array }>(id);
    if (p) parts.push(Buffer.from(p.body.buffer, p.body.byteOffset, p.body.byteLength));
  }
  return Buffer.concat(parts);
}

/**
 * The SHA-256 (hex) of a stored manifest's pieces, in order, from their rows: the same pieces a pack
 * holds (same cuts), without re-hashing the text. Null for a manifest stored whole (before 010) or
 * absent, or whose list is damaged: the caller then cuts and hashes the text itself.
 */
export function storedPieceDigests(db: SqlDatabase, digest: string): string[] | null {
  const row = db.prepare('SELECT body, pieced FROM store_manifests WHERE digest = ?').get<{ body: Uint8Array; pieced: number }>(digest);
  const ids = row?.pieced ? pieceIds(row.body) : null;
  if (!ids) return null;
  const get = db.prepare('SELECT digest FROM store_manifest_pieces WHERE id = ?');
  const out: string[] = [];
  for (const id of ids) {
    const p = get.get<{ digest: Uint8Array }>(id);
    if (!p) return null;
    out.push(Buffer.from(p.digest).toString('hex'));
  }
  return out;
}

/** Every stored manifest's digest and text (verify). */
export function allManifestBodies(db: SqlDatabase): { digest: string; body: Buffer }[] {
  return db
    .prepare('SELECT digest, body, pieced FROM store_manifests')
    .all<{ digest: string; body: Uint8Array; pieced: number }>()
    .map((r) => ({ digest: r.digest, body: assemble(db, r) }));
}

/** Deletes pieces no manifest lists any more (gc, after it deleted manifests). Returns how many. */
export function deleteUnusedPieces(db: SqlDatabase): number {
  const used = new Set<number>();
  for (const r of db.prepare('SELECT body FROM store_manifests WHERE pieced = 1').all<{ body: Uint8Array }>()) {
    const ids = pieceIds(r.body);
    // a damaged list: keep every piece, so nothing it might name is lost
    if (!ids) return 0;
    for (const id of ids) used.add(id);
  }
  let n = 0;
  const del = db.prepare('DELETE FROM store_manifest_pieces WHERE id = ?');
  for (const r of db.prepare('SELECT id FROM store_manifest_pieces').all<{ id: number }>()) {
    if (!used.has(r.id)) n += Number(del.run(r.id).changes);
  }
  return n;
}
