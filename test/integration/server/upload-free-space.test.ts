import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { kiln, kilnServe } from '../../helpers/kiln-cli.js';

// Hardening item 10: uploads keep a free-space floor on the workspace's disk: a real 20 MiB tmpfs
// holds the workspace, a real `kiln serve` has KILN_MIN_FREE_BYTES=8M. Refused uploads leave nothing.
const MiB = 1024 * 1024;
const mnt = mkdtempSync(join(tmpdir(), 'kiln-tmpfs-'));
let proc: ChildProcess;
let base: string;
let token: string;
let ws: string;

beforeAll(async () => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', mnt]);
  ws = join(mnt, 'ws');
  const home = mkdtempSync(join(tmpdir(), 'kiln-home-'));
  expect((await kiln(['init', ws], { env: { KILN_HOME: home } })).code).toBe(0);
  const s = await kilnServe(['--port', '0'], { cwd: ws, env: { KILN_HOME: home, KILN_MIN_FREE_BYTES: '8M' } });
  proc = s.proc;
  const u = new URL(s.url);
  base = u.origin;
  token = u.searchParams.get('token')!;
});
afterAll(async () => {
  proc?.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 300));
  execFileSync('umount', ['-l', mnt]);
  rmSync(mnt, { recursive: true, force: true });
});

function put(id: string, path: string, size: number, opts: { declared: boolean }) {
  const piece = Buffer.alloc(256 * 1024, 7);
  const body = Readable.from(
    (function* () {
      for (let sent = 0; sent < size; sent += piece.length) yield piece.subarray(0, Math.min(piece.length, size - sent));
    })(),
  );
  return fetch(`${base}/api/upload/${id}?path=${encodeURIComponent(path)}`, {
    method: 'PUT',
    headers: { 'x-kiln-token': token, ...(opts.declared ? { 'content-length': String(size) } : {}) },
    body: Readable.toWeb(body) as unknown as ReadableStream,
    duplex: 'half',
  } as RequestInit);
}

describe('uploads and the free-space floor', () => {
  it('a file that fits is stored', async () => {
    const r = await put('up1', 'a.bin', 5 * MiB, { declared: true });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, value: { bytes: 5 * MiB } });
  });

  it('a declared size that would go under the floor is refused before a byte is written (507 DISK_FULL)', async () => {
    const r = await put('up1', 'b.bin', 10 * MiB, { declared: true });
    expect(r.status).toBe(507);
    const j = (await r.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(j.error.code).toBe('DISK_FULL');
    expect(j.error.message).toMatch(/b\.bin refused: it would leave .* under the 8(\.0)? MiB Kiln keeps free .*KILN_MIN_FREE_BYTES/);
    expect(existsSync(join(ws, '.kiln', 'uploads', 'up1', 'b.bin'))).toBe(false);
  });

  it('a stream without a declared size is stopped at the floor and its partial file removed', async () => {
    const r = await put('up1', 'c.bin', 12 * MiB, { declared: false });
    expect(r.status).toBe(507);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('DISK_FULL');
    expect(readdirSync(join(ws, '.kiln', 'uploads', 'up1'))).toEqual(['a.bin']);
  });

  it('the server keeps serving and the upload holds only what was accepted', async () => {
    const add = await fetch(`${base}/api/datasets:add`, {
      method: 'POST',
      headers: { 'x-kiln-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ dataset: 'up', source: { kind: 'upload', uploadId: 'up1' } }),
    });
    const out = (await add.json()) as { ok: boolean; value?: { version: { files: number; bytes: number } }; error?: unknown };
    expect(out.ok, JSON.stringify(out.error)).toBe(true);
    expect(out.value!.version).toMatchObject({ files: 1, bytes: 5 * MiB });
    mkdirSync(join(mnt, 'probe'));
  });
});
