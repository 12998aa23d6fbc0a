import { z } from 'zod';
import { op, event } from './define.js';
import { empty } from './common.js';

export interface WorkspaceSummary {
  path: string;
  name: string;
  schemaVersion: number;
  openedAt: number;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  openedAt: number;
  exists: boolean;
}

export interface WorkspaceCheck {
  path: string;
  databaseBytes: number;
  /** 'ok', or what SQLite's check found */
  integrity: string;
  /**
   * The content store's formats (migration 010 added the second; both are read, nothing is rewritten):
   * chunks by id hash, manifests stored whole (format 1) or as shared pieces (format 2).
   */
  store?: { chunksSha256: number; chunksBlake3: number; manifestsWhole: number; manifestsPieced: number };
}

/** The background check of a big workspace database (too big to check on every open). */
export interface WorkspaceIntegrity {
  path: string;
  databaseBytes: number;
  state: 'checking' | 'ok' | 'damaged';
  /** what SQLite's check found, in words, when damaged */
  message: string | null;
  checkedAt: number | null;
}

/** One folder of the workspace dialog's folder browser. */
export interface FolderListing {
  path: string;
  /** null at the root */
  parent: string | null;
  home: string;
  /** whether `path` itself is a workspace */
  workspace: boolean;
  entries: { name: string; path: string; workspace: boolean }[];
  truncated: boolean;
}

const pathInput = z.object({ path: z.string().min(1, 'path is required') }).strict();

export const workspaceOps = {
  'workspaces:open': op<WorkspaceSummary>()(pathInput),
  'workspaces:create': op<WorkspaceSummary>()(pathInput.extend({ example: z.boolean().optional() })),
  'workspaces:current': op<WorkspaceSummary | null>()(empty),
  'workspaces:recent': op<RecentWorkspace[]>()(empty),
  'workspaces:close': op<null>()(empty),
  /** Creates the example workspace where first launch puts it ($KILN_EXAMPLE_DIR or ~/kiln-example), if missing, and opens it. */
  'workspaces:open-example': op<WorkspaceSummary>()(empty),
  /** Sub-folders of a folder (default: the home folder), for picking one in web mode. `~` is expanded; relative paths are refused. */
  'workspaces:browse': op<FolderListing>()(z.object({ path: z.string().optional() }).strict()),
  /** Removes an entry from the recent list (e.g. a folder that no longer exists). */
  'workspaces:forget': op<RecentWorkspace[]>()(pathInput),
  /** every page of the open workspace's database checked (kiln doctor) */
  'workspaces:check': op<WorkspaceCheck>()(empty),
  /** the latest background check of the open workspace's database (null when it was small enough to check on open) */
  'workspaces:integrity': op<WorkspaceIntegrity | null>()(empty),
};

export const workspaceEvents = {
  'workspaces:changed': event<WorkspaceSummary | null>(),
  /** a database over 32 MiB is checked in the background after it opens: started, then its result */
  'workspaces:integrity': event<WorkspaceIntegrity>(),
};
