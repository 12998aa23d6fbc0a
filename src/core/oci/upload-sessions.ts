import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A chunked upload in progress: enough for another process to ask the registry where it stands and go on. */
export interface UploadSession {
  registry: string;
  repo: string;
  digest: string;
  size: number;
  /** the upload URL of the registry's last answer (Distribution signs the offset into it: an older one is refused) */
  location: string;
  /** bytes the registry confirmed (its `Range`) */
  offset: number;
  savedAt: number;
}

export type SessionKey = Pick<UploadSession, 'registry' | 'repo' | 'digest'>;

/**
 * Registries forget unfinished uploads after a while (Distribution purges them after a week by
 * default), so a session older than this cannot be resumed and its file is only clutter.
 */
export const SESSION_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** Where unfinished uploads are remembered between processes. */
export interface UploadSessions {
  get(key: SessionKey): UploadSession | null;
  save(s: UploadSession): void;
  remove(key: SessionKey): void;
}

/**
 * One small JSON file per unfinished upload under the workspace's `.kiln/uploads`, written whole
 * (temp file, then rename) after every chunk the registry confirms, so a process killed at any
 * point leaves the last confirmed state. Holds no credentials: upload URLs only.
 */
export class FileUploadSessions implements UploadSessions {
  constructor(private readonly dir: string) {}

  private file(k: SessionKey): string {
    return join(this.dir, `${createHash('sha256').update(`${k.registry}\n${k.repo}\n${k.digest}`).digest('hex').slice(0, 32)}.json`);
  }

  get(k: SessionKey): UploadSession | null {
    try {
      const s = JSON.parse(readFileSync(this.file(k), 'utf8')) as UploadSession;
      return s.registry === k.registry && s.repo === k.repo && s.digest === k.digest && typeof s.location === 'string' ? s : null;
    } catch {
      return null; // none, or a half-written file from a crash: start afresh
    }
  }

  save(s: UploadSession): void {
    mkdirSync(this.dir, { recursive: true });
    const f = this.file(s);
    const tmp = `${f}.${process.pid}.tmp`;
    // owner-only: some registries sign their upload URLs, and a signed URL lets its holder write
    writeFileSync(tmp, JSON.stringify(s), { mode: 0o600 });
    renameSync(tmp, f);
  }

  remove(k: SessionKey): void {
    rmSync(this.file(k), { force: true });
  }

  /**
   * Drops sessions no registry would resume any more (saved over `maxAgeMs` ago, or unreadable) and
   * temp files a killed process left; called as a push starts. Returns how many files went.
   */
  prune(maxAgeMs = SESSION_MAX_AGE_MS, now = Date.now()): number {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return 0; // no uploads folder yet
    }
    let removed = 0;
    for (const n of names) {
      const f = join(this.dir, n);
      let stale: boolean;
      if (n.endsWith('.tmp')) stale = now - (statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? now) > 3600 * 1000;
      else {
        try {
          const s = JSON.parse(readFileSync(f, 'utf8')) as Partial<UploadSession>;
          stale = typeof s.savedAt !== 'number' || now - s.savedAt > maxAgeMs;
        } catch {
          stale = true;
        }
      }
      if (stale) {
        rmSync(f, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
