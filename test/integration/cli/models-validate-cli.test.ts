import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kiln } from '../../helpers/kiln-cli.js';
import { holdoutCsv, makeModel } from '../../helpers/tfjs-models.js';

// `kiln models validate|promote` start the TF.js worker in the launcher, before the CLI bundle loads
// (src/cli/launcher.ts); core claims it. These run the built CLI, where that path exists.
describe('kiln models validate (built CLI)', () => {
  const base = mkdtempSync(join(tmpdir(), 'kiln-validate-cli-'));
  const env = { KILN_HOME: join(base, 'home') };
  const ws = join(base, 'ws');
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('evaluates with the early worker, and an early failure does not wait on it', async () => {
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    mkdirSync(join(base, 'holdout'));
    holdoutCsv(join(base, 'holdout', 'holdout.csv'), 3000);
    expect((await kiln(['-C', ws, 'data', 'add', join(base, 'holdout'), '--name', 'holdout'], { env })).code).toBe(0);
    writeFileSync(join(ws, 'kiln.yaml'), 'models:\n  digits:\n    holdout: data:holdout@latest\n    label: label\n    gates: ["accuracy >= 0.9"]\n');
    const reg = await kiln(['-C', ws, 'models', 'register', await makeModel(join(base, 'model'), 'good'), '--name', 'digits', '--json'], { env });
    expect(reg.code, reg.stderr).toBe(0);

    const r = await kiln(['-C', ws, 'models', 'validate', 'digits@1', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { metrics: Record<string, number>; backend: string; holdout: { rows: number }; passed: boolean };
    expect(report.metrics).toMatchObject({ accuracy: 1, roc_auc: 1, rows: 3000 });
    expect(report.backend).toBe('wasm');
    expect(report.passed).toBe(true);

    // the worker started for it is never claimed: the process still ends at once, with the error
    const t0 = Date.now();
    const missing = await kiln(['-C', ws, 'models', 'validate', 'digits@7'], { env, timeoutMs: 20_000 });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/digits@7|version 7/);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
