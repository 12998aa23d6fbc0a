import { createCore, findWorkspaceRoot, type Core, type CoreOptions } from '../core/index.js';
import { KilnError } from '../shared/contract/index.js';
import { failAndExit } from './output.js';

export interface GlobalOptions {
  workspace?: string;
}

/** The workspace a command acts on: -C/--workspace, else the one containing the current folder. */
export function workspaceRoot(g: GlobalOptions): string | null {
  return findWorkspaceRoot(g.workspace ?? process.cwd());
}

/** Runs `fn` with a core (workspace opened when `needWorkspace`), closes it, maps errors to exit codes. */
export async function withCore<T>(g: GlobalOptions, fn: (core: Core) => Promise<T>, opts: { needWorkspace?: boolean } & Partial<CoreOptions> = {}): Promise<T> {
  const { needWorkspace = true, ...coreOpts } = opts;
  const root = workspaceRoot(g);
  if (needWorkspace && !root) {
    failAndExit(new KilnError('NO_WORKSPACE', `${g.workspace ?? process.cwd()} is not inside a Kiln workspace: run \`kiln init\` there first, or pass -C DIR`));
  }
  let core: Core | undefined;
  try {
    core = await createCore({ host: 'cli', ...(root ? { workspace: root } : {}), ...coreOpts });
    return await fn(core);
  } catch (e) {
    await core?.close().catch(() => undefined);
    core = undefined;
    return failAndExit(e);
  } finally {
    await core?.close();
  }
}

/** Ctrl+C cancels the job instead of killing the process mid-write. */
export function cancelOnSigint(core: Core, jobId: string): () => void {
  let hits = 0;
  const onSig = () => {
    hits++;
    if (hits > 1) process.exit(130);
    process.stderr.write('\ncancelling… (Ctrl+C again to force)\n');
    void core.invoke('jobs:cancel', { jobId });
  };
  process.on('SIGINT', onSig);
  return () => process.off('SIGINT', onSig);
}
