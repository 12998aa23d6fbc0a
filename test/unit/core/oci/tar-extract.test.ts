import { describe, it, expect } from 'vitest';
import { mkdirSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { extractTar, safeRelPath } from '../../../../src/core/oci/tar-extract.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir('push-tar-');

describe('extractTar', () => {
  it('unpacks files, folders, long names and modes from tar and tar+gzip made by GNU tar', async () => {
    const d = tmp();
    const src = join(d, 'src');
    const long = `${'deep/'.repeat(30)}weights.bin`;
    mkdirSync(join(src, long, '..'), { recursive: true });
    writeFileSync(join(src, long), Buffer.alloc(70_000, 7));
    writeFileSync(join(src, 'run.sh'), 'echo hi\n', { mode: 0o755 });
    execFileSync('tar', ['-cf', join(d, 'a.tar'), '-C', src, '.']);
    execFileSync('tar', ['-czf', join(d, 'a.tgz'), '-C', src, 'run.sh', 'deep']);
    for (const [f, gz] of [
      ['a.tar', false],
      ['a.tgz', true],
    ] as const) {
      const out = join(d, `out-${f}`);
      mkdirSync(out);
      const n = await extractTar(join(d, f), out, gz, f);
      expect(n).toBe(2);
      expect(readFileSync(join(out, long)).equals(Buffer.alloc(70_000, 7))).toBe(true);
      expect(statSync(join(out, 'run.sh')).mode & 0o777).toBe(0o755);
    }
  });

  it('refuses entries that would land outside the folder', async () => {
    const d = tmp();
    // a hand-made ustar header naming ../escape, as a hostile artifact would
    const h = Buffer.alloc(512);
    h.write('../escape', 0);
    h.write('0000644\0', 100);
    h.write('00000000001\0', 124);
    h.write('0', 156);
    h.write('ustar\0', 257);
    writeFileSync(join(d, 'bad.tar'), Buffer.concat([h, Buffer.alloc(512, 0x78).fill(0, 1), Buffer.alloc(1024)]));
    mkdirSync(join(d, 'out'));
    await expect(extractTar(join(d, 'bad.tar'), join(d, 'out'), false, 'layer 1')).rejects.toThrow(/outside the target folder/);
    expect(() => safeRelPath('/etc/passwd', 'w')).toThrow(/outside/);
    expect(safeRelPath('./a/b', 'w')).toBe('a/b');
  });
});
