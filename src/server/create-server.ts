import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/index.js';
import { RequestGuard, TOKEN_COOKIE, newToken } from './request-guard.js';
import { serveStatic } from './static-files.js';
import { handleApi } from './api-route.js';
import { handleUpload } from './upload-route.js';
import { EventSocket } from './event-socket.js';

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

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const verdict = guard!.check(req, url);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}: ${verdict.reason}\n`);
      return;
    }
    if (url.pathname.startsWith('/api/upload/')) {
      if (req.method !== 'PUT') {
        res.writeHead(405, { allow: 'PUT' }).end();
        return;
      }
      void handleUpload(opts.core, decodeURIComponent(url.pathname.slice('/api/upload/'.length)), url, req, res);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      void handleApi(opts.core, decodeURIComponent(url.pathname.slice(5)), req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    // The page is opened with ?token=; the cookie carries it for assets, API calls and the socket.
    const cookie: Record<string, string> = guard!.tokenFromQuery(url) ? { 'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` } : {};
    serveStatic(opts.staticDir, url.pathname, res, cookie);
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const verdict = guard!.check(req, url);
    if (!verdict.ok || url.pathname !== '/api/events') {
      socket.end(`HTTP/1.1 ${verdict.ok ? 404 : verdict.status} ${verdict.ok ? 'Not Found' : 'Refused'}\r\n\r\n`);
      return;
    }
    events.upgrade(req, socket, head);
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
