import type { EvalReport, ModelVersion } from '../../../shared/contract/index.js';

// evaluation metrics read first, in this order; the run's own metrics follow, by name
const PREFERRED = ['accuracy', 'f1', 'precision', 'recall', 'roc_auc', 'rmse', 'mae', 'r2'];

/** A version's value for a metric: the evaluation's when it was validated, else the run's last value. */
export function metricOf(v: ModelVersion, metric: string): number | null {
  const evald = v.gateReport?.metrics[metric];
  if (evald !== undefined) return evald;
  return v.metrics[metric]?.last ?? null;
}

/** Metric columns for a versions table: what the versions in view carry, the usual ones first, at most `max`. */
export function metricColumns(versions: readonly ModelVersion[], max = 4): string[] {
  const seen = new Set<string>();
  for (const v of versions) {
    for (const k of Object.keys(v.gateReport?.metrics ?? {})) if (k !== 'size_mb' && k !== 'lineage_complete') seen.add(k);
    for (const k of Object.keys(v.metrics)) seen.add(k);
  }
  const rank = (m: string) => (PREFERRED.includes(m) ? PREFERRED.indexOf(m) : PREFERRED.length);
  return [...seen].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).slice(0, max);
}

/** Lower is better for error metrics: compare arrows and colours follow. */
export function lowerIsBetter(metric: string): boolean {
  return /(^|_)(loss|rmse|mae|mse|error|latency|size_mb)($|_)/i.test(metric);
}

/** Where the version stands on its gates: validated and passed, failed, or never evaluated. */
export function gateState(v: ModelVersion): 'passed' | 'failed' | 'none' {
  if (!v.gateReport) return 'none';
  return v.gateReport.passed ? 'passed' : 'failed';
}

/** Hover text for a gate report: the failing gates first, each with why, then the passing ones. */
export function gateTitle(r: EvalReport): string {
  const failed = r.gates.filter((g) => !g.pass);
  const passed = r.gates.filter((g) => g.pass);
  const out: string[] = [];
  if (failed.length) out.push('Failed:', ...failed.map((g) => `✗ ${g.gate} — ${g.message}`));
  if (passed.length) out.push(failed.length ? 'Passed:' : 'All gates passed:', ...passed.map((g) => `✓ ${g.gate}`));
  return out.join('\n');
}
