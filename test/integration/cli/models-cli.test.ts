import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '../../helpers/temp-dir.js';
import { kiln } from '../../helpers/kiln-cli.js';
import { holdoutCsv, makeModel } from '../../helpers/tfjs-models.js';

describe('kiln models (the built CLI)', () => {
  const tmp = useTempDir('kiln-models-cli-');

  it('registers, shows, validates, promotes, lists history and checks out, each with --json; bad input exits 1 naming the file', async () => {
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, 'home') };
    const run = (args: string[]) => kiln(args, { cwd: ws, env, timeoutMs: 120_000 });
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    mkdirSync(join(dir, 'h'));
    holdoutCsv(join(dir, 'h', 'holdout.csv'), 300);
    expect((await run(['data', 'add', join(dir, 'h'), '--name', 'holdout'])).code).toBe(0);
    writeFileSync(join(ws, 'kiln.yaml'), 'models:\n  digits:\n    holdout: data:holdout@latest\n    label: label\n    gates:\n      - accuracy >= 0.9\n');

    const reg = await run(['models', 'register', await makeModel(join(dir, 'good'), 'good'), '--name', 'digits', '-m', 'first cut: 2 dense layers', '--json']);
    expect(reg.code, reg.stderr).toBe(0);
    const v = JSON.parse(reg.stdout) as { name: string; version: number; format: string; digest: string };
    expect(v).toMatchObject({ name: 'digits', version: 1, format: 'tfjs-layers' });
    expect(v.digest).toMatch(/^sha256:/);
    expect(JSON.parse((await run(['models', 'show', 'digits@1', '--json'])).stdout)).toMatchObject({
      name: 'digits',
      version: 1,
      digest: v.digest,
      message: 'first cut: 2 dense layers',
    });
    expect((await run(['models', 'show', 'digits@1'])).stdout).toContain('\nmessage: first cut: 2 dense layers\n');

    const val = await run(['models', 'validate', 'digits@1', '--json']);
    expect(val.code, val.stderr).toBe(0);
    const report = JSON.parse(val.stdout) as { metrics: Record<string, number>; gates: { pass: boolean }[] };
    expect(report.metrics).toMatchObject({ accuracy: 1, precision: 1, recall: 1, f1: 1, roc_auc: 1 });
    const human = await run(['models', 'validate', 'digits@1']);
    expect(human.stdout).toMatch(/accuracy\s+1\n/);
    expect(human.stdout).toMatch(/pass accuracy >= 0.9/);

    await run(['models', 'register', await makeModel(join(dir, 'bad'), 'bad'), '--name', 'digits']);
    const refused = await run(['models', 'promote', 'digits@2', '--alias', 'champion']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/accuracy >= 0.9.*accuracy = 0, needs >= 0.9/);
    const ok = await run(['models', 'promote', 'digits@1', '--alias', 'champion', '--reason', 'best', '--json']);
    expect(JSON.parse(ok.stdout)).toMatchObject({ alias: 'champion', toVersion: 1, reason: 'best' });
    const hist = JSON.parse((await run(['models', 'history', 'digits', '--alias', 'champion', '--json'])).stdout) as { events: unknown[] };
    expect(hist.events).toHaveLength(1);
    expect((await run(['models', 'ls'])).stdout).toMatch(/digits\t2 versions\tlatest @2\ttfjs-layers\tchampion=@1/);

    const co = await run(['models', 'checkout', 'digits@champion', join(dir, 'co'), '--json']);
    expect(JSON.parse(co.stdout)).toMatchObject({ files: 2 });
    expect(readdirSync(join(dir, 'co')).sort()).toEqual(['model.json', 'weights.bin']);

    mkdirSync(join(dir, 'corrupt'));
    writeFileSync(join(dir, 'corrupt', 'model.json'), '{"format":"layers-model","modelTopology":');
    const bad = await run(['models', 'register', join(dir, 'corrupt'), '--name', 'digits']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/model\.json .*not valid JSON/);
    const unknown = await run(['models', 'show', 'digits@prod']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/digits has no alias "prod" \(its aliases: champion\)/);
    expect((await run(['models', 'register', '--name', 'digits', '--from-run', '1'])).stderr).toMatch(/--from-run needs --output/);
  });

  it('compares two versions: metrics, params, signature, format and size, with --json', async () => {
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, 'home') };
    const run = (args: string[]) => kiln(args, { cwd: ws, env, timeoutMs: 120_000 });
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    // no holdout: promotion measures size and lineage only (no evaluation), which gives both sides metrics
    writeFileSync(join(ws, 'kiln.yaml'), 'models:\n  digits:\n    gates:\n      - size_mb <= 200\n');
    expect((await run(['models', 'register', await makeModel(join(dir, 'a'), 'good'), '--name', 'digits'])).code).toBe(0);
    expect((await run(['models', 'register', await makeModel(join(dir, 'b'), 'regressor', 3), '--name', 'digits'])).code).toBe(0);
    for (const v of [1, 2]) expect((await run(['models', 'promote', `digits@${v}`, '--alias', `a${v}`])).code).toBe(0);

    const res = await run(['models', 'compare', 'digits@1', 'digits@2', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const c = JSON.parse(res.stdout) as {
      a: { version: number; sizeBytes: number };
      b: { version: number; sizeBytes: number };
      metrics: { metric: string; a: number; b: number; delta: number }[];
      signatureEqual: boolean;
      signatureDiff: { io: string; name: string; a: { shape: unknown } | null; b: { shape: unknown } | null }[];
      formatEqual: boolean;
      sizeDelta: number;
    };
    expect([c.a.version, c.b.version]).toEqual([1, 2]);
    expect(c.formatEqual).toBe(true);
    expect(c.sizeDelta).toBe(c.b.sizeBytes - c.a.sizeBytes);
    expect(c.sizeDelta).not.toBe(0);
    const size = c.metrics.find((m) => m.metric === 'size_mb')!;
    expect(size.delta).toBeCloseTo(size.b - size.a, 12);
    expect(c.signatureEqual).toBe(false);
    expect(c.signatureDiff.find((d) => d.io === 'input')?.a?.shape).toEqual([null, 2]);
    expect(c.signatureDiff.find((d) => d.io === 'input')?.b?.shape).toEqual([null, 3]);
    expect(c.signatureDiff.some((d) => d.io === 'output')).toBe(true);

    const human = await run(['models', 'compare', 'digits@1', 'digits@2']);
    expect(human.stdout).toMatch(/^digits@1 → digits@2\n/);
    expect(human.stdout).toMatch(/format +tfjs-layers → tfjs-layers \(same\)/);
    expect(human.stdout).toMatch(/signature differs:\n +input \S+: float32\[null,2\] → float32\[null,3\]/);
    expect(human.stdout).toMatch(/size_mb +[\d.e-]+ → [\d.e-]+ \([+−]/);
    const same = await run(['models', 'compare', 'digits@1', 'digits@1']);
    expect(same.stdout).toContain('signature: the same');
    const missing = await run(['models', 'compare', 'digits@1', 'digits@9']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('digits@9 does not exist');
  });
});
