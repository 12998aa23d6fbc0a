import type { z } from 'zod';

/** One operation of the contract: its input schema, and (as a type only) its output. */
export interface OpDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  /** Long operations accept a `jobId`, report `job:progress` and can be cancelled with `job:cancel`. */
  readonly long: boolean;
  /** Phantom: carries the output type; never set at run time. */
  readonly output?: O;
}

/** One push event of the contract; the payload exists only as a type. */
export interface EventDef<P = unknown> {
  readonly payload?: P;
}

/** `op<Output>()(inputSchema)`: the output type is given explicitly, the input inferred. */
export function op<O>() {
  return <I extends z.ZodType>(input: I, opts: { long?: boolean } = {}): OpDef<I, O> => ({
    input,
    long: opts.long ?? false,
  });
}

export function event<P>(): EventDef<P> {
  return {};
}
