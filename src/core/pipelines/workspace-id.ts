import { createHash } from 'node:crypto';

/** A short stable id of a workspace folder, for labels and image tags. */
export function workspaceId(root: string): string {
  return createHash('sha256').update(root).digest('hex').slice(0, 12);
}
