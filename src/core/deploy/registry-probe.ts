import { KilnError } from '../../shared/contract/index.js';

/** Registries the Docker engine talks to without TLS by default: loopback ones. */
export function isLoopbackRegistry(host: string): boolean {
  const h = host.replace(/:\d+$/, '');
  return h === 'localhost' || /^127\./.test(h) || h === '[::1]';
}

/**
 * Fails early, naming the registry, when nothing answers at `/v2/` (a 401 is an answer: the
 * engine authenticates itself). Saves building an image that cannot be pushed.
 */
export async function probeRegistry(registry: string, timeoutMs = 5000): Promise<void> {
  const host = registry.split('/')[0]!;
  const url = `${isLoopbackRegistry(host) ? 'http' : 'https'}://${host}/v2/`;
  try {
    await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new KilnError(
      'REGISTRY_UNREACHABLE',
      `the target's registry ${host} does not answer at ${url} (${cause?.code ?? cause?.message ?? (e as Error).message}): start it, or change the target's --registry`,
    );
  }
}
