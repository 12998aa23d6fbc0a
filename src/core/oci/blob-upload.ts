import { KilnError } from '../../shared/contract/index.js';
import type { RegistryClient } from './registry-client.js';
import type { BlobSource } from './blob-source.js';
import { drain, isTransient } from './http-transport.js';
import { DEFAULT_RETRY, waitBackoff } from './backoff.js';
import type { UploadSessions } from './upload-sessions.js';

/** ECR refuses parts over 20 MiB; 16 MiB keeps a margin. */
export const DEFAULT_CHUNK_SIZE = 16 * 1024 * 1024;

export interface UploadOptions {
  /** PATCH size for chunked uploads; blobs up to this size go in one PUT */
  chunkSize?: number;
  /** repositories of the same registry that may hold the blob (cross-repository mount) */
  mountFrom?: string[];
  signal?: AbortSignal;
  /** bytes the registry confirmed since the last call (negative when an upload had to restart) */
  onProgress?: (delta: number) => void;
  /** remembers a chunked upload's state, so a later process resumes it where the registry says it stands */
  sessions?: UploadSessions;
}

export interface UploadResult {
  /** bytes the registry confirmed receiving in this call (not those an earlier process sent) */
  uploaded: number;
  /** bytes an earlier, interrupted upload had left on the registry, which this one went on from */
  resumed: number;
  /** the registry had it (HEAD) or mounted it from another repository */
  skipped: boolean;
  mounted: boolean;
}

const pushScope = (repo: string) => `repository:${repo}:pull,push`;

export async function blobExists(client: RegistryClient, repo: string, digest: string, signal?: AbortSignal): Promise<boolean> {
  const res = await client.request({
    method: 'HEAD',
    path: `/v2/${repo}/blobs/${digest}`,
    scopes: [pushScope(repo)],
    accept: [404],
    ...(signal ? { signal } : {}),
  });
  await drain(res);
  if (res.statusCode === 200) return true;
  if (res.statusCode === 404) return false;
  return client.fail(res, `checking blob ${digest}`);
}

/** "0-1023" → 1024 bytes held; null when the header is missing or malformed. */
export function parseRange(h: string | string[] | undefined): number | null {
  const v = Array.isArray(h) ? h[0] : h;
  const m = /^(?:bytes=)?(\d+)-(\d+)$/.exec(v?.trim() ?? '');
  return m ? Number(m[2]) + 1 : null;
}

/**
 * Uploads one blob unless the registry has it: HEAD, then a cross-repository mount, then either one PUT
 * (small blobs) or PATCHes of `chunkSize`. Progress comes only from the registry's `Range` answers,
 * since some registries drop or ignore chunks; where chunked upload fails the blob goes in one PUT.
 * A dropped connection asks the registry where the upload stands and continues from there.
 */
export async function uploadBlob(client: RegistryClient, repo: string, src: BlobSource, opts: UploadOptions = {}): Promise<UploadResult> {
  const signal = opts.signal;
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const scopes = [pushScope(repo)];
  if (await blobExists(client, repo, src.digest, signal)) return { uploaded: 0, resumed: 0, skipped: true, mounted: false };
  let location: string | null = null;
  for (const from of opts.mountFrom ?? []) {
    if (from === repo) continue;
    const res = await client.request({
      method: 'POST',
      path: `/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(src.digest)}&from=${encodeURIComponent(from)}`,
      scopes: [...scopes, `repository:${from}:pull`],
      ...(signal ? { signal } : {}),
    });
    await drain(res);
    if (res.statusCode === 201) return { uploaded: 0, resumed: 0, skipped: true, mounted: true };
    if (res.statusCode === 202 && res.headers.location) {
      location = res.headers.location;
      break;
    }
  }
  let confirmed = 0;
  const progress = (to: number) => {
    if (to !== confirmed) opts.onProgress?.(to - confirmed);
    confirmed = to;
  };
  const key = { registry: client.registry, repo, digest: src.digest };
  const memo: Memo | undefined = opts.sessions && {
    save: (loc, offset) => opts.sessions!.save({ ...key, size: src.size, location: loc, offset, savedAt: Date.now() }),
    clear: () => opts.sessions!.remove(key),
  };
  let resumed = 0;
  if (src.size > chunkSize) {
    // an earlier process left this upload unfinished: go on from what the registry says it holds
    const prior = location === null ? opts.sessions?.get(key) : null;
    const st = prior && prior.size === src.size ? await uploadStatus(client, repo, prior.location, signal) : null;
    if (st && st.held > 0 && st.held <= src.size) {
      location = st.location;
      resumed = st.held;
      progress(st.held);
    } else if (prior) memo?.clear();
    location ??= await startUpload(client, repo, signal);
    const done = await chunked(client, repo, src, location, chunkSize, progress, signal, resumed, memo);
    memo?.clear();
    if (done) return { uploaded: confirmed - resumed, resumed, skipped: false, mounted: false };
    // chunked upload refused or made no headway: one PUT on a fresh session
    progress(0);
    location = await startUpload(client, repo, signal);
  }
  location ??= await startUpload(client, repo, signal);
  await monolithic(client, repo, src, location, progress, signal);
  return { uploaded: confirmed, resumed: 0, skipped: false, mounted: false };
}

interface Memo {
  save(location: string, offset: number): void;
  clear(): void;
}

async function startUpload(client: RegistryClient, repo: string, signal?: AbortSignal): Promise<string> {
  const res = await client.request({
    method: 'POST',
    path: `/v2/${repo}/blobs/uploads/`,
    headers: { 'content-length': '0' },
    scopes: [pushScope(repo)],
    ...(signal ? { signal } : {}),
  });
  if (res.statusCode !== 202 || !res.headers.location) return client.fail(res, `starting an upload to ${repo}`);
  await drain(res);
  return res.headers.location;
}

