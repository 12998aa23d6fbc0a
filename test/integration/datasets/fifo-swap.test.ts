import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { Workspace } from '../../../src/core/workspace/workspace.js';
import { DatasetService } from '../../../src/core/datasets/dataset-service.js';
import { KILN_DIR } from '../../../src/core/workspace/workspace.js';

// Hardening item 6: a file swapped for a FIFO after `data add` listed it must not hang the add.
// Real files, a real FIFO (mkfifo), real SQLite, the real worker threads. The swap happens in the
// add's first progress report, which comes after the listing and before any file is opened.
describe('data add and a file swapped for a FIFO after listing', () => {
  const tmp = useTempDir('kiln-fifo-');
  const fifos: string[] = [];
  afterEach(() => {
    // without the fix a worker is stuck opening the FIFO: a writer lets it go so the process can end
    for (const f of fifos.splice(0)) {
      try {
        closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        /* no reader waiting */
      }
    }
  });

  it('ends with FILE_CHANGED naming the file, creates no version, and a later add works', async () => {
    const dir = tmp();
    const root = join(dir, 'ws');
    mkdirSync(join(root, KILN_DIR), { recursive: true });
    const ws = Workspace.open(root, 'better-sqlite3');
    try {
      const src = join(dir, 'src');
      mkdirSync(src);
      writeFileSync(join(src, 'a.csv'), 'x,y\n1,2\n');
      writeFileSync(join(src, 'b.bin'), Buffer.alloc(100_000, 1));
      const victim = join(src, 'b.bin');
      fifos.push(victim);
      const svc = new DatasetService(ws);
      let swapped = false;
      const add = svc.add('d', [src], {
        message: '',
        onProgress: () => {
          if (swapped) return;
          swapped = true;
          rmSync(victim);
          execFileSync('mkfifo', [victim]);
        },
      });
      const outcome = await Promise.race([
        add.then(
          () => 'added',
          (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
        ),
        new Promise<string>((r) => setTimeout(() => r('hung'), 15_000)),
      ]);
      expect(swapped).toBe(true);
      expect(outcome).toMatch(/^FILE_CHANGED: .*b\.bin/);
      expect(svc.repo.latest('d')).toBeNull();
      // the FIFO gone again, the same folder adds
      rmSync(victim);
      writeFileSync(victim, 'back');
      const ok = await svc.add('d', [src], { message: 'after' });
      expect(ok.version.version).toBe(1);
      expect(ok.version.files).toBe(2);
    } finally {
      ws.close();
    }
  }, 60_000);
});
