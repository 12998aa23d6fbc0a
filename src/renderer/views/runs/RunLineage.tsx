import { ArrowRight, Box, Database, Play } from 'lucide-react';
import type { RunDetail } from '../../../shared/contract/index.js';
import { useNavigation } from '../../stores/navigation';

/** Where the run's data came from and what it became: dataset versions → this run → model versions. */
export function RunLineage({ detail, label }: { detail: RunDetail; label: string }) {
  const navigate = useNavigation((n) => n.navigate);
  const inputs = detail.datasets.filter((d) => d.role === 'input');
  const produced = detail.datasets.filter((d) => d.role === 'output');
  const models = detail.models ?? [];
  if (!inputs.length && !models.length && !produced.length) return null;
  return (
    <div className="kr-lineage" data-testid="run-lineage" aria-label="Lineage">
      <div className="kr-lineage-col">
        {inputs.length ? (
          inputs.map((d, i) => (
            <button key={i} type="button" className="kr-lineage-node" onClick={() => navigate('datasets', { dataset: d.dataset, version: String(d.version) })}>
              <Database size={14} aria-hidden="true" />
              <span className="mono">{`${d.dataset}@${d.version}`}</span>
            </button>
          ))
        ) : (
          <span className="faint">no dataset input</span>
        )}
      </div>
      <ArrowRight size={16} className="faint" aria-hidden="true" />
      <div className="kr-lineage-col">
        <span className="kr-lineage-node current">
          <Play size={14} aria-hidden="true" />
          <span>{`Run ${label}`}</span>
        </span>
      </div>
      <ArrowRight size={16} className="faint" aria-hidden="true" />
      <div className="kr-lineage-col">
        {models.map((m) => (
          <button key={m.name} type="button" className="kr-lineage-node" onClick={() => navigate('models', { model: m.name, version: String(m.version) })}>
            <Box size={14} aria-hidden="true" />
            <span className="mono">{`${m.name}@${m.version}`}</span>
          </button>
        ))}
        {produced.map((d, i) => (
          <button
            key={`d${i}`}
            type="button"
            className="kr-lineage-node"
            onClick={() => navigate('datasets', { dataset: d.dataset, version: String(d.version) })}
          >
            <Database size={14} aria-hidden="true" />
            <span className="mono">{`${d.dataset}@${d.version}`}</span>
          </button>
        ))}
        {!models.length && !produced.length && <span className="faint">no model registered</span>}
      </div>
    </div>
  );
}
