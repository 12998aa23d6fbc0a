import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../src/core/runs/filter-parser.js';
import { type KilnError } from '../../../../src/shared/contract/index.js';

function errorOf(src: string): KilnError {
  try {
    parseFilter(src);
  } catch (e) {
    return e as KilnError;
  }
  throw new Error(`"${src}" parsed`);
}

describe('parseFilter', () => {
  it('parses comparisons with and/or precedence, not, parentheses and value kinds', () => {
    expect(parseFilter('accuracy > 0.9 and lr = 0.001 or status = "failed"')).toMatchObject({
      kind: 'or',
      left: { kind: 'and', left: { column: 'accuracy', op: '>', value: 0.9 }, right: { column: 'lr', op: '=', value: 0.001 } },
      right: { column: 'status', op: '=', value: 'failed', quoted: true },
    });
    expect(parseFilter('not (tag = best || lr <= -1e-3) && x != true')).toMatchObject({
      kind: 'and',
      left: { kind: 'not', expr: { kind: 'or', left: { column: 'tag', value: 'best', quoted: false }, right: { op: '<=', value: -0.001 } } },
      right: { op: '!=', value: true },
    });
    expect(parseFilter("`weird name` == 'it''s'".replace("''", "\\'"))).toMatchObject({ column: 'weird name', op: '=', value: "it's" });
    expect(parseFilter('train.lr <> 3')).toMatchObject({ column: 'train.lr', op: '!=', value: 3 });
    expect(parseFilter('   ')).toBeNull();
  });

  it.each([
    ['accuracy >', 10, /expected a value/],
    ['accuracy 0.9', 9, /expected a comparison/],
    ['(lr = 1 and x = 2', 17, /expected "\)" to close the "\(" at column 1/],
    ['lr = 1)', 6, /no matching "\("/],
    ['lr = 1 x = 2', 7, /expected "and", "or"/],
    ['status = "failed', 9, /not closed/],
    ['lr = 1 and and', 11, /expected a column name/],
    ['lr # 1', 3, /unexpected character "#"/],
  ])('points at the column of the error in %j', (src, offset, why) => {
    const e = errorOf(src);
    expect(e.code).toBe('FILTER_INVALID');
    expect(e.message).toMatch(why);
    expect(e.message).toContain(`column ${offset + 1}`);
    const d = e.details as { offset: number; column: number; caret: string; lines: string[] };
    expect(d.offset).toBe(offset);
    expect(d.caret).toBe(`${' '.repeat(offset)}^`);
    expect(d.lines).toEqual([src, d.caret]);
  });
});
