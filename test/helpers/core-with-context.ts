import { assembleCore, type Core } from '../../src/core/create-core.js';
import type { CoreOptions } from '../../src/core/core-options.js';
import type { ServiceContext } from '../../src/core/service-context.js';

/** A real core plus its service context, for tests that look at the open workspace's database or store directly. */
export type CoreWithContext = Core & { readonly context: ServiceContext };

export async function createCoreWithContext(options: CoreOptions): Promise<CoreWithContext> {
  const { core, context } = await assembleCore(options);
  return { ...core, context };
}
