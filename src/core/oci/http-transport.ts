import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export interface TlsOptions {
  /** extra CA certificates (PEM) for this host: certs.d or Settings */
  ca?: Buffer[];
  /** skip certificate checks (a registry marked insecure) */
  insecure?: boolean;
}

export interface RawRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** a Buffer, or a factory so a retry can send the body again */
  body?: Buffer | (() => Readable);
  signal?: AbortSignal;
  tls?: TlsOptions;
  /** socket idle limit */
  timeoutMs?: number;
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const httpsAgents = new Map<string, https.Agent>();

function agentFor(req: RawRequest): http.Agent {
  if (req.url.protocol === 'http:') return httpAgent;
  const cas = req.tls?.ca ?? [];
  const key = `${req.url.host}|${req.tls?.insecure ? 1 : 0}|${cas.length ? createHash('sha256').update(Buffer.concat(cas)).digest('hex') : ''}`;
  let a = httpsAgents.get(key);
  if (!a) {
    // extra CAs are added to Node's bundled roots, not instead of them
    const ca = req.tls?.ca?.length ? [...rootCertificates, ...req.tls.ca] : undefined;
    a = new https.Agent({ keepAlive: true, maxSockets: 16, rejectUnauthorized: !req.tls?.insecure, ...(ca ? { ca } : {}) });
    httpsAgents.set(key, a);
  }
  return a;
}

/** One HTTP exchange, no redirects followed, the response body left unread for the caller. */
export function rawRequest(req: RawRequest): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const mod = req.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string | number> = { ...req.headers };
    if (Buffer.isBuffer(req.body)) headers['content-length'] = req.body.length;
    const r = mod.request(req.url, { method: req.method, headers, agent: agentFor(req), signal: req.signal }, resolve);
    r.setTimeout(req.timeoutMs ?? 120_000, () =>
      r.destroy(Object.assign(new Error(`no answer from ${req.url.host} for ${Math.round((req.timeoutMs ?? 120_000) / 1000)} s`), { code: 'ETIMEDOUT' })),
    );
    r.on('error', reject);
    if (req.body === undefined) r.end();
    else if (Buffer.isBuffer(req.body)) r.end(req.body);
    else {
      const s = req.body();
      s.on('error', (e) => r.destroy(e));
      s.pipe(r);
    }
  });
}

export async function readBody(res: http.IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of res) {
    n += (c as Buffer).length;
    if (n > limit) {
      res.destroy();
      throw new Error(`answer from the registry is larger than ${limit} bytes`);
    }
    parts.push(c as Buffer);
  }
  return Buffer.concat(parts);
}

/** Reads and drops a body so the socket can be reused. */
export function drain(res: http.IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    res.on('end', resolve);
    res.on('error', () => resolve());
    res.on('close', resolve);
    res.resume();
  });
}

/** Errors worth retrying: the registry went away or the network dropped. */
export function isTransient(e: unknown): boolean {
  // a KilnError made from a dropped connection says so in its details
  if ((e as { details?: { transient?: boolean } } | undefined)?.details?.transient === true) return true;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET'].includes(code ?? '') ||
    /socket hang up/i.test((e as Error | undefined)?.message ?? '')
  );
}

/** A TLS handshake against a plain-HTTP server fails like this. */
export function isPlainHttpAnswer(e: unknown): boolean {
  const err = e as NodeJS.ErrnoException | undefined;
  return (
    err?.code === 'EPROTO' ||
    err?.code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    /wrong version number|packet length too long|ssl3_get_record/i.test(err?.message ?? '')
  );
}
