import type { Migration } from './index.js';

/**
 * The content store's index and the datasets built on it. Digests of chunks are 32-byte blobs
 * (the index is the hottest table); manifest digests are "sha256:<hex>" text, as users see them.
 * Times are Unix milliseconds.
 */
export const m002Datasets: Migration = {
  version: 2,
  name: 'datasets',
  up(db) {
    db.exec(`
      CREATE TABLE store_packs (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE store_chunks (
        digest BLOB PRIMARY KEY,
        pack INTEGER NOT NULL REFERENCES store_packs(id),
        offset INTEGER NOT NULL,
        length INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX store_chunks_pack ON store_chunks(pack, offset);
      CREATE TABLE store_manifests (
        digest TEXT PRIMARY KEY,
        body BLOB NOT NULL,
        files INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      -- trees stored outside datasets (stage outputs): kept from gc while young or referenced by a run
      CREATE TABLE store_roots (digest TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE store_stat_cache (
        path TEXT PRIMARY KEY,
        dev INTEGER NOT NULL,
        ino INTEGER NOT NULL,
        size INTEGER NOT NULL,
        mtime REAL NOT NULL,
        digest TEXT NOT NULL,
        chunks TEXT
      ) WITHOUT ROWID;
      -- a fingerprint of everything a walk saw (paths, types, modes, sizes, times, inodes) → the manifest it made
      CREATE TABLE IF NOT EXISTS store_tree_cache (fingerprint TEXT PRIMARY KEY, manifest TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE dataset_versions (
        dataset_id INTEGER NOT NULL REFERENCES datasets(id),
        version INTEGER NOT NULL,
        manifest TEXT NOT NULL REFERENCES store_manifests(digest),
        parent INTEGER,
        message TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        files INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        bytes_new INTEGER NOT NULL,
        PRIMARY KEY (dataset_id, version)
      );
      CREATE INDEX dataset_versions_manifest ON dataset_versions(manifest);
      CREATE TABLE dataset_tags (
        dataset_id INTEGER NOT NULL REFERENCES datasets(id),
        tag TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (dataset_id, tag)
      );
    `);
  },
};
