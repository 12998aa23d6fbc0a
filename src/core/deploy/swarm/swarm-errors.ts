import { KilnError } from '../../../shared/contract/index.js';

const GONE = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/** Whether an error means the engine itself is unreachable (socket gone, connection refused). */
export function engineGone(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return !!code && GONE.has(code);
}

/** Maps an Engine API failure during a rollout to a message saying what Swarm will do on its own. */
export function rolloutEngineError(e: unknown, service: string): KilnError {
  if (e instanceof KilnError) return e;
  if (engineGone(e)) {
    return new KilnError(
      'ENGINE_UNREACHABLE',
      `the Docker engine went away during the rollout of ${service} (${(e as Error).message}); Swarm keeps the service and rolls a failing update back by itself. Check it with \`kiln deployments ls\` once the engine is back`,
    );
  }
  const msg = (e as { json?: { message?: string } })?.json?.message ?? (e as Error)?.message ?? String(e);
  return new KilnError('DEPLOY_FAILED', `Swarm refused the rollout of ${service}: ${msg}`);
}

/** A task's exit explained: 137 under a memory limit is almost always the OOM killer. */
export function explainTaskError(err: string, memoryBytes: number | null): string {
  if (memoryBytes !== null && /\(137\)/.test(err))
    return `${err}: killed, most likely by its memory limit (${Math.round(memoryBytes / 1048576)} MiB is too little)`;
  // the serving server exits 3 when the memory limit is below what node + TF.js need
  if (memoryBytes !== null && /\(3\)/.test(err))
    return `${err}: the memory limit (${Math.round(memoryBytes / 1048576)} MiB) is below what the serving server needs (40 MiB)`;
  return err;
}
