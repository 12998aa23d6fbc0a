import type { ColumnStats, ColumnType } from '../../shared/contract/index.js';
import { HyperLogLog } from './hyperloglog.js';

const NULLS = new Set(['', 'NA', 'N/A', 'null', 'NULL', 'None', 'NaN', 'nan']);
const NUM = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INT = /^[+-]?\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

type Kind = Exclude<ColumnType, 'mixed' | 'empty'>;

/**
 * One column's running statistics. Text cells (CSV/TSV) are typed by their look; typed values
 * (JSON, Parquet) by their JavaScript type.
 */
export class ColumnAcc {
  private count = 0;
  private nulls = 0;
  private readonly kinds = new Set<Kind>();
  private sum = 0;
  private numMin = Infinity;
  private numMax = -Infinity;
  private strMin: string | null = null;
  private strMax: string | null = null;
  private readonly hll = new HyperLogLog();

  constructor(readonly name: string) {}

  addText(s: string): void {
    if (NULLS.has(s)) {
      this.nulls++;
      return;
    }
    if (NUM.test(s)) this.addNumber(Number(s), INT.test(s));
    else if (s === 'true' || s === 'false' || s === 'TRUE' || s === 'FALSE') this.addOther('boolean', s.toLowerCase());
    else if (DATE.test(s)) this.addOther('date', s);
    else this.addOther('string', s);
  }

  add(v: unknown): void {
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      this.nulls++;
      return;
    }
    if (typeof v === 'number') this.addNumber(v, Number.isInteger(v));
    else if (typeof v === 'bigint') this.addNumber(Number(v), true);
    else if (typeof v === 'boolean') this.addOther('boolean', String(v));
    else if (v instanceof Date) this.addOther('date', v.toISOString());
    else if (typeof v === 'string') this.addOther(DATE.test(v) ? 'date' : 'string', v);
    else
      this.addOther(
        'string',
        JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)),
      );
  }

  private addNumber(n: number, integer: boolean): void {
    this.count++;
    this.kinds.add(integer ? 'integer' : 'number');
    this.sum += n;
    if (n < this.numMin) this.numMin = n;
    if (n > this.numMax) this.numMax = n;
    this.hll.addNumber(n);
  }

  private addOther(kind: Kind, s: string): void {
    this.count++;
    this.kinds.add(kind);
    if (this.strMin === null || s < this.strMin) this.strMin = s;
    if (this.strMax === null || s > this.strMax) this.strMax = s;
    this.hll.add(s);
  }

  result(): ColumnStats {
    const k = [...this.kinds];
    const numeric = k.length > 0 && k.every((x) => x === 'integer' || x === 'number');
    const type: ColumnType = k.length === 0 ? 'empty' : numeric ? (k.includes('number') ? 'number' : 'integer') : k.length === 1 ? k[0]! : 'mixed';
    const min = numeric ? this.numMin : (this.strMin ?? (Number.isFinite(this.numMin) ? this.numMin : null));
    const max = numeric ? this.numMax : (this.strMax ?? (Number.isFinite(this.numMax) ? this.numMax : null));
    return {
      name: this.name,
      type,
      count: this.count,
      nulls: this.nulls,
      min: this.count ? min : null,
      max: this.count ? max : null,
      mean: numeric && this.count ? this.sum / this.count : null,
      distinct: Math.min(this.count, this.hll.estimate()),
    };
  }
}
