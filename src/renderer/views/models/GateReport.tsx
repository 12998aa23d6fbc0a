import type { GateResult } from '../../../shared/contract/index.js';
import { StatusDot } from '../../components/StatusDot';
import { formatNumber } from '../../../shared/format.js';

function value(v: number | boolean | null): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return formatNumber(v);
}

/** One row per gate: what it reads, the measured value, the threshold it needed, and pass or fail with why. */
export function GateReport({ gates }: { gates: readonly GateResult[] }) {
  if (!gates.length) return <div className="muted">kiln.yaml declares no gates for this model: every promotion passes.</div>;
  return (
    <table className="table" data-testid="gate-report">
      <thead>
        <tr>
          <th>Gate</th>
          <th className="num">Measured</th>
          <th className="num">Threshold</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {gates.map((g, i) => (
          <GateRow key={i} g={g} />
        ))}
      </tbody>
    </table>
  );
}

function GateRow({ g }: { g: GateResult }) {
  return (
    <tr className={g.pass ? undefined : 'km-gate-fail'} data-testid="gate-row" data-pass={g.pass}>
      <td>
        <div className="mono" title={`kiln.yaml line ${g.line}, column ${g.column}`}>
          {g.gate}
        </div>
        {!g.pass && g.message && <div className="km-gate-msg">{g.message}</div>}
      </td>
      <td className="num">{value(g.measured)}</td>
      <td className="num">
        <span className="faint">{g.op} </span>
        {value(g.threshold)}
      </td>
      <td>
        <StatusDot tone={g.pass ? 'ok' : 'bad'} label={g.pass ? 'pass' : 'fail'} />
      </td>
    </tr>
  );
}
