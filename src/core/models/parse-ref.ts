import { KilnError } from '../../shared/contract/index.js';

/** `NAME@SEL` → its parts (the contract's regex already checked the shape). */
export function parseRef(ref: string): { name: string; sel: string } {
  const at = ref.lastIndexOf('@');
  if (at <= 0 || at === ref.length - 1)
    throw new KilnError('INVALID_INPUT', `"${ref}" is not a model reference: write NAME@VERSION or NAME@ALIAS, e.g. digits@3 or digits@champion`);
  return { name: ref.slice(0, at), sel: ref.slice(at + 1) };
}
