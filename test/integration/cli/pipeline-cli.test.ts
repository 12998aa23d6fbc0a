import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerAvailable } from '../../helpers/docker.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { kiln } from '../../helpers/kiln-cli.js';

const hasDocker = await dockerAvailable();

describe.skipIf(!hasDocker)('kiln run / status / logs (built CLI)', () => {
  const tmp = useTempDir('kiln-pcli-');

  it('runs with plain live lines, explains staleness, prints logs and fails with the stage exit code', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, '.home') };
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    writeFileSync(
      join(ws, 'kiln.yaml'),
      `stages:\n  hello:\n    image: ${img}\n    cmd: [sh, -c, 'echo hello from the stage; mkdir -p o; echo x > o/f']\n    params: {greeting: hi}\n    outputs: [o]\n`,
    );
    const dry = await kiln(['run', '--dry-run'], { cwd: ws, env });
    expect(dry.stdout).toMatch(/hello\s+would run\s+would run: never ran successfully/);
    const run = await kiln(['run'], { cwd: ws, env });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/hello\s+\| hello from the stage/);
    expect(run.stdout).toMatch(/run #1 .*: done/);
    const logs = await kiln(['logs', 'latest', 'hello'], { cwd: ws, env });
    expect(logs.stdout).toContain('hello from the stage');
    expect((await kiln(['status'], { cwd: ws, env })).stdout).toContain('everything is up to date');
    writeFileSync(
      join(ws, 'kiln.yaml'),
      `stages:\n  hello:\n    image: ${img}\n    cmd: [sh, -c, 'echo bye; exit 7']\n    params: {greeting: hey}\n    outputs: [o]\n`,
    );
    const st = await kiln(['status', '--json'], { cwd: ws, env });
    const reasons = (JSON.parse(st.stdout) as { reasons: { kind: string }[] }[])[0]!.reasons.map((r) => r.kind);
    expect(reasons).toEqual(expect.arrayContaining(['cmd', 'param']));
    const bad = await kiln(['run'], { cwd: ws, env });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/hello\s+failed\s+.*exit code 7/);
    expect(bad.stderr).toMatch(/stage hello failed: exited with code 7/);
    writeFileSync(join(ws, 'kiln.yaml'), 'stages:\n  hello:\n    image: x\n    cmd: [a]\n    gpu: 1\n');
    const invalid = await kiln(['run'], { cwd: ws, env });
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr).toMatch(/kiln\.yaml:5:5: stages\.hello\.gpu: unknown key `gpu` — did you mean `gpus`\?/);
  });
});
