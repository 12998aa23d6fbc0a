import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { useTempDir } from '../../helpers/temp-dir.js';
import { kiln, kilnServe } from '../../helpers/kiln-cli.js';

// Hardening item 11: "database is locked" names the process holding it and what to try; a damaged
// database over 32 MiB (too big to check on every open) is checked in the background after open
// and the result is pushed to the UI. Real SQLite files, a real second process, real `kiln serve`.
const procs: ChildProcess[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) p.kill('SIGKILL');
});

describe('the workspace database, locked or damaged', () => {
  const tmp = useTempDir('kiln-db-');

  it('"database is locked" names the holder (pid and command) and says what to do', async () => {
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, '.home') };
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    expect((await kiln(['data', 'ls'], { cwd: ws, env })).code).toBe(0);
    // another process takes the write lock and keeps it
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `
      const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
      const db = new Database(process.argv[1]);
      db.exec('BEGIN EXCLUSIVE');
      console.log('locked');
      setInterval(() => {}, 1000);
    `,
        join(ws, '.kiln', 'kiln.db'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    procs.push(holder);
    await new Promise<void>((r) => holder.stdout!.once('data', () => r()));
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'a.txt'), 'x');
    const r = await kiln(['data', 'add', src, '--name', 'd'], { cwd: ws, env, timeoutMs: 60_000 });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/the workspace database \.kiln\/kiln\.db is locked: it is held by pid (\d+)/);
    expect(r.stderr).toContain(`pid ${holder.pid} (`);
    expect(r.stderr).toMatch(/try again/);
    expect(r.stderr).toMatch(/nothing was changed/);
    holder.kill('SIGKILL');
    await new Promise((res) => holder.once('exit', res));
    expect((await kiln(['data', 'add', src, '--name', 'd'], { cwd: ws, env })).code).toBe(0);
  });

  it('a damaged database over 32 MiB opens, is checked in the background, and the result reaches the UI', async () => {
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, '.home') };
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    expect((await kiln(['data', 'ls'], { cwd: ws, env })).code).toBe(0);
    const dbPath = join(ws, '.kiln', 'kiln.db');
    const db = new Database(dbPath);
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, t TEXT)');
    const ins = db.prepare('INSERT INTO filler (t) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 200_000; i++) ins.run(`row ${i} `.padEnd(200, 'x'));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const size = statSync(dbPath).size;
    expect(size).toBeGreaterThan(32 * 1024 * 1024);
    // scribble over a page in the middle of the table (the schema on page 1 stays readable)
    const page = 4096;
    const at = Math.floor(size / 2 / page) * page;
    const fd = openSync(dbPath, 'r+');
    writeSync(fd, Buffer.alloc(page, 0x5a), 0, page, at);
    closeSync(fd);

    const s = await kilnServe(['--port', '0'], { cwd: ws, env });
    procs.push(s.proc);
    const u = new URL(s.url);
    const token = u.searchParams.get('token')!;
    const events: { state: string; message: string | null }[] = [];
    const sock = new WebSocket(`ws://${u.host}/api/events`, { headers: { authorization: `Bearer ${token}` } });
    sock.on('message', (d) => {
      const m = JSON.parse(String(d)) as { event: string; payload: { state: string; message: string | null } };
      if (m.event === 'workspaces:integrity') events.push(m.payload);
    });
    await new Promise((r) => sock.once('open', r));
    // the server answers while the check runs (it is not on the event loop)
    const info = await fetch(`${u.origin}/api/app:info`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
    expect(info.status).toBe(200);
    // the latest result is also there to ask for (a page that connects after the event)
    let latest: { state: string; message: string | null } | null = null;
    for (let i = 0; i < 120; i++) {
      const r = await fetch(`${u.origin}/api/workspaces:integrity`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
      latest = ((await r.json()) as { value: { state: string; message: string | null } | null }).value;
      if (latest && latest.state !== 'checking') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(latest?.state).toBe('damaged');
    expect(latest?.message).toMatch(/kiln\.db is damaged \(SQLite quick_check: .*restore kiln\.db from a backup/);
    await expect.poll(() => events.map((e) => e.state), { timeout: 10_000 }).toContain('damaged');
    sock.close();
  });
});
