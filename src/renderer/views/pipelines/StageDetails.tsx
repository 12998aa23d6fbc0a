import type { RunStageInfo, StageSpec, StageStaleness } from '../../../shared/contract/index.js';
import { formatDuration } from '../../../shared/format.js';

/** Why the stage will (or will not) run next time, and how it went last time. */
export function StageDetails({ spec, result, staleness }: { spec: StageSpec | undefined; result: RunStageInfo | undefined; staleness: StageStaleness | undefined }) {
  const facts: [string, string][] = [];
  if (spec) facts.push(['image', spec.image ?? (spec.build ? `build ${spec.build.dockerfile}` : '—')]);
  if (result) {
    if (result.startedAt) facts.push(['duration', formatDuration((result.endedAt ?? Date.now()) - result.startedAt)]);
    facts.push(['cache', result.cached ? 'hit: outputs restored' : 'miss']);
    if (result.exitCode !== null) facts.push(['exit code', String(result.exitCode)]);
    if (result.oomKilled) facts.push(['memory', 'killed: out of memory']);
    if (result.gpus.length) facts.push(['GPUs', result.gpus.join(', ')]);
    if (result.malformedMetricLines) facts.push(['metrics', `${result.metricPoints} points, ${result.malformedMetricLines} malformed lines`]);
  }
  return (
    <div className="kp-stage-details">
      <dl className="kv kp-facts">
        {facts.map(([k, v]) => (
          <div key={k} className="kp-fact">
            <dt>{k}</dt>
            <dd className={k === 'image' ? 'mono' : undefined}>{v}</dd>
          </div>
        ))}
      </dl>
      {result?.error ? <div className="kp-stage-error" role="alert">{result.error}</div> : null}
      {staleness ? (
        <div className="kp-stale" data-testid="staleness">
          {staleness.stale ? (
            <>
              <span className="kp-stale-head">Will run:</span>
              <ul>
                {staleness.reasons.map((r, i) => (
                  <li key={i}>{r.message}</li>
                ))}
              </ul>
            </>
          ) : (
            <span className="muted">Up to date: the next run restores it from the cache.</span>
          )}
        </div>
      ) : null}
    </div>
  );
}
