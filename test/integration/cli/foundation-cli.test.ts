import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { kiln, kilnServe } from '../../helpers/kiln-cli.js';
import { dockerAvailable } from '../../helpers/docker.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const hasDocker = await dockerAvailable();
const tmp = useTempDir();
const procs: ChildProcess[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) p.kill('SIGKILL');
});

describe('kiln CLI basics', () => {
  it('--version prints the package version', async () => {
    const r = await kiln(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('init makes a workspace; commands outside one say what to do', async () => {
    const dir = join(tmp(), 'proj');
    const r = await kiln(['init', dir]);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, '.kiln', 'kiln.db'))).toBe(true);
    const again = await kiln(['init', dir]);
    expect(again.code).toBe(0);
  });

  it.skipIf(!hasDocker)('doctor reports the running engine with its version and exits 0', async () => {
    const r = await kiln(['doctor'], { cwd: tmp() });
    const v = execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
    expect(r.stdout).toContain(`Docker ${v}`);
    expect(r.stdout).toMatch(/gpus/);
    expect(r.stdout).toMatch(/Node \d+/);
    expect(r.code).toBe(0);
  });

  it('doctor exits 1 with a clear line when the engine is unreachable', async () => {
    const r = await kiln(['doctor'], { cwd: tmp(), env: { DOCKER_HOST: 'unix:///tmp/kiln-nothing-here.sock' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL engine\s+Docker engine not reachable at \/tmp\/kiln-nothing-here.sock/);
  });

  it('doctor checks the workspace database: intact, then damaged', async () => {
    const dir = join(tmp(), 'w');
    await kiln(['init', dir]);
    const ok = await kiln(['doctor'], { cwd: dir, env: { DOCKER_HOST: 'unix:///tmp/kiln-nothing-here.sock' } });
    expect(ok.stdout).toMatch(/ok\s+database\s+.*kiln\.db .*intact/);
    writeFileSync(join(dir, '.kiln', 'kiln.db'), 'not a database any more');
    const bad = await kiln(['doctor'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL workspace\s+.*kiln\.db is not a Kiln database/);
  });

  it('serve: 401 without the token, 403 for a foreign Origin or Host, 200 with it', async () => {
    const dir = join(tmp(), 'w');
    await kiln(['init', dir]);
    const { proc, url } = await kilnServe(['--port', '0'], { cwd: dir, env: { KILN_HOME: join(dir, 'home') } });
    procs.push(proc);
    const u = new URL(url);
    const token = u.searchParams.get('token')!;
    const api = `${u.origin}/api/engine:status`;
    const post = (h: Record<string, string>) => fetch(api, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body: '{}' });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await post({ authorization: `Bearer ${token}`, origin: 'http://evil.example' })).status).toBe(403);
    // fetch() will not forge Host; a raw request does
    const status = await new Promise<number>((res) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: Number(u.port),
          path: '/api/engine:status',
          method: 'POST',
          headers: { host: 'evil.example', authorization: `Bearer ${token}` },
        },
        (r) => res(r.statusCode ?? 0),
      );
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('serve --host 0.0.0.0 warns that it is exposed', async () => {
    const dir = join(tmp(), 'w');
    await kiln(['init', dir]);
    const s = await kilnServe(['--port', '0', '--host', '0.0.0.0'], { cwd: dir, env: { KILN_HOME: join(dir, 'home') } });
    procs.push(s.proc);
    expect(s.output()).toMatch(/warning: serving on 0\.0\.0\.0 exposes Kiln/);
  });
});
