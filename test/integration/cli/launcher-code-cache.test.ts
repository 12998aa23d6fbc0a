import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kiln } from '../../helpers/kiln-cli.js';

// The launcher (src/cli/launcher.ts) runs the CLI bundle through a V8 code cache, one per command.
describe('kiln launcher code cache', () => {
  const home = mkdtempSync(join(tmpdir(), 'kiln-launcher-'));
  const cacheDir = join(home, 'code-cache');
  const env = { KILN_HOME: home };
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('writes one cache per command, reuses it, and replaces a damaged one', async () => {
    const first = await kiln(['--version'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const [file] = readdirSync(cacheDir);
    expect(file).toMatch(/-help\.bin$/);
    const written = statSync(join(cacheDir, file!));
    expect(written.size).toBeGreaterThan(10_000);

    // an accepted cache is not written again
    expect((await kiln(['--version'], { env })).stdout).toBe(first.stdout);
    expect(statSync(join(cacheDir, file!)).mtimeMs).toBe(written.mtimeMs);

    // another command gets its own file
    expect((await kiln(['doctor', '--help'], { env })).code).toBe(0);
    expect(readdirSync(cacheDir).sort()).toEqual([file, file!.replace(/-help\.bin$/, '-doctor.bin')].sort());

    // V8 rejects garbage; the command still works and the cache is rebuilt
    writeFileSync(join(cacheDir, file!), 'not a code cache');
    expect((await kiln(['--version'], { env })).stdout).toBe(first.stdout);
    expect(readFileSync(join(cacheDir, file!)).length).toBeGreaterThan(10_000);
  });

  it('a cache folder that cannot be written costs nothing but speed', async () => {
    const ro = mkdtempSync(join(tmpdir(), 'kiln-launcher-ro-'));
    chmodSync(ro, 0o500);
    try {
      const r = await kiln(['--version'], { env: { KILN_HOME: join(ro, 'home') } });
      // root ignores permission bits: then the folder is simply written
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
    } finally {
      chmodSync(ro, 0o700);
      rmSync(ro, { recursive: true, force: true });
    }
  });
});
