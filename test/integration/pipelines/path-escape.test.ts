import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { kiln } from '../../helpers/kiln-cli.js';
import { containersCreatedAfter } from './pipeline-workspace.js';

// Hardening item 1: a repository's symlinks (committed, dangling, or left by an earlier run) never
// make Kiln delete, mount, read or build from a path outside the workspace: PATH_ESCAPE instead.
// Real `kiln run`, real Docker engine, real files; no skip when the engine is missing.
describe('paths through symlinks out of the workspace are refused (PATH_ESCAPE)', () => {
  const tmp = useTempDir('kiln-escape-');

  /** A workspace plus a "victim" folder outside it holding a file that must survive. */
  async function setup(): Promise<{ ws: string; victim: string; env: NodeJS.ProcessEnv; img: string }> {
    const img = await busyboxImage();
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, '.home') };
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    const victim = join(dir, 'victim');
    mkdirSync(join(victim, 'out'), { recursive: true });
    writeFileSync(join(victim, 'out', 'keep.txt'), 'precious');
    writeFileSync(join(victim, 'Dockerfile'), 'FROM scratch\nCOPY . /\n');
    return { ws, victim, env, img };
  }

  async function refused(ws: string, env: NodeJS.ProcessEnv, field: RegExp): Promise<string> {
    const since = Date.now();
    const r = await kiln(['run'], { cwd: ws, env, timeoutMs: 90_000 });
    expect(r.code, r.stdout + r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/leaves the workspace/);
    expect(r.stderr).toMatch(field);
    // refused before anything ran: no container was created for this workspace
    expect(await containersCreatedAfter(since, ws)).toBe(0);
    return r.stderr;
  }

  it('an output through a committed symlink: nothing deleted or written outside, kiln.yaml line named', async () => {
    const { ws, victim, env, img } = await setup();
    symlinkSync(victim, join(ws, 'link'));
    writeFileSync(
      join(ws, 'kiln.yaml'),
      `stages:\n  s:\n    image: ${img}\n    cmd: sh -c 'mkdir -p link/out && echo pwned > link/out/pwned.txt'\n    outputs: [link/out]\n`,
    );
    const err = await refused(ws, env, /kiln\.yaml:\d+:\d+: stages\.s\.outputs\[0\]: .*link is a symlink/);
    expect(err).toContain(victim);
    expect(readFileSync(join(victim, 'out', 'keep.txt'), 'utf8')).toBe('precious');
    expect(existsSync(join(victim, 'out', 'pwned.txt'))).toBe(false);
  });

  it('an output that is itself a symlink, and one through a dangling symlink', async () => {
    const { ws, victim, env, img } = await setup();
    symlinkSync(join(victim, 'out'), join(ws, 'out'));
    writeFileSync(join(ws, 'kiln.yaml'), `stages:\n  s:\n    image: ${img}\n    cmd: [sh, -c, 'echo x > out/f']\n    outputs: [out]\n`);
    await refused(ws, env, /outputs\[0\]/);
    expect(readdirSync(join(victim, 'out'))).toEqual(['keep.txt']);

    const later = join(victim, 'not-yet');
    symlinkSync(later, join(ws, 'dangling'));
    writeFileSync(join(ws, 'kiln.yaml'), `stages:\n  s:\n    image: ${img}\n    cmd: [sh, -c, 'true']\n    outputs: [dangling/out]\n`);
    expect(await refused(ws, env, /dangling is a symlink to .*not-yet, which does not exist/)).toBeTruthy();
    expect(existsSync(later)).toBe(false);
  });

  it('a workspace-path input through a symlink to host files is never read', async () => {
    const { ws, victim, env, img } = await setup();
    symlinkSync(join(victim, 'out'), join(ws, 'secrets'));
    writeFileSync(join(ws, 'kiln.yaml'), `stages:\n  s:\n    image: ${img}\n    cmd: [sh, -c, 'cat secrets/keep.txt']\n    inputs: [secrets/keep.txt]\n`);
    await refused(ws, env, /stages\.s\.inputs\[0\]/);
    // status hashes inputs too: refused there as well
    const st = await kiln(['status'], { cwd: ws, env });
    expect(st.code).not.toBe(0);
    expect(st.stderr).toMatch(/leaves the workspace/);
  });

  it('a build context or Dockerfile through a symlink sends no host file to the engine', async () => {
    const { ws, victim, env } = await setup();
    symlinkSync(victim, join(ws, 'ctx'));
    writeFileSync(join(ws, 'kiln.yaml'), 'stages:\n  b:\n    build: { dockerfile: ctx/Dockerfile, context: ctx }\n    cmd: [sh]\n');
    await refused(ws, env, /stages\.b\.build\.context/);
    writeFileSync(join(ws, 'kiln.yaml'), 'stages:\n  b:\n    build: { dockerfile: ctx/Dockerfile, context: . }\n    cmd: [sh]\n');
    await refused(ws, env, /stages\.b\.build\.dockerfile/);
    const images = await new Docker().listImages({ filters: { reference: ['kiln-build/*'] } });
    expect(images.filter((i) => i.RepoTags?.some((t) => t.includes('-b:'))).filter((i) => i.Created * 1000 > Date.now() - 120_000)).toEqual([]);
  });

  it('a symlink left by an earlier run inside an output is not followed by a later output', async () => {
    const { ws, victim, env, img } = await setup();
    // run 1: the stage leaves a link to the host folder inside its own output
    writeFileSync(join(ws, 'kiln.yaml'), `stages:\n  a:\n    image: ${img}\n    cmd: [sh, -c, 'ln -s ${victim} o/esc']\n    outputs: [o]\n`);
    const first = await kiln(['run'], { cwd: ws, env, timeoutMs: 90_000 });
    expect(first.code, first.stderr).toBe(0);
    // run 2: an output through that link
    writeFileSync(join(ws, 'kiln.yaml'), `stages:\n  a:\n    image: ${img}\n    cmd: [sh, -c, 'echo pwned > o/esc/out/pwned.txt']\n    outputs: [o/esc/out]\n`);
    await refused(ws, env, /o\/esc is a symlink/);
    expect(readdirSync(join(victim, 'out'))).toEqual(['keep.txt']);
  });

  it("a symlink into .kiln (Kiln's own database and store) is refused too", async () => {
    const { ws, env, img } = await setup();
    symlinkSync('.kiln', join(ws, 'k'));
    writeFileSync(join(ws, 'kiln.yaml'), `stages:\n  s:\n    image: ${img}\n    cmd: [sh, -c, 'true']\n    inputs: [k/kiln.db]\n`);
    await refused(ws, env, /leads into \.kiln/);
  });

  it('a kiln.yaml that is a symlink to a host file is not read', async () => {
    const { ws, victim, env } = await setup();
    rmSync(join(ws, 'kiln.yaml'), { force: true });
    symlinkSync(join(victim, 'out', 'keep.txt'), join(ws, 'kiln.yaml'));
    const r = await kiln(['run'], { cwd: ws, env });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/kiln\.yaml leaves the workspace/);
    expect(r.stderr).not.toContain('precious');
  });
});
