import { createHash } from 'node:crypto';
import { constants, type BigIntStats } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import { KilnError } from '../../shared/contract/index.js';
import { join, relative, sep } from 'node:path';
import type { SqlDatabase } from '../db/sql.js';
import { containedPath } from '../workspace/contained-path.js';

export interface FileDigest {
  /** path relative to the hashed root, with / */
  path: string;
  sha256: string;
  exec: boolean;
}

export interface TreeDigest {
  digest: string;
  files: FileDigest[];
}

/**
 * Hashes files and folders of a workspace, remembering (path, size, mtime, inode) → SHA-256 in
 * SQLite so an unchanged file is never read twice: an up-to-date pipeline checks its inputs and
 * code with stat calls only.
 */
export class TreeHasher {
  readonly rootPath: string;
  private readonly get;
  private readonly put;
  constructor(
    private readonly db: SqlDatabase,
    private readonly root: string,
  ) {
    this.rootPath = root;
    this.get = db.prepare('SELECT size, mtime_ns, ino, sha256 FROM pipeline_file_hashes WHERE path = ?');
    this.put = db.prepare('INSERT OR REPLACE INTO pipeline_file_hashes (path, size, mtime_ns, ino, sha256) VALUES (?, ?, ?, ?, ?)');
  }

  /** Digest of a file or a folder (recursively); null when the path does not exist. `skip` gets workspace-relative paths. */
  async digest(relPath: string, skip: (rel: string) => boolean = () => false): Promise<TreeDigest | null> {
    // a path through a symlink out of the workspace is refused (PATH_ESCAPE), never read
    containedPath(this.root, relPath);
    const abs = join(this.root, relPath);
    const st = await lstat(abs, { bigint: true }).catch(() => null);
    if (!st) return null;
    const files: FileDigest[] = [];
    if (st.isDirectory()) await this.walk(abs, abs, skip, files);
    else files.push({ path: '', sha256: await this.fileHash(abs, st), exec: (Number(st.mode) & 0o111) !== 0 });
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const h = createHash('sha256');
    for (const f of files) h.update(`${f.path}\0${f.exec ? 'x' : '-'}\0${f.sha256}\n`);
    return { digest: `sha256:${h.digest('hex')}`, files };
  }

  private async walk(base: string, dir: string, skip: (rel: string) => boolean, out: FileDigest[]): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    await Promise.all(
      entries.map(async (e) => {
        const abs = join(dir, e.name);
        const wsRel = relative(this.root, abs).split(sep).join('/');
        if (skip(wsRel)) return;
        const rel = relative(base, abs).split(sep).join('/');
        if (e.isDirectory()) return this.walk(base, abs, skip, out);
        const st = await lstat(abs, { bigint: true });
        if (st.isSymbolicLink()) {
          out.push({ path: rel, sha256: `link:${await readlink(abs)}`, exec: false });
        } else if (st.isFile()) {
          out.push({ path: rel, sha256: await this.fileHash(abs, st), exec: (Number(st.mode) & 0o111) !== 0 });
        }
      }),
    );
  }

  private async fileHash(abs: string, st: BigIntStats): Promise<string> {
    const mtime = st.mtimeNs.toString();
    const row = this.get.get<{ size: number; mtime_ns: string; ino: number; sha256: string }>(abs);
    if (row && row.size === Number(st.size) && row.mtime_ns === mtime && row.ino === Number(st.ino)) return row.sha256;
    const h = createHash('sha256');
    // non-blocking and no symlink: a file swapped for a FIFO or a link after the lstat must not hang or lead out
    const fh = await open(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      if (!(await fh.stat()).isFile()) throw new KilnError('FILE_CHANGED', `${abs} was replaced by something that is not a regular file while it was hashed`);
      for await (const chunk of fh.createReadStream({ autoClose: false })) h.update(chunk as Buffer);
    } finally {
      await fh.close();
    }
    const sha = h.digest('hex');
    this.put.run(abs, Number(st.size), mtime, Number(st.ino), sha);
    return sha;
  }
}
