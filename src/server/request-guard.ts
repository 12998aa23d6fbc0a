import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { safeDecode } from './safe-decode.js';

export const TOKEN_COOKIE = 'kiln_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/**
 * DNS rebinding and cross-site requests are refused before the token is even looked at:
 * the Host must be a loopback name or an IP literal (or one the user allowed), and a
 * browser's Origin must be this very server.
 */
export class RequestGuard {
  constructor(
    private readonly token: string,
    private readonly port: number,
    private readonly extraHosts: string[] = [],
  ) {}

  check(req: IncomingMessage, url: URL): GuardVerdict {
    const host = req.headers.host ?? '';
    if (!this.hostAllowed(host)) return { ok: false, status: 403, reason: `Host ${JSON.stringify(host)} is not allowed` };
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) return { ok: false, status: 403, reason: `Origin ${origin} is not allowed` };
    if (!this.tokenPresented(req, url)) return { ok: false, status: 401, reason: 'missing or wrong token: open the URL that `kiln serve` printed' };
    return { ok: true };
  }

  tokenFromQuery(url: URL): boolean {
    return this.same(url.searchParams.get('token'));
  }

  private tokenPresented(req: IncomingMessage, url: URL): boolean {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && this.same(auth.slice(7).trim())) return true;
    const header = req.headers['x-kiln-token'];
    if (typeof header === 'string' && this.same(header)) return true;
    if (this.same(readCookie(req.headers.cookie, TOKEN_COOKIE))) return true;
    return this.tokenFromQuery(url);
  }

  private same(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private hostAllowed(hostHeader: string): boolean {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader);
    if (!m) return false;
    const name = m[1]!.replace(/^\[|\]$/g, '').toLowerCase();
    const port = m[2] ? Number(m[2]) : 80;
    if (port !== this.port) return false;
    return name === 'localhost' || isIP(name) !== 0 || this.extraHosts.includes(name);
  }
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    // a malformed value is no token at all (401), not a crash
    if (k === name) return safeDecode(v.join('='));
  }
  return null;
}
