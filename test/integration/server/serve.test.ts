import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../src/core/index.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';

let core: Core;
let server: RunningServer;
let base: string;
const ui = mkdtempSync(join(tmpdir(), 'kiln-ui-'));

beforeAll(async () => {
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Kiln</title>');
  writeFileSync(join(ui, 'assets', 'app.js'), 'console.log(1)');
  core = await createCore({ host: 'server', kilnHome: mkdtempSync(join(tmpdir(), 'kiln-home-')) });
  server = await startServer({ core, port: 0, staticDir: ui });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await core.close();
});

describe('kiln serve over real HTTP and WebSocket', () => {
  it('binds 127.0.0.1 and prints a URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    expect((server.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('the page with ?token= sets an HttpOnly cookie and a strict CSP; without it 401', async () => {
    const ok = await fetch(server.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/kiln_token=.*HttpOnly.*SameSite=Strict/);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
    const cookie = `kiln_token=${server.token}`;
    expect((await fetch(`${base}/assets/app.js`, { headers: { cookie } })).status).toBe(200);
  });

  it('API calls need the token (401) and a same-origin Origin (403)', async () => {
    const call = (headers: Record<string, string>) =>
      fetch(`${base}/api/app:info`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await call({})).status).toBe(401);
    const auth = { authorization: `Bearer ${server.token}` };
    const r = await call(auth);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, value: { host: 'server' } });
    expect((await call({ ...auth, origin: 'http://evil.example' })).status).toBe(403);
    expect((await call({ ...auth, origin: base })).status).toBe(200);
  });

  it('pushes core events over the WebSocket, and refuses a socket without the token', async () => {
    const bad = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`);
    const badResult = await new Promise<string>((res) => {
      bad.on('unexpected-response', (_q, r) => res(String(r.statusCode)));
      bad.on('error', (e) => res(e.message));
    });
    expect(badResult).toMatch(/401/);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { cookie: `kiln_token=${server.token}` } });
    const got: { event: string; payload: unknown }[] = [];
    await new Promise<void>((res) =>
      ws.on('message', (d) => {
        got.push(JSON.parse(String(d)));
        if (got.length === 1) res();
      }),
    );
    // other events (engine:status from a workspace-open hook) may come first: wait for ours
    const next = new Promise<{ event: string; payload: { path: string } }>((res) =>
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as { event: string; payload: { path: string } };
        if (m.event === 'workspaces:changed') res(m);
      }),
    );
    const dir = join(mkdtempSync(join(tmpdir(), 'kiln-ws-')), 'w');
    await fetch(`${base}/api/workspaces:create`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: JSON.stringify({ path: dir }) });
    const ev = await next;
    expect(ev.event).toBe('workspaces:changed');
    expect(ev.payload.path).toBe(dir);
    ws.close();
  });
});
