import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { kiln, kilnServe } from '../../helpers/kiln-cli.js';

// Hardening items 2 and 3: no request, header or WebSocket frame may stop a real `kiln serve`.
let proc: ChildProcess;
let base: string;
let token: string;
let exited: number | null | undefined;
const home = mkdtempSync(join(tmpdir(), 'kiln-home-'));

beforeAll(async () => {
  const ws = join(mkdtempSync(join(tmpdir(), 'kiln-hostile-')), 'ws');
  expect((await kiln(['init', ws], { env: { KILN_HOME: home } })).code).toBe(0);
  const s = await kilnServe(['--port', '0'], { cwd: ws, env: { KILN_HOME: home } });
  proc = s.proc;
  proc.on('exit', (c) => (exited = c));
  const u = new URL(s.url);
  base = u.origin;
  token = u.searchParams.get('token')!;
});
afterAll(() => {
  proc?.kill('SIGKILL');
});

/** The server still answers an API call with the token. */
async function alive(): Promise<void> {
  expect(exited, 'kiln serve exited').toBeUndefined();
  const r = await fetch(`${base}/api/app:info`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(r.status).toBe(200);
}

/** Sends bytes as they are (fetch would normalize the request line) and returns the status line. */
function raw(request: string): Promise<string> {
  const { port, hostname } = new URL(base);
  return new Promise((res) => {
    const s = connect(Number(port), hostname, () => s.write(request));
    let got = '';
    s.on('data', (d) => (got += d));
    s.on('error', () => res(got || 'socket error'));
    s.on('close', () => res(got.split('\r\n')[0] ?? ''));
    setTimeout(() => s.destroy(), 3000);
  });
}

const host = () => `Host: ${new URL(base).host}\r\n`;

describe('hostile requests do not stop kiln serve', () => {
  it('a malformed cookie is no token (401), and the server keeps serving', async () => {
    const r = await fetch(`${base}/`, { headers: { cookie: 'kiln_token=%' } });
    expect(r.status).toBe(401);
    await alive();
    expect((await fetch(`${base}/`, { headers: { cookie: 'a=%E0%A4%A; kiln_token=%zz' } })).status).toBe(401);
    await alive();
  });

  it('malformed %-escapes in static paths, operation names and upload ids get 400', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${base}/%E0%A4%A`, { headers: auth })).status).toBe(400);
    await alive();
    expect((await fetch(`${base}/api/app:info%`, { method: 'POST', headers: auth, body: '{}' })).status).toBe(400);
    await alive();
    expect((await fetch(`${base}/api/upload/%E0?path=a`, { method: 'PUT', headers: auth, body: 'x' })).status).toBe(400);
    await alive();
  });

  it('a request target the URL parser refuses, and broken HTTP, get 400', async () => {
    expect(await raw(`GET //[ HTTP/1.1\r\n${host()}Authorization: Bearer ${token}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    await alive();
    expect(
      await raw(`GET //[ HTTP/1.1\r\n${host()}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n\r\n`),
    ).toMatch(/^HTTP\/1\.1 400/);
    await alive();
    expect(await raw('GARBAGE\0\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    await alive();
  });

  it('a request that dies mid-body ends only itself', async () => {
    const { port, hostname } = new URL(base);
    await new Promise<void>((res) => {
      const s = connect(Number(port), hostname, () => {
        s.write(`POST /api/app:info HTTP/1.1\r\n${host()}Authorization: Bearer ${token}\r\nContent-Length: 100000\r\n\r\n{"a":`);
        setTimeout(() => (s.destroy(), res()), 200);
      });
      s.on('error', () => res());
    });
    await alive();
  });

  it('a WebSocket frame over the size limit closes that socket with 1009; the server keeps serving', async () => {
    const ws = new WebSocket(`ws://${new URL(base).host}/api/events`, { headers: { authorization: `Bearer ${token}` } });
    ws.on('error', () => undefined);
    await new Promise((r, j) => (ws.once('open', r), ws.once('close', () => j(new Error('refused')))));
    const code = await new Promise<number>((res) => {
      ws.once('close', (c) => res(c));
      ws.send(Buffer.alloc(2 * 1024 * 1024, 97));
    });
    expect(code).toBe(1009);
    await alive();
    // and a fresh socket still gets events
    const again = new WebSocket(`ws://${new URL(base).host}/api/events`, { headers: { authorization: `Bearer ${token}` } });
    const hello = await new Promise<string>((res) => again.once('message', (d) => res(String(d))));
    expect(JSON.parse(hello)).toMatchObject({ event: 'hello' });
    again.close();
  });
});
