import { describe, expect, it } from 'vitest';
import { GateSyntaxError, compare, evalExpr, parseGate } from '../../../../src/core/models/gate-parser.js';
import { parseSpec } from '../../../../src/core/pipelines/spec/parse-spec.js';

const offsetOf = (text: string): number => {
  try {
    parseGate(text);
  } catch (e) {
    if (e instanceof GateSyntaxError) return e.offset;
    throw e;
  }
  throw new Error(`${text} parsed`);
};

describe('gate expressions', () => {
  it('parses thresholds, no-regression against an alias, arithmetic and bare checks', () => {
    const g = parseGate('accuracy >= champion.accuracy - 0.01');
    expect(g.metric).toBe('accuracy');
    expect(g.op).toBe('>=');
    const m: Record<string, number> = { accuracy: 0.95 };
    const champ: Record<string, number> = { accuracy: 0.955 };
    const look = (a: string | null, k: string) => (a === null ? m : champ)[k] ?? null;
    expect(compare(evalExpr(g.left, look, [])!, g.op, evalExpr(g.right, look, [])!)).toBe(true);
    champ.accuracy = 0.97;
    expect(compare(evalExpr(g.left, look, [])!, g.op, evalExpr(g.right, look, [])!)).toBe(false);
    expect(evalExpr(parseGate('size_mb <= (100 + 28) * 2 / 4').right, look, [])).toBe(64);
    const bare = parseGate('lineage_complete');
    expect([bare.metric, bare.op]).toEqual(['lineage_complete', '==']);
    expect(compare(0.9 + 0.1, '==', 1)).toBe(true);
  });

  it('names the offset of each mistake', () => {
    expect(offsetOf('acuracy >= 0.9')).toBe(0);
    expect(() => parseGate('acuracy >= 0.9')).toThrow(/unknown metric "acuracy" — did you mean "accuracy"/);
    expect(offsetOf('accuracy >= champion.acc')).toBe(21);
    expect(offsetOf('accuracy = 0.9')).toBe(9);
    expect(offsetOf('accuracy >= 0.9 0.1')).toBe(16);
    expect(offsetOf('accuracy >=')).toBe(11);
    expect(offsetOf('accuracy >= (0.9')).toBe(16);
    expect(offsetOf('accuracy >= 0.9 $')).toBe(16);
  });

  it('accepts a kiln.yaml holding only models:, and places gate errors on their line and column', () => {
    const ok = parseSpec('models:\n  digits:\n    holdout: data:h@latest\n    label: label\n    gates: [accuracy >= 0.9]\n', 'kiln.yaml');
    expect(ok.ok).toBe(true);
    const bad = parseSpec('models:\n  digits:\n    label: label\n    gates:\n      - "accuracy >= champion.acuracy"\n', 'kiln.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ file: 'kiln.yaml', line: 5, column: 31, field: 'models.digits.gates[0]' });
    const key = parseSpec('models:\n  digits:\n    holdot: data:h@1\n', 'kiln.yaml');
    expect(!key.ok && key.issues[0]!.message).toMatch(/unknown key `holdot` — did you mean `holdout`/);
    expect(parseSpec('version: 1\n', 'kiln.yaml').ok).toBe(false);
  });
});
