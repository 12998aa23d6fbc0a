import { useModelView } from '../../stores/models';
import { ErrorBanner } from '../../components/ErrorBanner';

/** What kiln.yaml declares for the model: its holdout, label column and gates, each with where it is written. */
export function ModelConfig({ model }: { model: string }) {
  const cfg = useModelView('models:config', { name: model });
  const c = cfg.data;
  return (
    <section className="card km-section" aria-label="Gates and holdout">
      <div className="card-head">
        <h3>Gates and holdout</h3>
        {c && <span className="faint mono">{c.file}</span>}
      </div>
      <div className="card-body">
        {cfg.error != null && <ErrorBanner error={cfg.error} title="kiln.yaml could not be read" />}
        {cfg.data === null && !cfg.loading && cfg.error == null && (
          <div className="muted">
            kiln.yaml declares nothing for {model}: add it under <code className="mono">models:</code> with a <code className="mono">holdout</code>, a{' '}
            <code className="mono">label</code> and <code className="mono">gates</code> to evaluate versions and gate promotions.
          </div>
        )}
        {c && (
          <dl className="km-facts">
            <dt>Holdout</dt>
            <dd className="mono">{c.holdout ?? '—'}</dd>
            <dt>Label</dt>
            <dd className="mono">{c.label ?? '—'}</dd>
            <dt>Gates</dt>
            <dd>
              {c.gates.length === 0 && <span className="muted">none: every promotion passes</span>}
              {c.gates.map((g) => (
                <div key={`${g.line}:${g.column}`} className="mono" title={`${g.file}:${g.line}:${g.column}`}>
                  {g.text}
                </div>
              ))}
            </dd>
          </dl>
        )}
      </div>
    </section>
  );
}
