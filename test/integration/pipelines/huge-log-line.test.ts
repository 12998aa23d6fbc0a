import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { kiln } from '../../helpers/kiln-cli.js';

// Hardening item 5: a stage printing a huge line without a newline must neither stall nor fail
// the run; the pending line is cut at 1 MiB with a marker (needs the real Docker engine: no skip).
describe('a huge log line', () => {
  const tmp = useTempDir('kiln-hugeline-');

  it('a 40 MB line without a newline: the run succeeds, the log holds it cut into marked 1 MiB pieces', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, '.home') };
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    writeFileSync(
      join(ws, 'kiln.yaml'),
      `stages:\n  big:\n    image: ${img}\n    cmd: sh -c 'head -c 40000000 /dev/zero | tr "\\0" a; echo; echo done-marker; head -c 3000000 /dev/zero | tr "\\0" b >&2'\n`,
    );
    const run = await kiln(['run', '--no-logs'], { cwd: ws, env, timeoutMs: 100_000 });
    expect(run.code, run.stderr.slice(-500)).toBe(0);
    const runs = readdirSync(join(ws, '.kiln', 'runs'));
    const log = readFileSync(join(ws, '.kiln', 'runs', runs[0]!, 'big.log'), 'utf8').split('\n');
    const as = log.filter((l) => l.startsWith('a'));
    // 40,000,000 chars = 38 full pieces of 1 MiB (marked) and the rest
    expect(as.length).toBe(39);
    expect(
      as
        .slice(0, 38)
        .every((l) => l.length === (1 << 20) + ' [kiln: line over 1 MiB, continued on the next line]'.length && l.endsWith('continued on the next line]')),
    ).toBe(true);
    expect(as.reduce((n, l) => n + l.replace(/ \[kiln: line over.*\]$/, '').length, 0)).toBe(40_000_000);
    expect(log).toContain('done-marker');
    // the unterminated stderr line is kept at the end, cut as well
    expect(log.filter((l) => l.startsWith('b')).reduce((n, l) => n + l.replace(/ \[kiln: line over.*\]$/, '').length, 0)).toBe(3_000_000);
    const logs = await kiln(['logs', 'latest', 'big'], { cwd: ws, env, timeoutMs: 60_000 });
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain('done-marker');
  });
});
