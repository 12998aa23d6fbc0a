import type { IncomingHttpHeaders } from 'node:http';
import { KilnError } from '../../shared/contract/index.js';
import { parseWwwAuthenticate } from './www-authenticate.js';
import { rawRequest, readBody, type TlsOptions } from './http-transport.js';
import type { Credential } from './docker-config.js';

export type CredentialSource = () => Promise<Credential | null>;

interface Token {
  value: string;
  expiresAt: number;
}

/**
 * What a registry asked for, and the answer: nothing until its first 401, then Basic with the
 * credentials, or Bearer tokens fetched from its token server for each set of scopes. A 401 later
 * (a token that expired in the middle of an upload) drops the token and fetches a fresh one.
 */
export class RegistryAuth {
  private scheme: 'none' | 'basic' | 'bearer' = 'none';
  private realm = '';
  private service = '';
  private readonly tokens = new Map<string, Token>();
  private cred: Promise<Credential | null> | null = null;

  constructor(
    private readonly registry: string,
    private readonly credentials: CredentialSource,
    private readonly tls: TlsOptions = {},
  ) {}

  private credential(): Promise<Credential | null> {
    this.cred ??= this.credentials();
    return this.cred;
  }

  /** The Authorization header for a request needing `scopes`, or undefined when the registry asked for nothing yet. */
  async header(scopes: string[], signal?: AbortSignal): Promise<string | undefined> {
    if (this.scheme === 'basic') {
      const c = await this.credential();
      return c && 'password' in c ? `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` : undefined;
    }
    if (this.scheme === 'bearer') {
      const key = scopes.join(' ');
      const t = this.tokens.get(key);
      if (t && t.expiresAt > Date.now() + 10_000) return `Bearer ${t.value}`;
      return `Bearer ${await this.fetchToken(scopes, signal)}`;
    }
    return undefined;
  }

  /**
   * Takes in a 401's challenge; the caller then retries once with `header()`. `sent` is the
   * Authorization the refused request carried: parallel requests sent before the first challenge
   * was answered carry none, and only need to be sent again.
   */
  async challenged(headers: IncomingHttpHeaders, scopes: string[], sent: string | undefined, signal?: AbortSignal): Promise<void> {
    const all = parseWwwAuthenticate(headerText(headers['www-authenticate']));
    const bearer = all.find((c) => c.scheme === 'bearer');
    const basic = all.find((c) => c.scheme === 'basic');
    if (bearer) {
      if (!bearer.params.realm) throw new KilnError('UNAUTHORIZED', `${this.registry} asked for a Bearer token but named no token server (realm)`);
      this.scheme = 'bearer';
      this.realm = bearer.params.realm;
      this.service = bearer.params.service ?? '';
      this.tokens.delete(scopes.join(' '));
      await this.fetchToken(scopes, signal);
      return;
    }
    if (basic || !all.length) {
      if (this.scheme === 'basic' && sent === undefined) return;
      const c = await this.credential();
      if (this.scheme === 'basic' || !c || !('password' in c)) throw this.refused(c !== null && this.scheme === 'basic');
      this.scheme = 'basic';
      return;
    }
    throw new KilnError(
      'UNAUTHORIZED',
      `${this.registry} asks for ${all.map((c) => c.scheme).join(', ')} authentication, which Kiln does not speak (it speaks Basic and Bearer)`,
    );
  }

  refused(hadCredentials: boolean): KilnError {
    return hadCredentials
      ? new KilnError(
          'UNAUTHORIZED',
          `${this.registry} refused the credentials from your docker config (401 unauthorized); run docker login ${this.registry} again or update them in Settings`,
          { registry: this.registry },
        )
      : new KilnError(
          'UNAUTHORIZED',
          `${this.registry} requires authentication (401 unauthorized) and no credentials for it were found in ~/.docker/config.json or its credential helpers; run docker login ${this.registry} or add it in Settings`,
          { registry: this.registry },
        );
  }

  private async fetchToken(scopes: string[], signal?: AbortSignal): Promise<string> {
    const c = await this.credential();
    const url = new URL(this.realm);
    const headers: Record<string, string> = { accept: 'application/json' };
    let method = 'GET';
    let body: Buffer | undefined;
    if (c && 'identityToken' in c) {
      // an identity token is an OAuth refresh token: exchanged with a POST, as docker does
      method = 'POST';
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.identityToken, service: this.service, client_id: 'kiln' });
      for (const s of scopes) form.append('scope', s);
      body = Buffer.from(form.toString());
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      if (this.service) url.searchParams.set('service', this.service);
      for (const s of scopes) url.searchParams.append('scope', s);
      if (c) headers.authorization = `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    }
    let res;
    try {
      res = await rawRequest({ method, url, headers, ...(body ? { body } : {}), ...(signal ? { signal } : {}), tls: this.tls, timeoutMs: 30_000 });
    } catch (e) {
      throw new KilnError('UNAUTHORIZED', `the token server ${url.origin} of ${this.registry} cannot be reached: ${(e as Error).message}`);
    }
    const text = (await readBody(res, 1024 * 1024)).toString('utf8');
    if (res.statusCode === 401 || res.statusCode === 403) throw this.refused(c !== null);
    if ((res.statusCode ?? 0) >= 300)
      throw new KilnError('UNAUTHORIZED', `the token server ${url.origin} of ${this.registry} answered ${res.statusCode}: ${text.slice(0, 200)}`);
    let j: { token?: string; access_token?: string; expires_in?: number };
    try {
      j = JSON.parse(text) as typeof j;
    } catch {
      throw new KilnError('UNAUTHORIZED', `the token server ${url.origin} of ${this.registry} answered something that is not JSON`);
    }
    const value = j.token ?? j.access_token;
    if (!value) throw new KilnError('UNAUTHORIZED', `the token server ${url.origin} of ${this.registry} answered without a token`);
    this.tokens.set(scopes.join(' '), { value, expiresAt: Date.now() + (j.expires_in ?? 60) * 1000 });
    return value;
  }
}

function headerText(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h.join(', ') : h;
}
