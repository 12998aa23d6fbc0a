import type { EvalReport, ModelVersion } from '../../../shared/contract/index.js';
import { StatusDot } from '../../components/StatusDot';
import { gateState, gateTitle } from './version-metrics';

/** Gates of a version as dot + word: passed, failed (how many), or not evaluated yet; the gates on hover. */
export function GateStatus({ v, report }: { v: ModelVersion; report?: EvalReport | null }) {
  const r = report === undefined ? v.gateReport : report;
  const s = gateState({ ...v, gateReport: r });
  if (s === 'none' || !r) return <StatusDot tone="idle" label="not evaluated" />;
  const failed = r.gates.filter((g) => !g.pass).length;
  // an evaluation without gate results says nothing about passing: neutral, not green
  if (!r.gates.length) return <StatusDot tone="idle" label="evaluated" title="evaluated on the holdout; the model declares no gates in kiln.yaml" />;
  if (s === 'passed') return <StatusDot tone="ok" label="gates passed" title={gateTitle(r)} />;
  return <StatusDot tone="bad" label={`${failed} gate${failed === 1 ? '' : 's'} failed`} title={gateTitle(r)} />;
}
