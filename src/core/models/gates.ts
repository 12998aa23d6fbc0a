import type { GateResult, ModelVersion } from '../../shared/contract/index.js';
import { BOOLEAN_METRICS, CLASSIFIER_METRICS, REGRESSOR_METRICS, compare, evalExpr, refs } from './gate-parser.js';
import type { DeclaredModel } from './model-config.js';

/** What gates read of a version: evaluation metrics plus registry facts (size, lineage). */
export function gateMetrics(v: ModelVersion, evalMetrics: Record<string, number> | null): Record<string, number> {
  return { ...(evalMetrics ?? {}), size_mb: v.sizeBytes / (1024 * 1024), lineage_complete: v.lineage.complete ? 1 : 0 };
}

/** The holder of an alias, as gates see it: null when the alias names no version yet. */
export type AliasLookup = (alias: string) => { version: number; metrics: Record<string, number> } | null;

/**
 * Evaluates each declared gate. A gate naming an alias with no holder yet passes (nothing to
 * regress against) and says so; a metric the candidate or the holder lacks fails the gate, naming it.
 */
export function runGates(cfg: DeclaredModel | undefined, candidate: Record<string, number>, aliasOf: AliasLookup): GateResult[] {
  if (!cfg) return [];
  return cfg.parsed.map(({ spec, gate }) => {
    const base = { gate: spec.text, metric: gate.metric, op: gate.op, line: spec.line, column: spec.column };
    const unheld = refs(gate.right)
      .concat(refs(gate.left))
      .map((r) => r.alias)
      .filter((a): a is string => a !== null && aliasOf(a) === null);
    if (unheld.length)
      return {
        ...base,
        measured: candidate[gate.metric] ?? null,
        threshold: null,
        pass: true,
        message: `no version holds ${unheld[0]} yet: nothing to compare against, passes`,
      };
    const missing: string[] = [];
    const lookup = (alias: string | null, metric: string): number | null => {
      const src = alias === null ? candidate : aliasOf(alias)!.metrics;
      const v = src[metric];
      return v === undefined || Number.isNaN(v) ? null : v;
    };
    const l = evalExpr(gate.left, lookup, missing);
    const r = evalExpr(gate.right, lookup, missing);
    const bool = BOOLEAN_METRICS.has(gate.metric);
    const show = (x: number | null) => (x === null ? null : bool ? x !== 0 : x);
    if (l === null || r === null) {
      const why = missing.map((m) => {
        const metric = m.split('.').pop()!;
        const alias = m.includes('.') ? m.split('.')[0]! : null;
        const who = alias ? `${alias} (v${aliasOf(alias)!.version})` : 'this version';
        if (!(metric in (alias ? aliasOf(alias)!.metrics : candidate))) {
          if (
            (CLASSIFIER_METRICS as readonly string[]).includes(metric) ||
            (REGRESSOR_METRICS as readonly string[]).includes(metric) ||
            metric.startsWith('latency')
          ) {
            return `${who} has no ${metric}: ${alias ? `validate ${cfg.name}@${aliasOf(alias)!.version}` : 'it was not evaluated as a model of that kind (check holdout, label and task in kiln.yaml)'}`;
          }
        }
        return `${who} has no ${metric}`;
      });
      return { ...base, measured: show(l), threshold: show(r), pass: false, message: why.join('; ') };
    }
    const pass = compare(l, gate.op, r);
    return {
      ...base,
      measured: show(l),
      threshold: show(r),
      pass,
      message: pass ? 'passes' : `${gate.metric} = ${fmt(show(l))}, needs ${gate.op} ${fmt(show(r))}`,
    };
  });
}

function fmt(x: number | boolean | null): string {
  if (typeof x === 'number') return Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+$/, '');
  return String(x);
}
