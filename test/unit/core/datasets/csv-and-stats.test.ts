import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvParser } from '../../../../src/core/datasets/csv-parser.js';
import { ColumnAcc } from '../../../../src/core/datasets/column-stats.js';

function parse(pieces: string[], d = ','): string[][] {
  const rows: string[][] = [];
  const p = new CsvParser(d, (r) => void rows.push(r));
  for (const s of pieces) p.push(s);
  p.end();
  return rows;
}

describe('CsvParser', () => {
  it('reads quoted fields with delimiters, doubled quotes, newlines and CRLF', () => {
    expect(parse(['a,"b,c","say ""hi"""\r\n1,"two\nlines",3\n'])).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
    ]);
    expect(parse(['x\ty\n1\t2'], '\t')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });

  it('gives the same rows however the text is split (property)', () => {
    const field = fc.string({ maxLength: 6 }).map((s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s));
    const csv = fc
      .array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 })
      .map((rows) => rows.map((r) => r.join(',')).join('\n'));
    fc.assert(
      fc.property(csv, fc.array(fc.nat(), { maxLength: 5 }), (text, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let prev = 0;
        for (const c of at) {
          pieces.push(text.slice(prev, c));
          prev = c;
        }
        pieces.push(text.slice(prev));
        expect(parse(pieces)).toEqual(parse([text]));
      }),
    );
  });

  it('stops when told to', () => {
    const rows: string[][] = [];
    const p = new CsvParser(',', (r) => rows.push(r) < 2);
    p.push('a\nb\nc\nd\n');
    expect(rows).toEqual([['a'], ['b']]);
    expect(p.done).toBe(true);
  });
});

describe('ColumnAcc', () => {
  it('types text cells and counts nulls, min, max and mean', () => {
    const c = new ColumnAcc('n');
    for (const s of ['1', '2.5', '', 'NA', '-4']) c.addText(s);
    expect(c.result()).toMatchObject({ name: 'n', type: 'number', count: 3, nulls: 2, min: -4, max: 2.5, distinct: 3 });
    expect(c.result().mean).toBeCloseTo(-0.5 / 3);
    const i = new ColumnAcc('i');
    for (const s of ['3', '1', '3']) i.addText(s);
    expect(i.result()).toMatchObject({ type: 'integer', min: 1, max: 3, distinct: 2 });
    const d = new ColumnAcc('d');
    for (const s of ['2020-01-02', '2019-05-01']) d.addText(s);
    expect(d.result()).toMatchObject({ type: 'date', min: '2019-05-01', max: '2020-01-02', mean: null });
    const m = new ColumnAcc('m');
    for (const s of ['a', '1']) m.addText(s);
    expect(m.result().type).toBe('mixed');
  });

  it('takes typed values (JSON, Parquet) by their type', () => {
    const c = new ColumnAcc('v');
    for (const v of [1n, 2, null, undefined, true]) c.add(v);
    expect(c.result()).toMatchObject({ type: 'mixed', nulls: 2, count: 3 });
    const e = new ColumnAcc('e');
    expect(e.result()).toMatchObject({ type: 'empty', min: null, max: null, mean: null, distinct: 0 });
  });
});
