import { mkdirSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KilnError, type WorkspaceSummary } from '../../shared/contract/index.js';
import type { EventBus } from '../event-bus.js';
import type { SqlDriverName } from '../db/sql.js';
import { Workspace, KILN_DIR } from './workspace.js';
import { isWorkspace } from './locate-workspace.js';
import { type RecentWorkspaces } from './recent-workspaces.js';

export type WorkspaceHook = (ws: Workspace) => void | Promise<void>;

/** Owns the one open workspace; other services ask it for the current one. */
export class WorkspaceService {
  private current: Workspace | null = null;
  private readonly openHooks: WorkspaceHook[] = [];
  private readonly closeHooks: WorkspaceHook[] = [];
  constructor(private readonly bus: EventBus, readonly recent: RecentWorkspaces, private readonly driver: SqlDriverName) {}

  /** Register work to do whenever a workspace opens (e.g. find containers left by a crash). */
  onOpen(h: WorkspaceHook): void { this.openHooks.push(h); }
  onClose(h: WorkspaceHook): void { this.closeHooks.push(h); }

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
      throw new KilnError('NOT_A_WORKSPACE', `${root} is not a Kiln workspace (no ${KILN_DIR}/ folder); create one there to start`, { path: root, canCreate: true });
    }
    const ws = Workspace.open(root, this.driver);
    await this.swap(ws);
    return this.summary() as WorkspaceSummary;
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
    }
    this.bus.emit('workspaces:changed', this.summary());
  }
}
