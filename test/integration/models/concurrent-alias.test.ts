import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '../../helpers/temp-dir.js';
import { kiln } from '../../helpers/kiln-cli.js';
import { makeModel } from '../../helpers/tfjs-models.js';

describe('models: concurrent alias moves from separate processes', () => {
  const tmp = useTempDir('kiln-models-conc-');

  it('serializes them: every move is in the log, each from the holder before it', async () => {
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, 'home') };
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    writeFileSync(join(ws, 'kiln.yaml'), 'models:\n  digits:\n    gates: ["size_mb <= 10"]\n');
    const N = 6;
    for (let i = 0; i < N; i++) {
      // different files each time (the same files would be the same version)
      const model = await makeModel(join(dir, `m${i}`), 'good');
      writeFileSync(join(model, 'NOTES.md'), `build ${i}\n`);
      const r = await kiln(['models', 'register', model, '--name', 'digits', '--message', `v${i + 1}`, '--json'], { cwd: ws, env, timeoutMs: 120_000 });
      expect(r.code, r.stderr).toBe(0);
    }
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        kiln(['models', 'promote', `digits@${i + 1}`, '--alias', 'champion', '--reason', `p${i + 1}`, '--json'], { cwd: ws, env, timeoutMs: 120_000 }),
      ),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse((await kiln(['models', 'history', 'digits', '--json'], { cwd: ws, env })).stdout) as {
      events: { fromVersion: number | null; toVersion: number; reason: string }[];
    };
    expect(h.events).toHaveLength(N);
    expect(h.events[0]!.fromVersion).toBeNull();
    for (let i = 1; i < N; i++) expect(h.events[i]!.fromVersion).toBe(h.events[i - 1]!.toVersion);
    expect(new Set(h.events.map((e) => e.toVersion)).size).toBe(N);
    const show = JSON.parse((await kiln(['models', 'show', 'digits@champion', '--json'], { cwd: ws, env })).stdout) as { version: number };
    expect(show.version).toBe(h.events[N - 1]!.toVersion);
    // and the log cannot be edited behind Kiln's back
    const rb = await kiln(['models', 'rollback', 'digits', '--alias', 'champion', '--json'], { cwd: ws, env });
    expect(JSON.parse(rb.stdout)).toMatchObject({ kind: 'rollback', toVersion: h.events[N - 2]!.toVersion });
  });
});
