import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { KilnError } from '../../shared/contract/index.js';
import { rawRequest, readBody, drain, isTransient, isPlainHttpAnswer, type TlsOptions } from './http-transport.js';
import { RegistryAuth, type CredentialSource } from './registry-auth.js';
import { DEFAULT_RETRY, waitBackoff, type RetryPolicy } from './backoff.js';
import { apiHost, isLoopback } from './reference.js';
import { lookupCredential, registryCas } from './docker-config.js';

export interface RegistryOptions {
  /** a registry marked insecure in Settings: plain HTTP or unchecked TLS */
  insecure?: boolean;
  credentials?: CredentialSource;
  retry?: RetryPolicy;
  /** extra CA certificates (PEM); certs.d is read as well */
  ca?: Buffer[];
}

export interface RegistryRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** a path under the registry (`/v2/…`) or an absolute URL (an upload Location) */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | (() => Readable);
  /** token scopes the request needs, e.g. repository:team/model:pull,push */
  scopes: string[];
  signal?: AbortSignal;
  /** statuses answered as-is instead of retried or thrown (e.g. 404 for a HEAD) */
  accept?: number[];
  /** no retries (the caller retries at a higher level, e.g. an upload re-asking the offset) */
  noRetry?: boolean;
}

const MAX_REDIRECTS = 5;

/**
 * One registry, spoken to over the distribution API: scheme chosen once (TLS, or plain HTTP for
 * loopback and insecure hosts that do not speak TLS), auth from the docker config, retries with
 * backoff on dropped connections and 5xx, redirects followed without carrying credentials to
 * another host.
 */
export class RegistryClient {
  readonly host: string;
  readonly auth: RegistryAuth;
  private base: Promise<URL> | null = null;
  private readonly tls: TlsOptions;
  private readonly retry: RetryPolicy;

  constructor(
    readonly registry: string,
    readonly opts: RegistryOptions = {},
  ) {
    this.host = apiHost(registry);
    this.tls = { ca: [...(opts.ca ?? []), ...registryCas(registry)], insecure: !!opts.insecure };
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.auth = new RegistryAuth(registry, opts.credentials ?? (() => lookupCredential(registry)), this.tls);
  }

  /** https, unless the host is loopback or insecure and answers in plain HTTP. */
  baseUrl(signal?: AbortSignal): Promise<URL> {
    this.base ??= this.pickScheme(signal);
    this.base.catch(() => (this.base = null));
    return this.base;
  }

  private async pickScheme(signal?: AbortSignal): Promise<URL> {
    const https = new URL(`https://${this.host}/`);
    const plainAllowed = isLoopback(this.host) || !!this.opts.insecure;
    if (!plainAllowed) return https;
    try {
      const res = await rawRequest({
        method: 'GET',
        url: new URL('/v2/', https),
        headers: {},
        tls: this.tls,
        timeoutMs: 10_000,
        ...(signal ? { signal } : {}),
      });
      await drain(res);
      return https;
    } catch (e) {
      if (isPlainHttpAnswer(e)) return new URL(`http://${this.host}/`);
      // unreachable or a certificate problem: let the real request report it over the scheme Docker would use
      if (isTransient(e)) return new URL(`http://${this.host}/`);
      throw tlsError(this.registry, e);
    }
  }

  /** Sends a request: authenticates on 401 (once), follows redirects, retries transient failures. */
  async request(r: RegistryRequest): Promise<IncomingMessage> {
    const base = await this.baseUrl(r.signal);
    let attempt = 0;
    for (;;) {
      try {
        const res = await this.sendAuthenticated(r, new URL(r.path, base));
        const s = res.statusCode ?? 0;
        if ((s >= 500 || s === 429) && !r.accept?.includes(s) && !r.noRetry && attempt < this.retry.retries) {
          await drain(res);
          await waitBackoff(attempt++, this.retry, r.signal);
          continue;
        }
        return res;
      } catch (e) {
        if (r.signal?.aborted) throw new KilnError('CANCELLED', 'cancelled');
        if (!isTransient(e) || r.noRetry || attempt >= this.retry.retries) throw e instanceof KilnError ? e : unreachable(this.registry, e);
        await waitBackoff(attempt++, this.retry, r.signal);
      }
    }
  }

  private async sendAuthenticated(r: RegistryRequest, url: URL): Promise<IncomingMessage> {
    const sent = await this.auth.header(r.scopes, r.signal);
    let res = await this.sendFollowing(r, url, sent);
    if (res.statusCode === 401) {
      const headers = res.headers;
      await drain(res);
      await this.auth.challenged(headers, r.scopes, sent, r.signal);
      res = await this.sendFollowing(r, url, await this.auth.header(r.scopes, r.signal));
      if (res.statusCode === 401) {
        await drain(res);
        throw this.auth.refused(true);
      }
    }
    return res;
  }

  /** Follows redirects; Authorization goes only to the registry's own host. */
  private async sendFollowing(r: RegistryRequest, first: URL, authorization: string | undefined): Promise<IncomingMessage> {
    let url = first;
    for (let hop = 0; ; hop++) {
      const sameHost = url.host === this.host;
      const headers: Record<string, string> = { 'user-agent': 'kiln', ...(r.headers ?? {}) };
      if (authorization && sameHost) headers.authorization = authorization;
      const res = await rawRequest({
        method: r.method,
        url,
        headers,
        ...(r.body !== undefined ? { body: r.body } : {}),
        ...(r.signal ? { signal: r.signal } : {}),
        tls: sameHost ? this.tls : {},
      });
      const s = res.statusCode ?? 0;
      const loc = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(s) && loc && (r.method === 'GET' || r.method === 'HEAD') && hop < MAX_REDIRECTS) {
        await drain(res);
        url = new URL(loc, url);
        continue;
      }
      return res;
    }
  }

  /** Resolves an upload Location (often relative) against the registry. */
  async resolve(location: string): Promise<URL> {
    return new URL(location, await this.baseUrl());
  }

  /** Throws a KilnError naming what the registry said (its `errors` body) for an unexpected status. */
  async fail(res: IncomingMessage, what: string): Promise<never> {
    const body = (await readBody(res, 1024 * 1024).catch(() => Buffer.alloc(0))).toString('utf8');
    let detail = body.slice(0, 300);
    try {
      const j = JSON.parse(body) as { errors?: { code?: string; message?: string }[] };
      if (j.errors?.length) detail = j.errors.map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim()).join('; ');
    } catch {
      /* not JSON: keep the text */
    }
    const s = res.statusCode ?? 0;
    const code = s === 401 ? 'UNAUTHORIZED' : s === 403 ? 'FORBIDDEN' : s === 404 ? 'NOT_FOUND' : 'REGISTRY_ERROR';
    throw new KilnError(code, `${what}: ${this.registry} answered ${s}${detail ? ` (${detail})` : ''}`, { status: s, registry: this.registry });
  }
}

function unreachable(registry: string, e: unknown): KilnError {
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test((e as NodeJS.ErrnoException).code ?? '')) return tlsError(registry, e);
  return new KilnError(
    'REGISTRY_UNREACHABLE',
    `the registry ${registry} cannot be reached: ${(e as Error).message}; check that it runs and the address is right`,
    { registry, transient: isTransient(e) },
  );
}

function tlsError(registry: string, e: unknown): KilnError {
  return new KilnError(
    'REGISTRY_UNREACHABLE',
    `TLS with ${registry} failed: ${(e as Error).message}. Put its CA certificate in /etc/docker/certs.d/${registry}/ca.crt, or mark the registry insecure in Settings (--insecure)`,
    { registry },
  );
}
