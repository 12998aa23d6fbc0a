import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/index.js';
import { RequestGuard, TOKEN_COOKIE, newToken } from './request-guard.js';
import { serveStatic } from './static-files.js';
import { handleApi } from './api-route.js';
import { handleUpload } from './upload-route.js';
import { EventSocket } from './event-socket.js';
import { safeDecode } from './safe-decode.js';

export interface ServeOptions {
  core: Core;
  host?: string;
  port?: number;
  token?: string;
  /** the built renderer (out/renderer) */
  staticDir: string;
  /** host names (besides loopback and IP literals) that may appear in the Host header */
  allowedHosts?: string[];
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** `kiln serve`: the contract over HTTP and one WebSocket, behind a token, Host and Origin checks. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  const events = new EventSocket(opts.core);
  let guard: RequestGuard | null = null;

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    const url = parseUrl(req.url);
    if (!url) return badRequest(res, 'malformed request URL');
    const verdict = guard!.check(req, url);
    if (!verdict.ok) {
      res
        .writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`${verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}: ${verdict.reason}\n`);
      return;
    }
    if (url.pathname.startsWith('/api/upload/')) {
      if (req.method !== 'PUT') {
        res.writeHead(405, { allow: 'PUT' }).end();
        return;
      }
      const id = safeDecode(url.pathname.slice('/api/upload/'.length));
      if (id === null) return badRequest(res, 'malformed %-escape in the upload id');
      guarded(handleUpload(opts.core, id, url, req, res), res);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      const name = safeDecode(url.pathname.slice(5));
      if (name === null) return badRequest(res, 'malformed %-escape in the operation name');
      guarded(handleApi(opts.core, name, req, res), res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    // The page is opened with ?token=; the cookie carries it for assets, API calls and the socket.
    const cookie: Record<string, string> = guard!.tokenFromQuery(url) ? { 'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` } : {};
    serveStatic(opts.staticDir, url.pathname, res, cookie);
  };

  // No request may stop the server: whatever a handler throws ends that one response.
  const server = createServer((req, res) => {
    req.on('error', () => res.destroy());
    try {
      route(req, res);
    } catch (e) {
      failResponse(res, e);
    }
  });
  // Malformed HTTP (bad header bytes, oversized headers) is answered 400 by us, not left to defaults.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  server.on('upgrade', (req, socket: Duplex, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const url = parseUrl(req.url);
      if (!url) {
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
        return;
      }
      const verdict = guard!.check(req, url);
      if (!verdict.ok || url.pathname !== '/api/events') {
        socket.end(`HTTP/1.1 ${verdict.ok ? 404 : verdict.status} ${verdict.ok ? 'Not Found' : 'Refused'}\r\n\r\n`);
        return;
      }
      events.upgrade(req, socket, head);
    } catch {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard = new RequestGuard(token, port, opts.allowedHosts);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The request target as a URL, or null: `new URL('//[', base)` throws. */
function parseUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://local');
  } catch {
    return null;
  }
}

function badRequest(res: ServerResponse, why: string): void {
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`Bad Request: ${why}\n`);
}

function failResponse(res: ServerResponse, e: unknown): void {
  try {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  } catch {
    res.destroy();
  }
}

/** An async handler's rejection ends its response instead of becoming an unhandled rejection. */
function guarded(p: Promise<void>, res: ServerResponse): void {
  p.catch((e: unknown) => failResponse(res, e));
}
