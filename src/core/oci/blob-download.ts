import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { KilnError } from '../../shared/contract/index.js';
import type { RegistryClient } from './registry-client.js';
import { readBody, isTransient } from './http-transport.js';
import { DEFAULT_RETRY, waitBackoff } from './backoff.js';

const scope = (repo: string) => `repository:${repo}:pull`;

function mismatch(what: string, digest: string, got: string): KilnError {
  return new KilnError(
    'DIGEST_MISMATCH',
    `${what} ${digest} does not match its digest (its bytes hash to ${got}): the registry holds a damaged or tampered blob; nothing was registered`,
    { digest, got },
  );
}

/** A small blob (config, index, manifest layer) in memory, verified against its digest and size. */
export async function fetchBlob(client: RegistryClient, repo: string, digest: string, size: number, signal?: AbortSignal): Promise<Buffer> {
  const res = await client.request({ method: 'GET', path: `/v2/${repo}/blobs/${digest}`, scopes: [scope(repo)], ...(signal ? { signal } : {}) });
  if (res.statusCode !== 200) return client.fail(res, `reading blob ${digest}`);
  const b = await readBody(res, Math.max(size, 1) + 1);
  const got = `sha256:${createHash('sha256').update(b).digest('hex')}`;
  if (got !== digest || b.length !== size) throw mismatch('blob', digest, got);
  return b;
}

/**
 * Streams a blob into a file, hashing as it goes; a dropped connection continues with a Range request
 * (or from the top where the registry ignores ranges). The file is the caller's to discard on error.
 */
export async function downloadBlobToFile(
  client: RegistryClient,
  repo: string,
  digest: string,
  size: number,
  file: string,
  opts: { signal?: AbortSignal; onBytes?: (n: number) => void } = {},
): Promise<void> {
  const fh = await open(file, 'w');
  let hash = createHash('sha256');
  let got = 0;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await client.request({
          method: 'GET',
          path: `/v2/${repo}/blobs/${digest}`,
          headers: got ? { range: `bytes=${got}-` } : {},
          scopes: [scope(repo)],
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        if (res.statusCode !== 200 && res.statusCode !== 206) return await client.fail(res, `reading blob ${digest}`);
        if (got && res.statusCode === 200) {
          opts.onBytes?.(-got);
          await fh.truncate(0);
          hash = createHash('sha256');
          got = 0;
        }
        for await (const c of res) {
          const b = c as Buffer;
          if (got + b.length > size) {
            res.destroy();
            throw mismatch('blob', digest, 'more bytes than its size says');
          }
          await fh.write(b, 0, b.length, got);
          hash.update(b);
          got += b.length;
          opts.onBytes?.(b.length);
        }
        break;
      } catch (e) {
        if (opts.signal?.aborted) throw new KilnError('CANCELLED', 'the pull was cancelled');
        if (!isTransient(e) || attempt >= DEFAULT_RETRY.retries) throw e;
        await waitBackoff(attempt, DEFAULT_RETRY, opts.signal);
      }
    }
  } finally {
    await fh.close();
  }
  const hex = hash.digest('hex');
  if (`sha256:${hex}` !== digest || got !== size) throw mismatch('blob', digest, `sha256:${hex}`);
}

/**
 * Bytes [start, end) of a blob with a Range request. Null when the registry answers with the whole
 * blob instead (no range support): the caller then reads it whole.
 */
export async function fetchBlobRange(
  client: RegistryClient,
  repo: string,
  digest: string,
  start: number,
  end: number,
  signal?: AbortSignal,
): Promise<Buffer | null> {
  const res = await client.request({
    method: 'GET',
    path: `/v2/${repo}/blobs/${digest}`,
    headers: { range: `bytes=${start}-${end - 1}` },
    scopes: [scope(repo)],
    ...(signal ? { signal } : {}),
  });
  if (res.statusCode === 200) {
    res.destroy();
    return null;
  }
  if (res.statusCode !== 206) return client.fail(res, `reading bytes ${start}-${end - 1} of blob ${digest}`);
  const b = await readBody(res, end - start + 1);
  if (b.length !== end - start)
    throw new KilnError('DIGEST_MISMATCH', `the registry answered ${b.length} bytes for bytes ${start}-${end - 1} of blob ${digest}`);
  return b;
}