async function withDigest(client: RegistryClient, location: string, digest: string): Promise<string> {
  const u = await client.resolve(location);
  u.searchParams.set('digest', digest);
  return u.toString();
}

async function monolithic(
  client: RegistryClient,
  repo: string,
  src: BlobSource,
  firstLocation: string,
  progress: (to: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  let location = firstLocation;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await client.request({
        method: 'PUT',
        path: await withDigest(client, location, src.digest),
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(src.size) },
        body: src.size <= 32 * 1024 * 1024 ? await src.read(0, src.size) : () => src.stream(0),
        scopes: [pushScope(repo)],
        noRetry: true,
        ...(signal ? { signal } : {}),
      });
      if (res.statusCode === 201) {
        await drain(res);
        progress(src.size);
        return;
      }
      if ((res.statusCode ?? 0) < 500 || attempt >= DEFAULT_RETRY.retries) return await client.fail(res, `uploading blob ${src.digest}`);
      await drain(res);
    } catch (e) {
      if (signal?.aborted) throw new KilnError('CANCELLED', 'the push was cancelled');
      if (!isTransient(e) || attempt >= DEFAULT_RETRY.retries) throw e;
    }
    await waitBackoff(attempt, DEFAULT_RETRY, signal);
    location = await startUpload(client, repo, signal);
  }
}

/** Where an upload stands: bytes held, or null when the registry no longer knows the session. */
async function uploadStatus(client: RegistryClient, repo: string, location: string, signal?: AbortSignal): Promise<{ held: number; location: string } | null> {
  const res = await client.request({ method: 'GET', path: location, scopes: [pushScope(repo)], accept: [400, 404], ...(signal ? { signal } : {}) });
  await drain(res);
  if (res.statusCode !== 204) return null;
  return { held: parseRange(res.headers.range) ?? 0, location: res.headers.location ?? location };
}

/** PATCHes until the registry holds every byte, then the closing PUT. False: fall back to one PUT. */
async function chunked(
  client: RegistryClient,
  repo: string,
  src: BlobSource,
  firstLocation: string,
  chunkSize: number,
  progress: (to: number) => void,
  signal: AbortSignal | undefined,
  from: number,
  memo: Memo | undefined,
): Promise<boolean> {
  let location = firstLocation;
  let offset = from;
  memo?.save(location, offset);
  let stalls = 0;
  let failures = 0;
  // the next chunk is read while the current one is in flight, so the disk and the wire overlap; two
  // buffers take turns, since a fresh 16 MiB buffer per chunk costs thousands of page faults
  const buffers = [Buffer.allocUnsafe(Math.min(chunkSize, src.size)), Buffer.allocUnsafe(Math.min(chunkSize, src.size))];
  let ahead: { at: number; data: Promise<Buffer>; buf: number } | null = null;
  const readAt = async (at: number): Promise<Buffer> => {
    let cur: { data: Promise<Buffer>; buf: number };
    if (ahead && ahead.at === at) cur = ahead;
    else {
      // a retry from another offset: the read ahead must be done with its buffer first
      await ahead?.data.catch(() => undefined);
      cur = { data: src.read(at, Math.min(src.size, at + chunkSize), buffers[0]), buf: 0 };
    }
    const next = at + chunkSize;
    const other = 1 - cur.buf;
    ahead = next < src.size ? { at: next, data: src.read(next, Math.min(src.size, next + chunkSize), buffers[other]), buf: other } : null;
    ahead?.data.catch(() => undefined);
    return cur.data;
  };
  while (offset < src.size) {
    const end = Math.min(src.size, offset + chunkSize);
    const body = await readAt(offset);
    let res;
    try {
      res = await client.request({
        method: 'PATCH',
        path: location,
        headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${end - 1}` },
        body,
        scopes: [pushScope(repo)],
        noRetry: true,
        accept: [416],
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if (signal?.aborted) throw new KilnError('CANCELLED', 'the push was cancelled');
      if (!isTransient(e) || failures >= DEFAULT_RETRY.retries) throw e;
      await waitBackoff(failures++, DEFAULT_RETRY, signal);
      // the registry may have kept part of the chunk, or lost the session (restarted): ask
      const st = await uploadStatus(client, repo, location, signal);
      if (st) {
        location = st.location;
        offset = st.held;
      } else {
        location = await startUpload(client, repo, signal);
        offset = 0;
      }
      memo?.save(location, offset);
      progress(offset);
      continue;
    }
    if (res.statusCode === 202) {
      await drain(res);
      failures = 0;
      location = res.headers.location ?? location;
      const held = parseRange(res.headers.range);
      if (held === null) return false;
      if (held <= offset) {
        if (++stalls >= 2) return false;
      } else stalls = 0;
      offset = Math.min(held, src.size);
      memo?.save(location, offset);
      progress(offset);
      continue;
    }
    if (res.statusCode === 416) {
      await drain(res);
      const st = await uploadStatus(client, repo, location, signal);
      if (!st || ++stalls >= 2) return false;
      location = st.location;
      offset = st.held;
      memo?.save(location, offset);
      progress(offset);
      continue;
    }
    // 4xx to a PATCH: this registry (or proxy) does not take chunks
    await drain(res);
    return false;
  }
  const res = await client.request({
    method: 'PUT',
    path: await withDigest(client, location, src.digest),
    headers: { 'content-length': '0' },
    scopes: [pushScope(repo)],
    ...(signal ? { signal } : {}),
  });
  if (res.statusCode !== 201) return client.fail(res, `closing the upload of blob ${src.digest}`);
  await drain(res);
  return true;
}
