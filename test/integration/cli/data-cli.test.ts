import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kiln } from '../../helpers/kiln-cli.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tmp = useTempDir('kiln-data-cli-');

describe('kiln data (the built CLI)', () => {
  it('add, ls, log, show, diff, checkout, tag, verify, gc: plain lines and --json', async () => {
    const base = tmp();
    const ws = join(base, 'ws');
    const env = { KILN_HOME: join(base, 'home') };
    const run = (...args: string[]) => kiln(args, { cwd: ws, env });
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    const src = join(base, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 't.csv'), 'a,b\n1,2\n');
    writeFileSync(join(src, 'sub', 'n.txt'), 'note');

    const add = await run('data', 'add', src, '--name', 'd', '-m', 'first');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/^d@1 [0-9a-f]{12}: 2 files/);
    writeFileSync(join(src, 't.csv'), 'a,b\n1,2\n3,4\n');
    const add2 = JSON.parse((await run('data', 'add', src, '--name', 'd', '-m', 'second', '--json')).stdout);
    expect(add2.version).toMatchObject({ dataset: 'd', version: 2, parent: 1, message: 'second' });

    expect(JSON.parse((await run('data', 'ls', '--json')).stdout)).toMatchObject([{ name: 'd', versions: 2, latest: 2, files: 2 }]);
    expect((await run('data', 'log', 'd')).stdout.split('\n')[0]).toMatch(/^@2\t[0-9a-f]{12}\t.*second$/);
    const show = await run('data', 'show', 'd@1');
    expect(show.stdout).toContain('t.csv  8 B');
    expect(show.stdout).toContain('  n.txt  4 B');
    const diff = await run('data', 'diff', 'd@1', 'd@2');
    expect(diff.stdout).toContain('M t.csv  rows +1 -0');
    expect(JSON.parse((await run('data', 'diff', 'd@1', '2', '--json')).stdout).summary).toMatchObject({ modified: 1, unchanged: 1 });

    const co = await run('data', 'checkout', 'd@1', join(base, 'out'));
    expect(co.code).toBe(0);
    expect(readFileSync(join(base, 'out', 't.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect((await run('data', 'checkout', 'd@1', join(base, 'out'))).stderr).toMatch(/kiln: .*not empty/);

    expect(JSON.parse((await run('data', 'tag', 'd@1', 'gold', '--json')).stdout).tags).toEqual(['gold']);
    expect(JSON.parse((await run('data', 'preview', 'd@gold', 't.csv', '--json')).stdout)).toMatchObject({
      kind: 'table',
      columns: ['a', 'b'],
      rows: [['1', '2']],
    });
    expect((await run('data', 'stats', 'd@2', 't.csv')).stdout).toMatch(/a\tinteger\tnulls 0\tmin 1\tmax 3/);

    const verify = await run('data', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^ok: \d+ chunks/);
    expect(JSON.parse((await run('data', 'gc', '--json')).stdout)).toMatchObject({ chunksRemoved: 0 });

    const missing = await run('data', 'log', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no dataset named "nope"/);
    expect((await run('data', 'show', 'd@7')).stderr).toMatch(/d@7 does not exist/);
  });
});
