import { KilnError } from '../../shared/contract/index.js';

/** A parsed image reference: `host[:port]/repo/path[:tag][@sha256:…]`. */
export interface OciRef {
  /** host[:port] as written (docker.io for Docker Hub) */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const REPO_PART = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** Parses REF; a first segment without `.` or `:` (and not localhost) means Docker Hub, as docker does. */
export function parseOciRef(input: string): OciRef {
  const s = input.trim().replace(/^(?:docker|oci):\/\//, '');
  const bad = (why: string) =>
    new KilnError(
      'INVALID_INPUT',
      `${JSON.stringify(input)} is not a registry reference (${why}); write HOST[:PORT]/REPOSITORY[:TAG], e.g. 127.0.0.1:5000/team/digits:3`,
    );
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw bad(`the digest ${JSON.stringify(digest)} is not sha256:<64 hex>`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(`the tag ${JSON.stringify(tag)} may hold only letters, digits, ".", "_" and "-"`);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  if (!parts.length || parts.some((p) => !REPO_PART.test(p))) throw bad('a repository path is lowercase letters, digits and ".", "_", "-" separators');
  return { registry, repository: parts.join('/'), ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

export function formatOciRef(r: OciRef): string {
  return `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/** The host to connect to: Docker Hub's API lives on registry-1.docker.io. */
export function apiHost(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry;
}

/** Loopback registries are spoken to over plain HTTP when they do not speak TLS, as Docker does. */
export function isLoopback(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
