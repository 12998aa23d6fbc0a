import type { RunStageInfo, StageSpec, StageStaleness } from '../../../shared/contract/index.js';
import { formatBytes, formatDuration } from '../../../shared/format.js';
import { useNow } from './use-now';

/** What kiln.yaml says of the stage, as the runner will read it: cmd, params, inputs, outputs, limits. */
function specFacts(spec: StageSpec): [string, string][] {
  const facts: [string, string][] = [
    ['image', spec.image ?? (spec.build ? `build ${spec.build.dockerfile}` : '—')],
    ['cmd', spec.cmd.join(' ')],
  ];
  const params = Object.entries(spec.params);
  if (params.length) facts.push(['params', params.map(([k, v]) => `${k}=${String(v)}`).join('  ')]);
  facts.push(['inputs', spec.inputs.length ? spec.inputs.map((i) => i.raw).join(', ') : 'none']);
  facts.push(['outputs', spec.outputs.length ? spec.outputs.join(', ') : 'none']);
  const limits = [
    spec.cpus !== null ? `${spec.cpus} CPU${spec.cpus === 1 ? '' : 's'}` : null,
    spec.memoryBytes !== null ? `${formatBytes(spec.memoryBytes)} memory` : null,
    spec.gpus !== 0 ? `${spec.gpus} GPU${spec.gpus === 1 ? '' : 's'}` : null,
    spec.timeoutSeconds !== null ? `timeout ${formatDuration(spec.timeoutSeconds * 1000)}` : null,
    spec.network !== 'none' ? `network ${spec.network}` : null,
  ].filter(Boolean);
  facts.push(['resources', limits.length ? limits.join(', ') : 'no limits']);
  return facts;
}

/** Why the stage will (or will not) run next time, and how it went last time. */
export function StageDetails({
  spec,
  result,
  staleness,
}: {
  spec: StageSpec | undefined;
  result: RunStageInfo | undefined;
  staleness: StageStaleness | undefined;
}) {
  // a running stage's duration ticks
  const now = useNow(result?.status === 'running' ? 1000 : 0);
  const facts: [string, string][] = spec ? specFacts(spec) : [];
  if (result) {
    if (result.startedAt) facts.push(['duration', formatDuration((result.endedAt ?? now) - result.startedAt)]);
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
            <dd className={['image', 'cmd', 'params', 'inputs', 'outputs'].includes(k) ? 'mono' : undefined}>{v}</dd>
          </div>
        ))}
      </dl>
      {result?.error ? (
        <div className="kp-stage-error" role="alert">
          {result.error}
        </div>
      ) : null}
      {staleness ? (
        <div className="kp-stale" data-testid="staleness">
          {staleness.stale ? (
            <>
              <span className="kp-stale-head">Will run:</span>
              <ul>
                {/* once a run failed on its image, "it will be pulled" is no longer true: the error above says why */}
                {staleness.reasons
                  .filter((r) => !(r.kind === 'image' && result?.status === 'failed'))
                  .map((r, i) => (
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
