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

const pathInput = z.object({ path: z.string().min(1, 'path is required') }).strict();

export const workspaceOps = {
  'workspace:open': op<WorkspaceSummary>()(pathInput),
  'workspace:create': op<WorkspaceSummary>()(pathInput.extend({ example: z.boolean().optional() })),
  'workspace:current': op<WorkspaceSummary | null>()(empty),
  'workspace:recent': op<RecentWorkspace[]>()(empty),
  'workspace:close': op<null>()(empty),
};

export const workspaceEvents = {
  'workspace:changed': event<WorkspaceSummary | null>(),
};
