import type { CompareMetric, CompareParam } from '../../../shared/contract/index.js';

/** One dimension of the compared runs: a param or a metric's last value, per run (null where missing). */
export interface CompareAxis {
  id: string;
  kind: 'param' | 'metric';
  name: string;
  /** numeric values, or category indexes into `categories` */
  values: (number | null)[];
  /** set for a text/boolean param: the values in order, placed evenly on the axis */
  categories?: string[];
  min: number;
  max: number;
}

function bounds(values: (number | null)[]): { min: number; max: number } {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  return { min: v.length ? Math.min(...v) : 0, max: v.length ? Math.max(...v) : 1 };
}

/** Numeric params, then text params as categories, then metrics: the axes parallel coordinates draw. */
export function compareAxes(params: CompareParam[], metrics: CompareMetric[]): CompareAxis[] {
  const numeric: CompareAxis[] = [];
  const categorical: CompareAxis[] = [];
  for (const p of params) {
    const present = p.values.filter((v) => v !== null);
    if (present.length === 0) continue;
    if (present.every((v) => typeof v === 'number')) {
      const values = p.values.map((v) => (typeof v === 'number' ? v : null));
      numeric.push({ id: `params.${p.key}`, kind: 'param', name: p.key, values, ...bounds(values) });
    } else {
      const categories = [...new Set(present.map(String))].sort();
      const values = p.values.map((v) => (v === null ? null : categories.indexOf(String(v))));
      categorical.push({ id: `params.${p.key}`, kind: 'param', name: p.key, values, categories, min: 0, max: Math.max(1, categories.length - 1) });
    }
  }
  const ms = metrics.map((m): CompareAxis => {
    const values = m.summaries.map((s) => s?.last ?? null);
    return { id: `metrics.${m.metric}`, kind: 'metric', name: m.metric, values, ...bounds(values) };
  });
  return [...numeric, ...categorical, ...ms];
}

/** Where `v` falls on an axis, 0 (min) to 1 (max); the middle when every run has the same value. */
export function position(axis: Pick<CompareAxis, 'min' | 'max'>, v: number, log = false): number {
  if (log && axis.min > 0 && v > 0) {
    const lo = Math.log10(axis.min);
    const hi = Math.log10(axis.max);
    return hi === lo ? 0.5 : (Math.log10(v) - lo) / (hi - lo);
  }
  return axis.max === axis.min ? 0.5 : (v - axis.min) / (axis.max - axis.min);
}
