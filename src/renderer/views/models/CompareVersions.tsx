import type { ReactNode } from 'react';
import { ArrowLeft } from 'lucide-react';
import type { ModelVersion } from '../../../shared/contract/index.js';
import { useModelView } from '../../stores/models';
import { useNavigation } from '../../stores/navigation';
import { Button } from '../../components/Button';
import { Digest } from '../../components/Digest';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RelativeTime } from '../../components/RelativeTime';
import { Spinner } from '../../components/Spinner';
import { StatusDot } from '../../components/StatusDot';
import { formatBytes, formatNumber } from '../../../shared/format.js';
import { AliasPills } from './AliasPills';
import { GateStatus } from './GateStatus';
import { lowerIsBetter } from './version-metrics';

function delta(metric: string, d: number | null) {
  if (d === null || d === 0) return <span className="faint">{d === 0 ? '0' : '—'}</span>;
  const better = lowerIsBetter(metric) ? d < 0 : d > 0;
  return (
    <span className={better ? 'km-better' : 'km-worse'} title={better ? 'better' : 'worse'}>
      {d > 0 ? '+' : '−'}
      {formatNumber(Math.abs(d))}
    </span>
  );
}

/** Two versions side by side: identity, gates, every metric with its change (b − a, coloured by better or worse), params that differ. */
export function CompareVersions({ model, a, b }: { model: string; a: string; b: string }) {
  const navigate = useNavigation((s) => s.navigate);
  const cmp = useModelView('models:compare', { a: `${model}@${a}`, b: `${model}@${b}` });
  const c = cmp.data;
  return (
    <div className="km-page" data-testid="model-compare">
      <header className="km-head">
        <Button
          variant="ghost"
          size="small"
          icon={<ArrowLeft size={14} />}
          onClick={() => navigate('models', { model })}
          aria-label={`All versions of ${model}`}
        />
        <h1>
          {model}{' '}
          <span className="muted">
            v{a} vs v{b}
          </span>
        </h1>
        {cmp.loading && <Spinner />}
      </header>
      {cmp.error != null && <ErrorBanner error={cmp.error} title="Could not compare these versions" />}
      {c && (
        <>
          <section className="card km-section" aria-label="Versions">
            <div className="card-body">
              <table className="table">
                <thead>
                  <tr>
                    <th />
                    <VersionHead v={c.a} onOpen={() => navigate('models', { model, version: String(c.a.version) })} />
                    <VersionHead v={c.b} onOpen={() => navigate('models', { model, version: String(c.b.version) })} />
                  </tr>
                </thead>
                <tbody>
                  <Row label="Aliases" a={<AliasPills aliases={c.a.aliases} />} b={<AliasPills aliases={c.b.aliases} />} />
                  <Row label="Gates" a={<GateStatus v={c.a} />} b={<GateStatus v={c.b} />} />
                  <Row label="Format" a={c.a.format} b={c.b.format} />
                  <Row
                    label="Size"
                    a={formatBytes(c.a.sizeBytes)}
                    b={
                      <>
                        {formatBytes(c.b.sizeBytes)}{' '}
                        <span className="faint">
                          ({c.sizeDelta >= 0 ? '+' : '−'}
                          {formatBytes(Math.abs(c.sizeDelta))})
                        </span>
                      </>
                    }
                  />
                  <Row label="Digest" a={<Digest value={c.a.digest} />} b={<Digest value={c.b.digest} />} />
                  <Row
                    label="Run"
                    a={c.a.lineage.runNumber !== null ? `#${c.a.lineage.runNumber}` : '—'}
                    b={c.b.lineage.runNumber !== null ? `#${c.b.lineage.runNumber}` : '—'}
                  />
                  <Row label="Registered" a={<RelativeTime t={c.a.createdAt} />} b={<RelativeTime t={c.b.createdAt} />} />
                  <Row
                    label="Signature"
                    a=""
                    b={<StatusDot tone={c.signatureEqual ? 'ok' : 'warn'} label={c.signatureEqual ? 'same as v' + c.a.version : 'differs'} />}
                  />
                </tbody>
              </table>
            </div>
          </section>
          <section className="card km-section" aria-label="Metrics">
            <div className="card-head">
              <h3>Metrics</h3>
              <span className="faint">evaluation first, then the run’s last values</span>
            </div>
            <div className="card-body">
              {c.metrics.length === 0 ? (
                <div className="muted">Neither version has metrics yet: evaluate them on the holdout.</div>
              ) : (
                <table className="table" data-testid="compare-metrics">
                  <thead>
                    <tr>
                      <th>Metric</th>
                      <th className="num">v{c.a.version}</th>
                      <th className="num">v{c.b.version}</th>
                      <th className="num">Change</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.metrics.map((m) => (
                      <tr key={m.metric}>
                        <td className="mono">{m.metric}</td>
                        <td className="num">{formatNumber(m.a)}</td>
                        <td className="num">{formatNumber(m.b)}</td>
                        <td className="num">{delta(m.metric, m.delta)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </section>
          {c.params.length > 0 && (
            <section className="card km-section" aria-label="Params">
              <div className="card-head">
                <h3>Params</h3>
                <span className="faint num">{c.params.filter((p) => p.differs).length} differ</span>
              </div>
              <div className="card-body">
                <table className="table">
                  <tbody>
                    {c.params.map((p) => (
                      <tr key={p.key} className={p.differs ? 'km-differs' : undefined}>
                        <td className="mono">{p.key}</td>
                        <td className="mono">{String(p.a ?? '—')}</td>
                        <td className="mono">{String(p.b ?? '—')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </>
      )}
    </div>
  );
}

function VersionHead({ v, onOpen }: { v: ModelVersion; onOpen(): void }) {
  return (
    <th>
      <button type="button" className="km-link" onClick={onOpen}>
        v{v.version}
      </button>
    </th>
  );
}

function Row({ label, a, b }: { label: string; a: ReactNode; b: ReactNode }) {
  return (
    <tr>
      <td className="muted">{label}</td>
      <td>{a}</td>
      <td>{b}</td>
    </tr>
  );
}
