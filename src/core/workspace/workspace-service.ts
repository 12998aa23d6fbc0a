import { mkdirSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KilnError, type WorkspaceIntegrity, type WorkspaceSummary } from '../../shared/contract/index.js';
import { checkDatabaseInBackground } from '../db/background-check.js';
import { QUICK_CHECK_MAX_BYTES } from '../db/open-database.js';
import type { EventBus } from '../event-bus.js';
import type { SqlDriverName } from '../db/sql.js';
import { Workspace, KILN_DIR, DB_FILE } from './workspace.js';
import { isWorkspace } from './locate-workspace.js';
import { type RecentWorkspaces } from './recent-workspaces.js';

export type WorkspaceHook = (ws: Workspace) => void | Promise<void>;

/** Owns the one open workspace; other services ask it for the current one. */
export class WorkspaceService {
  private current: Workspace | null = null;
  private lastCheck: WorkspaceIntegrity | null = null;
  private readonly openHooks: WorkspaceHook[] = [];
  private readonly closeHooks: WorkspaceHook[] = [];
  constructor(
    private readonly bus: EventBus,
    readonly recent: RecentWorkspaces,
    private readonly driver: SqlDriverName,
  ) {}

  /** Register work to do whenever a workspace opens (e.g. find containers left by a crash). */
  onOpen(h: WorkspaceHook): void {
    this.openHooks.push(h);
  }
  onClose(h: WorkspaceHook): void {
    this.closeHooks.push(h);
  }

  get(): Workspace {
    if (!this.current) throw new KilnError('NO_WORKSPACE', 'no workspace is open: open or create one first (kiln init, or the workspace picker)');
    return this.current;
  }

  peek(): Workspace | null {
    return this.current;
  }

  async open(path: string): Promise<WorkspaceSummary> {
    const root = resolve(path);
    if (!existsSync(root)) throw new KilnError('WORKSPACE_NOT_FOUND', `${root} does not exist`);
    if (!statSync(root).isDirectory()) throw new KilnError('WORKSPACE_NOT_FOUND', `${root} is not a folder`);
    if (!isWorkspace(root)) {
      throw new KilnError('NOT_A_WORKSPACE', `${root} is not a Kiln workspace (no ${KILN_DIR}/ folder); create one there to start`, {
        path: root,
        canCreate: true,
      });
    }
    const ws = Workspace.open(root, this.driver);
    await this.swap(ws);
    return this.summary() as WorkspaceSummary;
  }

  /**
   * Runs `fn` on the workspace at `path` opened without the lost-database refusal (to rebuild that
   * database), then opens it as usual.
   */
  async recover<T>(path: string, fn: (ws: Workspace) => T): Promise<T> {
    const root = resolve(path);
    if (!isWorkspace(root)) throw new KilnError('NOT_A_WORKSPACE', `${root} is not a Kiln workspace (no ${KILN_DIR}/ folder)`, { path: root });
    if (this.current?.root === root) await this.swap(null);
    const ws = Workspace.open(root, this.driver, { recovering: true });
    let out: T;
    try {
      out = fn(ws);
    } finally {
      ws.close();
    }
    await this.open(root);
    return out;
  }

  async create(path: string): Promise<WorkspaceSummary> {
    const root = resolve(path);
    if (existsSync(root) && !statSync(root).isDirectory()) throw new KilnError('CONFLICT', `${root} exists and is not a folder`);
    if (isWorkspace(root)) return this.open(root);
    mkdirSync(join(root, KILN_DIR), { recursive: true });
    writeFileSync(join(root, KILN_DIR, '.gitignore'), '*\n');
    return this.open(root);
  }

  async close(): Promise<void> {
    await this.swap(null);
  }

  /** The latest background check of the open database, or null (checked on open, or none open). */
  integrity(): WorkspaceIntegrity | null {
    return this.current && this.lastCheck?.path === this.current.path(DB_FILE) ? this.lastCheck : null;
  }

  /**
   * A database too big to check on every open (QUICK_CHECK_MAX_BYTES) is checked in a worker
   * after opening; the result goes out as a `workspaces:integrity` event the UI shows.
   */
  private checkInBackground(ws: Workspace): void {
    const path = ws.path(DB_FILE);
    const databaseBytes = statSync(path).size;
    if (databaseBytes <= QUICK_CHECK_MAX_BYTES) {
      this.lastCheck = null;
      return;
    }
    const report = (r: WorkspaceIntegrity) => {
      this.lastCheck = r;
      this.bus.emit('workspaces:integrity', r);
    };
    report({ path, databaseBytes, state: 'checking', message: null, checkedAt: null });
    void checkDatabaseInBackground(path, this.driver).then((r) => {
      if (this.current !== ws) return;
      report({
        path,
        databaseBytes,
        state: r.ok ? 'ok' : 'damaged',
        checkedAt: Date.now(),
        message: r.ok
          ? null
          : `${path} is damaged (SQLite quick_check: ${r.lines.join('; ')}). Stop using this workspace and restore kiln.db from a backup; kiln doctor shows the details`,
      });
    });
  }

  summary(): WorkspaceSummary | null {
    const ws = this.current;
    return ws ? { path: ws.root, name: ws.name, schemaVersion: ws.schemaVersion, openedAt: ws.openedAt } : null;
  }

  private async swap(next: Workspace | null): Promise<void> {
    const prev = this.current;
    if (prev) {
      for (const h of this.closeHooks) await h(prev);
      prev.close();
    }
    this.current = next;
    if (next) {
      this.recent.touch(next.root);
      for (const h of this.openHooks) await h(next);
      this.checkInBackground(next);
    }
    this.bus.emit('workspaces:changed', this.summary());
  }
}
