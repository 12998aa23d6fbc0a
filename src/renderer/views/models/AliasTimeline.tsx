import { useMemo, useState } from 'react';
import { Undo2 } from 'lucide-react';
import { useModelView } from '../../stores/models';
import { useNavigation } from '../../stores/navigation';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusDot } from '../../components/StatusDot';

/** Every alias move of a model from the append-only log, newest first: who, when, from, to, why, and the gates it passed. */
export function AliasTimeline({ model }: { model: string }) {
  const [alias, setAlias] = useState('');
  const all = useModelView('models:history', { name: model });
  const navigate = useNavigation((s) => s.navigate);
  const aliases = useMemo(() => [...new Set(all.data?.events.map((e) => e.alias) ?? [])].sort(), [all.data]);
  const events = useMemo(() => (all.data?.events ?? []).filter((e) => !alias || e.alias === alias).reverse(), [all.data, alias]);
  const open = (version: number) => navigate('models', { model, version: String(version) });
  return (
    <section className="card km-section" aria-label="Alias timeline" data-testid="alias-timeline">
      <div className="card-head">
        <h3>Alias timeline</h3>
        <span className="faint num">{events.length}</span>
        {aliases.length > 1 && (
          <label className="km-section-actions km-alias-filter">
            <span className="muted">Alias</span>
            <select className="input" aria-label="Timeline alias" value={alias} onChange={(e) => setAlias(e.target.value)}>
              <option value="">all</option>
              {aliases.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="card-body">
        {all.error != null && <ErrorBanner error={all.error} title="Could not read the alias log" />}
        {all.data && events.length === 0 && (
          <div className="muted">No alias has moved yet. Promote a version to give it one (champion, staging, any name).</div>
        )}
        <ol className="km-timeline">
          {events.map((e) => (
            <li key={e.id} className="km-event" data-kind={e.kind} data-testid="alias-event">
              <span className="km-event-rail">
                <span className="km-event-dot" aria-hidden="true" />
              </span>
              <span className="km-event-body">
                <span className="km-event-line">
                  <span className="km-alias">{e.alias}</span>
                  {e.kind === 'rollback' && (
                    <span className="muted">
                      <Undo2 size={12} aria-hidden="true" /> rolled back
                    </span>
                  )}
                  <span>
                    {e.fromVersion !== null ? (
                      <>
                        <button type="button" className="km-link" onClick={() => open(e.fromVersion!)}>
                          v{e.fromVersion}
                        </button>
                        {' → '}
                      </>
                    ) : (
                      <span className="muted">new → </span>
                    )}
                    <button type="button" className="km-link" onClick={() => open(e.toVersion)}>
                      v{e.toVersion}
                    </button>
                  </span>
                  {e.gateReport && (
                    <StatusDot
                      tone={e.gateReport.passed ? 'ok' : 'bad'}
                      label={`${e.gateReport.gates.length} gate${e.gateReport.gates.length === 1 ? '' : 's'} ${e.gateReport.passed ? 'passed' : 'failed'}`}
                    />
                  )}
                </span>
                <span className="muted">
                  <RelativeTime t={e.at} />
                  {e.actor ? ` · ${e.actor}` : ''}
                </span>
                {e.reason && <span className="km-event-reason">“{e.reason}”</span>}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
