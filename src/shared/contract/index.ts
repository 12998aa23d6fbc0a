import type { z } from 'zod';
import type { OpDef, EventDef } from './define.js';
import { appOps } from './app.js';
import { engineOps, engineEvents } from './engine.js';
import { gpuOps, gpuEvents } from './gpu.js';
import { workspaceOps, workspaceEvents } from './workspace.js';
import { jobsOps, jobsEvents } from './jobs.js';
import { datasetsOps, datasetsEvents } from './datasets.js';
import { pipelinesOps, pipelinesEvents } from './pipelines.js';
import { runsOps, runsEvents } from './runs.js';
import { metricsOps, metricsEvents } from './metrics.js';
import { modelsOps, modelsEvents } from './models.js';
import { ociOps } from './oci.js';
import { deployOps, deployEvents } from './deploy.js';

export * from './define.js';
export * from './errors.js';
export * from './common.js';
export type * from './app.js';
export type * from './engine.js';
export type * from './gpu.js';
export type * from './workspace.js';
export type * from './datasets.js';
export type * from './pipelines.js';
export type * from './runs.js';
export type * from './metrics.js';
export type * from './models.js';
export type * from './oci.js';
export type * from './deploy.js';

/** Every operation Kiln offers, on every transport. Declare a new one in its domain file and add it here. */
export const operations = {
  ...appOps,
  ...engineOps,
  ...gpuOps,
  ...workspaceOps,
  ...jobsOps,
  ...datasetsOps,
  ...pipelinesOps,
  ...runsOps,
  ...metricsOps,
  ...modelsOps,
  ...ociOps,
  ...deployOps,
} as const;

/** Every push event. */
export const events = {
  ...engineEvents,
  ...gpuEvents,
  ...workspaceEvents,
  ...jobsEvents,
  ...datasetsEvents,
  ...pipelinesEvents,
  ...runsEvents,
  ...metricsEvents,
  ...modelsEvents,
  ...deployEvents,
} as const;

export type Operations = typeof operations;
export type OpName = keyof Operations;
/** Operations declared `{ long: true }`: they take a jobId and report progress, so only these go to a progress runner. */
export type LongOpName = { [K in OpName]: Operations[K] extends OpDef<z.ZodType, unknown, true> ? K : never }[OpName];
export type Events = typeof events;
export type EventName = keyof Events;

/** What a caller sends (defaults may be omitted). */
export type OpInput<K extends OpName> = Operations[K] extends OpDef<infer I, unknown> ? z.input<I> : never;
/** What core receives after parsing. */
export type OpParsed<K extends OpName> = Operations[K] extends OpDef<infer I, unknown> ? z.output<I> : never;
export type OpOutput<K extends OpName> = Operations[K] extends OpDef<z.ZodType, infer O> ? O : never;
export type EventPayload<E extends EventName> = Events[E] extends EventDef<infer P> ? P : never;

export const opNames = Object.keys(operations) as OpName[];
export const eventNames = Object.keys(events) as EventName[];

export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}
export function isLongOp(name: OpName): name is LongOpName {
  return operations[name].long;
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
