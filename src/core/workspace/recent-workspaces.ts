import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RecentWorkspace } from '../../shared/contract/index.js';

const MAX = 12;

/** Recent workspaces, kept in the user's config folder (KILN_HOME overrides, e.g. for tests). */
export class RecentWorkspaces {
  constructor(private readonly file: string) {}

  list(): RecentWorkspace[] {
    return this.read().map((r) => ({ ...r, exists: existsSync(join(r.path, '.kiln')) }));
  }

  touch(path: string): void {
    const rest = this.read().filter((r) => r.path !== path);
    this.write([{ path, name: basename(path), openedAt: Date.now() }, ...rest].slice(0, MAX));
  }

  forget(path: string): void {
    this.write(this.read().filter((r) => r.path !== path));
  }

  private read(): Omit<RecentWorkspace, 'exists'>[] {
    try {
      const v = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(v) ? v.filter((r): r is Omit<RecentWorkspace, 'exists'> => typeof r?.path === 'string') : [];
    } catch {
      return []; // missing or unreadable: start a fresh list rather than fail opening a workspace
    }
  }

  private write(list: Omit<RecentWorkspace, 'exists'>[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(list, null, 2));
    renameSync(tmp, this.file);
  }
}
