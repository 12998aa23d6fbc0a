import { describe, expect, it } from 'vitest';
import { newMetricLineState, parseMetricLines } from '../../../../src/core/metrics/metric-lines.js';

describe('parseMetricLines', () => {
  it('parses protocol lines, keeping step, value and ts (seconds become ms)', () => {
    const r = parseMetricLines('{"metric":"loss","step":3,"value":0.12,"ts":1700000000.5}\n{"metric":"acc","step":4,"value":1,"ts":1700000000123}\r\n', 1);
    expect(r.malformed).toBe(0);
    expect(r.points).toEqual([
      { metric: 'loss', step: 3, value: 0.12, ts: 1700000000500 },
      { metric: 'acc', step: 4, value: 1, ts: 1700000000123 },
    ]);
  });

  it('reads the common shapes (compact, json.dumps spacing, other key orders, exponents) the same way', () => {
    const lines = [
      '{"metric":"loss","step":1,"value":-1.5e-3,"ts":1700000000}',
      '{"metric": "loss", "step": 2, "value": 2E2, "ts": 1700000001}',
      '{"value":3,"ts":1700000002,"step":3,"metric":"loss"}',
      '{"metric":"lo\\"ss","step":4,"value":4,"ts":1700000003}',
    ];
    const r = parseMetricLines(lines.join('\n'), 1);
    expect(r.malformed).toBe(0);
    expect(r.points).toEqual([
      { metric: 'loss', step: 1, value: -0.0015, ts: 1700000000000 },
      { metric: 'loss', step: 2, value: 200, ts: 1700000001000 },
      { metric: 'loss', step: 3, value: 3, ts: 1700000002000 },
      { metric: 'lo"ss', step: 4, value: 4, ts: 1700000003000 },
    ]);
  });

  it('takes NaN and infinities written as strings or null, and stamps points without ts with now', () => {
    const before = Date.now();
    const r = parseMetricLines(['"NaN"', '"Infinity"', '"-Infinity"', 'null'].map((v, i) => `{"metric":"m","step":${i},"value":${v}}`).join('\n'), 1);
    expect(r.points.map((p) => p.value)).toEqual([NaN, Infinity, -Infinity, NaN]);
    expect(r.points.every((p) => p.ts >= before && p.ts <= Date.now())).toBe(true);
  });

  it('counts bad lines with their line numbers and reasons, and keeps the good ones', () => {
    const text = [
      '{"metric":"loss","step":1,"value":0.5}',
      'not json',
      '',
      '{"metric":"loss","value":1}',
      '[1,2]',
      '{"metric":"","step":1,"value":1}',
      '{"metric":"loss","step":2,"value":0.4}',
    ].join('\n');
    const r = parseMetricLines(text, 10);
    expect(r.points.map((p) => p.step)).toEqual([1, 2]);
    expect(r.malformed).toBe(4);
    expect(r.errors.map((e) => e.line)).toEqual([11, 13, 14, 15]);
    expect(r.errors[0]!.reason).toMatch(/not valid JSON/);
    expect(r.errors[1]!.reason).toMatch(/"step" must be a finite number/);
  });

  it('reports a metric used with numbers and strings, across chunks of one file', () => {
    const state = newMetricLineState();
    parseMetricLines('{"metric":"phase","step":1,"value":2}', 1, state);
    const r = parseMetricLines('{"metric":"phase","step":2,"value":"warmup"}', 2, state);
    expect(r.points).toHaveLength(0);
    expect(r.errors[0]).toEqual({ line: 2, reason: expect.stringMatching(/mixes numbers and strings.*line 1/) });
    const lone = parseMetricLines('{"metric":"note","step":1,"value":"hello"}', 1);
    expect(lone.errors[0]!.reason).toMatch(/is a string; metric values must be numbers/);
  });
});
