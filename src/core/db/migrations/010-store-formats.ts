import type { Migration } from './index.js';

/**
 * Store format 2, read alongside format 1 (nothing is rewritten, old rows keep their meaning):
 *
 * - `store_chunks.algo`: how a chunk's id was computed. 0 = SHA-256 (every chunk written before this
 *   migration, and since then the chunk of a single-chunk file), 1 = BLAKE3 (chunks of files cut
 *   into several). Reads verify each chunk with its own hash; `kiln doctor` counts both.
 * - `store_manifests.pieced` = 1: `body` is not the manifest text but a JSON list of
 *   `store_manifest_pieces` ids whose bodies, concatenated, are that text (the manifest digest is
 *   still the SHA-256 of the text, checked on every read). The text is cut at content-defined
 *   points, so a version that differs from the previous one in a few chunks stores a few new pieces
 *   instead of a whole new copy of every chunk list (a 1 GiB dataset's manifest is ~1.2 MiB).
 */
export const m010StoreFormats: Migration = {
  version: 10,
  name: 'store-formats',
  up(db) {
    db.exec(`
      ALTER TABLE store_chunks ADD COLUMN algo INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE store_manifests ADD COLUMN pieced INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE store_manifest_pieces (
        id INTEGER PRIMARY KEY,
        digest BLOB NOT NULL UNIQUE,
        body BLOB NOT NULL
      );
    `);
  },
};
