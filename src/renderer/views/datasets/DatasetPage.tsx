import { useEffect, useState } from 'react';
import { Download, GitCompare, Plus } from 'lucide-react';
import { PullDialog } from '../push/PullDialog';
import { useDatasets } from '../../stores/datasets';
import { useNavigation } from '../../stores/navigation';
import { useIngest } from '../../stores/ingest';
import { VirtualList } from '../../components/VirtualList';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { VersionRow } from './VersionRow';

/** One dataset: its versions, newest first, and a picker to diff any two. */
export function DatasetPage({ dataset }: { dataset: string }) {
  const versions = useDatasets((s) => s.versions[dataset]);
  const error = useDatasets((s) => s.versionErrors[dataset]);
  const summary = useDatasets((s) => s.list?.find((d) => d.name === dataset));
  const navigate = useNavigation((s) => s.navigate);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pulling, setPulling] = useState(false);
  useEffect(() => {
    void useDatasets.getState().loadVersions(dataset);
  }, [dataset]);
  useEffect(() => {
    if (versions && versions.length >= 2) {
      setTo(String(versions[0]!.version));
      setFrom(String(versions[1]!.version));
    }
  }, [versions]);
  return (
    <div className="page">
      <div className="page-head">
        <h1>{dataset}</h1>
        {summary && (
          <span className="muted num">
            {summary.versions} version{summary.versions === 1 ? '' : 's'}
          </span>
        )}
        <div className="topbar-spacer" />
        {versions && versions.length >= 2 && (
          <div className="compare-bar" aria-label="Compare versions">
            <select className="input" aria-label="From version" value={from} onChange={(e) => setFrom(e.target.value)}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </select>
            <span className="faint">→</span>
            <select className="input" aria-label="To version" value={to} onChange={(e) => setTo(e.target.value)}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </select>
            <Button icon={<GitCompare size={14} />} disabled={from === to} onClick={() => navigate('datasets', { dataset, from, to })}>
              Diff
            </Button>
          </div>
        )}
        <Button icon={<Download size={14} />} onClick={() => setPulling(true)}>
          Pull…
        </Button>
        <Button variant="primary" icon={<Plus size={14} />} onClick={() => useIngest.getState().chooseFolder()}>
          Add version…
        </Button>
      </div>
      <PullDialog
        open={pulling}
        onClose={() => setPulling(false)}
        kind="dataset"
        initialName={dataset}
        onPulled={() => void useDatasets.getState().loadVersions(dataset)}
      />
      {error != null && <ErrorBanner error={error} title={`Could not read the versions of ${dataset}`} />}
      <div className="list-head version-grid">
        <span>Version</span>
        <span>Message</span>
        <span className="num">Files</span>
        <span className="num">Size</span>
        <span className="num">New data</span>
        <span>Digest</span>
        <span>Created</span>
      </div>
      <div className="page-fill" style={{ maxHeight: (versions?.length ?? 0) * 40 + 1, minHeight: 41 }}>
        <VirtualList
          items={versions ?? []}
          rowHeight={40}
          label={`Versions of ${dataset}`}
          getKey={(v) => v.version}
          render={(v) => <VersionRow v={v} onOpen={() => navigate('datasets', { dataset, version: String(v.version) })} />}
        />
      </div>
      <div className="page-foot faint">Drop a folder anywhere on the window to add a version.</div>
    </div>
  );
}
