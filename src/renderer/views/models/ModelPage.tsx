import { useEffect, useState } from 'react';
import { GitCompare, Plus, Undo2 } from 'lucide-react';
import { useModels } from '../../stores/models';
import { useNavigation } from '../../stores/navigation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { AliasTimeline } from './AliasTimeline';
import { ModelConfig } from './ModelConfig';
import { VersionsTable } from './VersionsTable';
import { chooseModelFolder } from './choose-model-folder';
import { RollbackDialog } from './RollbackDialog';
import { useModelDialogs } from './model-dialogs';
import { PullModelButton } from './PullModelButton';

/** One model: its versions with metrics, gates and aliases; compare two; the alias timeline and the declared gates. */
export function ModelPage({ model }: { model: string }) {
  const summary = useModels((s) => s.list?.find((m) => m.name === model));
  const pages = useModels((s) => s.versions[model]);
  const navigate = useNavigation((s) => s.navigate);
  const dialogs = useModelDialogs();
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  useEffect(() => {
    void useModels.getState().loadVersions(model);
  }, [model]);
  useEffect(() => {
    const latest = summary?.latest ?? 0;
    if (latest >= 2 && !a && !b) {
      setA(String(latest - 1));
      setB(String(latest));
    }
  }, [summary?.latest]);
  const aliases = Object.entries(summary?.aliases ?? {}).sort(([x], [y]) => x.localeCompare(y));
  const ok = (s: string) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= (summary?.latest ?? 0);
  return (
    <div className="km-page" data-testid="model-page">
      <header className="km-head">
        <h1>{model}</h1>
        {summary && (
          <span className="muted num">
            {summary.versions.toLocaleString('en-US')} version{summary.versions === 1 ? '' : 's'}
          </span>
        )}
        {aliases.map(([alias, v]) => (
          <button key={alias} type="button" className="km-alias" title={`${alias} is v${v}`} onClick={() => navigate('models', { model, version: String(v) })}>
            {alias} v{v}
          </button>
        ))}
        <span className="km-head-actions">
          {(summary?.latest ?? 0) >= 2 && (
            <span className="km-compare-bar" aria-label="Compare versions">
              <input className="input num" aria-label="Compare version A" value={a} onChange={(e) => setA(e.target.value)} placeholder="v" />
              <span className="faint">vs</span>
              <input className="input num" aria-label="Compare version B" value={b} onChange={(e) => setB(e.target.value)} placeholder="v" />
              <Button
                icon={<GitCompare size={14} />}
                disabled={!ok(a) || !ok(b) || a === b}
                onClick={() => navigate('models', { model, compare: `${a},${b}` })}
              >
                Compare
              </Button>
            </span>
          )}
          {aliases.length > 0 && (
            <Button icon={<Undo2 size={14} />} onClick={() => dialogs.openRollback(model)}>
              Rollback…
            </Button>
          )}
          <PullModelButton />
          <Button variant="primary" icon={<Plus size={14} />} onClick={chooseModelFolder}>
            Register version…
          </Button>
        </span>
      </header>
      {pages?.error != null && <ErrorBanner error={pages.error} title={`Could not read the versions of ${model}`} />}
      <VersionsTable model={model} onOpen={(v) => navigate('models', { model, version: String(v.version) })} />
      <div className="km-grid">
        <AliasTimeline model={model} />
        <ModelConfig model={model} />
      </div>
      <div className="page-foot faint">Drop a model folder anywhere on the window to register its next version.</div>
      <RollbackDialog open={dialogs.rollback?.model === model} model={model} initialAlias={dialogs.rollback?.alias} onClose={dialogs.close} />
    </div>
  );
}
