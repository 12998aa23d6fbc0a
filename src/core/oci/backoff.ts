import { setTimeout as sleep } from 'node:timers/promises';
import { KilnError } from '../../shared/contract/index.js';

export interface RetryPolicy {
  /** attempts after the first */
  retries: number;
  /** first wait; doubles each time, capped at maxMs, with ±25% jitter */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 6, baseMs: 500, maxMs: 8000 };

export function backoffDelay(attempt: number, p: RetryPolicy, rand = Math.random): number {
  const d = Math.min(p.maxMs, p.baseMs * 2 ** attempt);
  return Math.round(d * (0.75 + rand() * 0.5));
}

export async function waitBackoff(attempt: number, p: RetryPolicy, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(backoffDelay(attempt, p), undefined, signal ? { signal } : {});
  } catch {
    throw new KilnError('CANCELLED', 'cancelled while waiting to retry');
  }
}

/** Runs `fn` for each item with at most `limit` at a time; the first error stops new starts and is thrown. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: unknown = null;
  const worker = async () => {
    while (failed === null && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== null) throw failed;
  return out;
}
