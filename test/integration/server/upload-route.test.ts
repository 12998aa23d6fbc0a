import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createCore, type Core } from '../../../src/core/index.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';

let core: Core;
let server: RunningServer;
let base: string;
let ws: string;

beforeAll(async () => {
  const ui = mkdtempSync(join(tmpdir(), 'kiln-ui-'));
  core = await createCore({ host: 'server', kilnHome: mkdtempSync(join(tmpdir(), 'kiln-home-')) });
  ws = join(mkdtempSync(join(tmpdir(), 'kiln-upload-')), 'ws');
  mkdirSync(ws);
  await core.invoke('workspaces:create', { path: ws });
  server = await startServer({ core, port: 0, staticDir: ui });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await core.close();
});

/** PUT one file as a browser would: streamed, with the token header. */
function put(id: string, path: string, body: Buffer | Readable, token = server.token) {
  const stream = body instanceof Readable ? body : Readable.from([body]);
  return fetch(`${base}/api/upload/${id}?path=${encodeURIComponent(path)}`, {
    method: 'PUT',
    headers: { 'x-kiln-token': token },
    body: Readable.toWeb(stream) as unknown as ReadableStream,
    duplex: 'half',
  } as RequestInit);
}

describe('browser uploads: PUT /api/upload/<id>, then datasets:add { kind: upload }', () => {
  it('streams a folder (nested, unicode, empty folder) and versions it; the staging folder is removed', async () => {
    const big = Buffer.alloc(3 << 20, 7);
    // a streamed body of several pieces, never a single buffer on the server side
    const pieces = Readable.from(
      (function* () {
        for (let i = 0; i < 3; i++) yield big.subarray(i << 20, (i + 1) << 20);
      })(),
    );
    for (const [p, b] of [
      ['tables/a.csv', Buffer.from('x,y\n1,2\n')],
      ['ünï/naïve.txt', Buffer.from('hi')],
    ] as const) {
      const r = await put('drop1', p, b);
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ ok: true, value: { path: p, bytes: b.length } });
    }
    expect(((await (await put('drop1', 'blobs/big.bin', pieces)).json()) as { value: { bytes: number } }).value.bytes).toBe(3 << 20);
    expect((await put('drop1', 'empty/', Buffer.alloc(0))).status).toBe(200);
    const staged = join(ws, '.kiln', 'uploads', 'drop1');
    expect(readdirSync(staged).sort()).toEqual(['blobs', 'empty', 'tables', 'ünï']);

    const res = await fetch(`${base}/api/datasets:add`, {
      method: 'POST',
      headers: { 'x-kiln-token': server.token, 'content-type': 'application/json' },
      body: JSON.stringify({ dataset: 'dropped', source: { kind: 'upload', uploadId: 'drop1' }, message: 'from the browser' }),
    });
    const out = (await res.json()) as { ok: boolean; value: { version: { version: number; files: number } } };
    expect(out.ok).toBe(true);
    expect(out.value.version).toMatchObject({ version: 1, files: 3 });
    expect(existsSync(staged)).toBe(false);
    const tree = await core.invoke('datasets:tree', { dataset: 'dropped', version: 1 });
    expect(tree.entries.map((e) => e.path)).toEqual(['blobs', 'blobs/big.bin', 'empty', 'tables', 'tables/a.csv', 'ünï', 'ünï/naïve.txt']);
    await core.invoke('datasets:checkout', { dataset: 'dropped', version: 1, dir: join(ws, 'out') });
    expect(readFileSync(join(ws, 'out', 'blobs', 'big.bin')).equals(big)).toBe(true);
  });

  it('refuses paths that leave the upload folder, bad ids, and requests without the token', async () => {
    for (const p of ['../x', '/etc/passwd', 'a/../../x', 'a//b']) {
      const r = await put('drop2', p, Buffer.from('no'));
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('PATH_ESCAPE');
    }
    expect(existsSync(join(ws, '.kiln', 'x'))).toBe(false);
    expect(((await (await put('bad.id', 'a', Buffer.from('1'))).json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    expect((await put('drop2', 'a', Buffer.from('1'), 'wrong-token')).status).toBe(401);
    expect((await fetch(`${base}/api/upload/drop2?path=a`, { method: 'POST', headers: { 'x-kiln-token': server.token } })).status).toBe(405);
    const add = await core
      .invoke('datasets:add', { dataset: 'nothing', source: { kind: 'upload', uploadId: 'never-sent' } })
      .catch((e: { code: string }) => e.code);
    expect(add).toBe('NOT_FOUND');
  });
});
