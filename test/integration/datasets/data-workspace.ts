import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCoreWithContext as createCore, type CoreWithContext as Core } from '../../helpers/core-with-context.js';
import { KilnError } from '../../../src/shared/contract/index.js';

/** A real core on a fresh workspace per test, closed afterwards. */
export function useDataCore(tmp: () => string): () => Promise<{ core: Core; root: string; base: string }> {
  const cores: Core[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
  });
  return async () => {
    const base = tmp();
    const root = join(base, 'ws');
    mkdirSync(root);
    const core = await createCore({ host: 'cli', kilnHome: join(base, 'home') });
    cores.push(core);
    await core.invoke('workspaces:create', { path: root });
    return { core, root, base };
  };
}

/** The KilnError a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<KilnError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KilnError) return e;
    throw e;
  }
  throw new Error('expected a KilnError, but it resolved');
}
