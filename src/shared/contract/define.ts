import type { z } from 'zod';

/** One operation of the contract: its input schema, and (as a type only) its output. */
export interface OpDef<I extends z.ZodType = z.ZodType, O = unknown, L extends boolean = boolean> {
  readonly input: I;
  /**
   * Long operations accept a `jobId`, report `jobs:progress` and can be cancelled with `jobs:cancel`.
   * Kept as a literal type: `LongOpName` (what progress runners accept) is derived from it.
   */
  readonly long: L;
  /** Phantom: carries the output type; never set at run time. */
  readonly output?: O;
}

/** One push event of the contract; the payload exists only as a type. */
export interface EventDef<P = unknown> {
  readonly payload?: P;
}

/** `op<Output>()(inputSchema)`: the output type is given explicitly, the input inferred. */
export function op<O>() {
  return <I extends z.ZodType, L extends boolean = false>(input: I, opts: { long?: L } = {}): OpDef<I, O, L> => ({
    input,
    long: (opts.long ?? false) as L,
  });
}

export function event<P>(): EventDef<P> {
  return {};
}
