import type { EvalReport } from '../../../shared/contract/index.js';
import { formatDuration, formatNumber } from '../../../shared/format.js';
import { RelativeTime } from '../../components/RelativeTime';

const PRIMARY = new Set(['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'rmse', 'mae', 'r2']);

/** The evaluation behind the gates: metrics, confusion matrix, latency per batch size, where and on what it ran. */
export function EvalDetails({ report }: { report: EvalReport }) {
  const all = Object.entries(report.metrics);
  // quality metrics as tiles; the facts the gates can also read (size, rows, latency…) in one quiet line
  const metrics = all.filter(([k]) => PRIMARY.has(k));
  const facts = all.filter(([k]) => !PRIMARY.has(k));
  return (
    <div className="km-stack" data-testid="eval-details">
      <div className="km-metrics">
        {metrics.map(([k, v]) => (
          <div key={k} className="km-metric" data-metric={k}>
            <span className="km-metric-value">{formatNumber(v)}</span>
            <span className="km-metric-label">{k}</span>
          </div>
        ))}
      </div>
      {facts.length > 0 && (
        <div className="muted num">
          {facts.map(([k, v]) => (
            <span key={k} className="km-fact" data-metric={k}>
              <span className="mono">{k}</span> {formatNumber(v)}
            </span>
          ))}
        </div>
      )}
      <div className="muted">
        {report.task} on{' '}
        {report.holdout
          ? `${report.holdout.dataset}@${report.holdout.version}/${report.holdout.path} (${report.holdout.rows.toLocaleString('en-US')} rows)`
          : 'no holdout'}{' '}
        · backend <span className="mono">{report.backend}</span> · {formatDuration(report.durationMs)} · <RelativeTime t={report.evaluatedAt} />
      </div>
      {report.confusionMatrix && report.classes && <Confusion m={report.confusionMatrix} classes={report.classes} />}
      {report.latency.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th className="num">Batch size</th>
              <th className="num">p50</th>
              <th className="num">p95</th>
              <th className="num">Batches</th>
            </tr>
          </thead>
          <tbody>
            {report.latency.map((l) => (
              <tr key={l.batchSize}>
                <td className="num">{l.batchSize}</td>
                <td className="num">{formatNumber(l.p50Ms, 3)} ms</td>
                <td className="num">{formatNumber(l.p95Ms, 3)} ms</td>
                <td className="num">{l.batches}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Confusion({ m, classes }: { m: number[][]; classes: (string | number)[] }) {
  return (
    <table className="table km-confusion" aria-label="Confusion matrix">
      <thead>
        <tr>
          <th className="faint">true ↓ / predicted →</th>
          {classes.map((c) => (
            <th key={String(c)} className="num">
              {String(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {m.map((row, i) => (
          <tr key={i}>
            <th>{String(classes[i])}</th>
            {row.map((n, j) => (
              <td key={j} data-diag={i === j || undefined}>
                {n.toLocaleString('en-US')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
