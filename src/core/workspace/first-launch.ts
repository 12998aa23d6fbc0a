import { homedir } from 'node:os';
import { join } from 'node:path';
import type { WorkspaceService } from './workspace-service.js';
import { createExampleWorkspace } from './example-workspace.js';
import { addExampleData } from './example-data.js';
import { isWorkspace } from './locate-workspace.js';

/** Where the example workspace goes on first launch: $KILN_EXAMPLE_DIR, else ~/kiln-example. */
export function exampleDir(env: NodeJS.ProcessEnv): string {
  return env.KILN_EXAMPLE_DIR || join(homedir(), 'kiln-example');
}

/**
 * The app's very first launch (no recent workspace) opens the example pipeline, so a newcomer
 * sees something real instead of an empty picker. Later launches never do this again.
 */
export async function openExampleOnFirstLaunch(workspaces: WorkspaceService, env: NodeJS.ProcessEnv): Promise<void> {
  if (workspaces.peek() || workspaces.recent.list().length > 0) return;
  const dir = exampleDir(env);
  const fresh = !isWorkspace(dir);
  if (fresh) await createExampleWorkspace(dir);
  await workspaces.create(dir);
  if (fresh) await addExampleData(workspaces.get());
}
