import { randomBytes } from 'node:crypto';
import type { Core } from '../core/index.js';
import type { LongOpName, OpInput, OpOutput } from '../shared/contract/index.js';
import { cancelOnSigint } from './cli-core.js';
import { ProgressPrinter } from './progress-printer.js';

/** Runs a long operation with a progress bar (bytes, rate, ETA) on stderr, and Ctrl+C to cancel it. */
export async function runLong<K extends LongOpName>(core: Core, op: K, input: OpInput<K>, label: string, quiet: boolean): Promise<OpOutput<K>> {
  const jobId = `cli-${randomBytes(6).toString('hex')}`;
  const printer = new ProgressPrinter(label, process.stderr, quiet);
  const off = core.on('jobs:progress', (p) => p.jobId === jobId && printer.update(p));
  const stop = cancelOnSigint(core, jobId);
  try {
    return await core.invoke(op, { ...(input as object), jobId } as OpInput<K>);
  } finally {
    printer.done();
    off();
    stop();
  }
}
