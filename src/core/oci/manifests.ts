import { createHash } from 'node:crypto';
import { KilnError } from '../../shared/contract/index.js';
import type { RegistryClient } from './registry-client.js';
import { drain, readBody } from './http-transport.js';
import { MANIFEST_ACCEPT, OCI_INDEX, type Descriptor, type ImageIndex } from './media-types.js';

const scope = (repo: string, push = false) => `repository:${repo}:${push ? 'pull,push' : 'pull'}`;
export const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** PUTs a manifest under a tag or digest; returns its digest (checked against the registry's). */
export async function putManifest(client: RegistryClient, repo: string, ref: string, body: Buffer, mediaType: string, signal?: AbortSignal): Promise<string> {
  const digest = digestOf(body);
  const res = await client.request({
    method: 'PUT',
    path: `/v2/${repo}/manifests/${ref}`,
    headers: { 'content-type': mediaType },
    body,
    scopes: [scope(repo, true)],
    ...(signal ? { signal } : {}),
  });
  if (res.statusCode !== 201) return client.fail(res, `putting the manifest ${repo}:${ref}`);
  await drain(res);
  const said = res.headers['docker-content-digest'];
  if (typeof said === 'string' && said !== digest)
    throw new KilnError('DIGEST_MISMATCH', `${client.registry} stored the manifest ${repo}:${ref} as ${said}, not ${digest}`);
  return digest;
}

export interface FetchedManifest {
  body: Buffer;
  mediaType: string;
  digest: string;
}

/** GETs a manifest with the OCI Accept list; a digest reference is verified, a tag's answer checked against Docker-Content-Digest. */
export async function getManifest(client: RegistryClient, repo: string, ref: string, signal?: AbortSignal): Promise<FetchedManifest | null> {
  const res = await client.request({
    method: 'GET',
    path: `/v2/${repo}/manifests/${ref}`,
    headers: { accept: MANIFEST_ACCEPT },
    scopes: [scope(repo)],
    accept: [404],
    ...(signal ? { signal } : {}),
  });
  if (res.statusCode === 404) {
    await drain(res);
    return null;
  }
  if (res.statusCode !== 200) return client.fail(res, `reading the manifest ${repo}:${ref}`);
  const body = await readBody(res, 8 * 1024 * 1024);
  const digest = digestOf(body);
  const said = res.headers['docker-content-digest'];
  if (ref.startsWith('sha256:') && digest !== ref)
    throw new KilnError('DIGEST_MISMATCH', `the manifest ${repo}@${ref} from ${client.registry} does not match its digest (got ${digest}); refusing it`);
  if (typeof said === 'string' && said.startsWith('sha256:') && said !== digest)
    throw new KilnError(
      'DIGEST_MISMATCH',
      `the manifest ${repo}:${ref} from ${client.registry} does not match the digest the registry gives for it (${said}, got ${digest}); refusing it`,
    );
  let mediaType = String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  try {
    const j = JSON.parse(body.toString('utf8')) as { mediaType?: string };
    if (j.mediaType) mediaType = j.mediaType;
  } catch {
    throw new KilnError('ARTIFACT_INVALID', `the manifest ${repo}:${ref} from ${client.registry} is not JSON`);
  }
  return { body, mediaType, digest };
}

/** Tags of a repository (all pages); empty when the repository does not exist. */
export async function listTags(client: RegistryClient, repo: string, signal?: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  let path: string | null = `/v2/${repo}/tags/list?n=1000`;
  while (path) {
    const res = await client.request({ method: 'GET', path, scopes: [scope(repo)], accept: [404], ...(signal ? { signal } : {}) });
    if (res.statusCode === 404) {
      await drain(res);
      return out;
    }
    if (res.statusCode !== 200) return client.fail(res, `listing the tags of ${repo}`);
    const j = JSON.parse((await readBody(res, 16 * 1024 * 1024)).toString('utf8')) as { tags?: string[] | null };
    out.push(...(j.tags ?? []));
    const link = String(res.headers.link ?? '');
    const m = /<([^>]+)>;\s*rel="next"/.exec(link);
    path = m ? m[1]! : null;
  }
  return out;
}

/** The referrers fallback tag of a manifest digest: `sha256-<hex>`. */
export const referrersTag = (digest: string) => digest.replace(':', '-');

/**
 * Attaches a referrer (a manifest whose `subject` is `subject`): registries with the referrers API index
 * it themselves (OCI-Subject answer); for the others the fallback tag's index gains its descriptor.
 */
export async function attachReferrer(
  client: RegistryClient,
  repo: string,
  subject: string,
  referrer: { body: Buffer; mediaType: string; artifactType: string },
  signal?: AbortSignal,
): Promise<{ digest: string; fallbackTag: string | null }> {
  const digest = digestOf(referrer.body);
  const res = await client.request({
    method: 'PUT',
    path: `/v2/${repo}/manifests/${digest}`,
    headers: { 'content-type': referrer.mediaType },
    body: referrer.body,
    scopes: [scope(repo, true)],
    ...(signal ? { signal } : {}),
  });
  if (res.statusCode !== 201) return client.fail(res, `putting the gate report of ${subject}`);
  await drain(res);
  if (res.headers['oci-subject'] === subject) return { digest, fallbackTag: null };
  const tag = referrersTag(subject);
  const existing = await getManifest(client, repo, tag, signal);
  const index: ImageIndex = existing ? (JSON.parse(existing.body.toString('utf8')) as ImageIndex) : { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] };
  const desc: Descriptor = { mediaType: referrer.mediaType, digest, size: referrer.body.length, artifactType: referrer.artifactType };
  if (!index.manifests.some((m) => m.digest === digest)) index.manifests.push(desc);
  await putManifest(client, repo, tag, Buffer.from(JSON.stringify(index)), OCI_INDEX, signal);
  return { digest, fallbackTag: tag };
}

/** Referrers of a digest: the referrers API where the registry has it, else the fallback tag. */
export async function listReferrers(client: RegistryClient, repo: string, subject: string, signal?: AbortSignal): Promise<Descriptor[]> {
  const res = await client.request({
    method: 'GET',
    path: `/v2/${repo}/referrers/${subject}`,
    headers: { accept: OCI_INDEX },
    scopes: [scope(repo)],
    accept: [400, 404, 405],
    ...(signal ? { signal } : {}),
  });
  if (res.statusCode === 200 && String(res.headers['content-type'] ?? '').includes(OCI_INDEX)) {
    const j = JSON.parse((await readBody(res, 8 * 1024 * 1024)).toString('utf8')) as ImageIndex;
    return j.manifests ?? [];
  }
  await drain(res);
  const fb = await getManifest(client, repo, referrersTag(subject), signal);
  return fb ? ((JSON.parse(fb.body.toString('utf8')) as ImageIndex).manifests ?? []) : [];
}
