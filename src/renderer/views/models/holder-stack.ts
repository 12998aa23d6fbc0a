import type { AliasEvent } from '../../../shared/contract/index.js';

/**
 * The holders of one alias as a stack, from its log (oldest first): a promotion pushes, a rollback
 * pops. The top is the holder now; the one below is where a rollback goes. Mirrors the core's rule.
 */
export function holderStack(events: readonly AliasEvent[]): number[] {
  const stack: number[] = [];
  for (const e of events) {
    if (e.kind === 'promote') stack.push(e.toVersion);
    else stack.pop();
  }
  return stack;
}
