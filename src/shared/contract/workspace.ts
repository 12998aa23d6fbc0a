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

const pathInput = z.object({ path: z.string().min(1, 'path is required') }).strict();

export const workspaceOps = {
  'workspace:open': op<WorkspaceSummary>()(pathInput),
  'workspace:create': op<WorkspaceSummary>()(pathInput.extend({ example: z.boolean().optional() })),
  'workspace:current': op<WorkspaceSummary | null>()(empty),
  'workspace:recent': op<RecentWorkspace[]>()(empty),
  'workspace:close': op<null>()(empty),
  /** every page of the open workspace's database checked (kiln doctor) */
  'workspace:check': op<WorkspaceCheck>()(empty),
  /** the latest background check of the open workspace's database (null when it was small enough to check on open) */
  'workspace:integrity': op<WorkspaceIntegrity | null>()(empty),
};

export const workspaceEvents = {
  'workspace:changed': event<WorkspaceSummary | null>(),
  /** a database over 32 MiB is checked in the background after it opens: started, then its result */
  'workspace:integrity': event<WorkspaceIntegrity>(),
};
