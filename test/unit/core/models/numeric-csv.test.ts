import { describe, it, expect } from 'vitest';
import { parseNumericCsv } from '../../../../src/core/models/eval/numeric-csv.js';

/** What the general path computes: split lines and cells, Number() each. */
function reference(text: string, label: string) {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const columns = lines[0]!.split(',');
  const li = columns.indexOf(label);
  const rows = lines
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.split(',').map(Number));
  return {
    columns,
    inputs: Float32Array.from(rows.flatMap((r) => r.filter((_, i) => i !== li))),
    labels: Float64Array.from(rows.map((r) => r[li]!)),
  };
}

describe('parseNumericCsv', () => {
  it('reads plain numbers exactly as Number() does, label column left out of the inputs', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const cells = () =>
      [
        (rnd() * 2000 - 1000).toFixed(Math.floor(rnd() * 9)),
        String(rnd()),
        (rnd() * 1e-7).toExponential(4),
        '12345678901234567890.5',
        '-0',
        '+7',
        '.25',
        '3.',
        '1E3',
      ][Math.floor(rnd() * 9)]!;
    const body = Array.from({ length: 300 }, () => `${cells()},${cells()},${Math.round(rnd() * 3)}`);
    for (const text of [
      `a,b,label\n${body.join('\n')}\n`,
      `\uFEFFa,b,label\r\n${body.join('\r\n')}`,
      `a,b,label\n\n${body.slice(0, 10).join('\n')}\n\n${body.slice(10).join('\n')}\r\n`,
    ]) {
      const t = parseNumericCsv(Buffer.from(text), ',', 'label');
      const r = reference(text, 'label');
      expect(t).not.toBeNull();
      expect(t!.columns).toEqual(r.columns);
      expect(t!.rows).toBe(300);
      expect(Array.from(t!.labels)).toEqual(Array.from(r.labels));
      expect(Array.from(t!.inputs)).toEqual(Array.from(r.inputs));
    }
  });

  it('takes the label from any position and reads tab-separated files', () => {
    const t = parseNumericCsv(Buffer.from('y\tx0\tx1\n1\t0.5\t-2\n0\t1.5\t3e2\n'), '\t', 'y');
    expect(t!.columns).toEqual(['y', 'x0', 'x1']);
    expect(Array.from(t!.labels)).toEqual([1, 0]);
    expect(Array.from(t!.inputs)).toEqual([0.5, -2, 1.5, 300]);
  });

  it('leaves anything unusual to the general parser (which names the problem)', () => {
    for (const text of [
      'a,label\n"1",0\n', // quoted
      'a,label\n1,0\nx,1\n', // not a number
      'a,label\n1,0\n ,1\n', // blank cell
      'a,label\n1, 0\n', // padded
      'a,label\n1,0,3\n', // too many cells
      'a,b,label\n1,0\n', // too few
      'a,label\n0x10,1\n', // hex: Number() takes it, the general path decides
      'a,label\nNaN,1\n',
      'a,label\n1e999,1\n', // overflows to Infinity
    ])
      expect(parseNumericCsv(Buffer.from(text), ',', 'label'), text).toBeNull();
    expect(parseNumericCsv(Buffer.from('a,b\n1,2\n'), ',', 'label')).toBeNull();
  });
});
