import { Database } from 'lucide-react';
import { useDatasets } from '../../stores/datasets';
import { useNavigation } from '../../stores/navigation';
import { VirtualList } from '../../components/VirtualList';
import { formatBytes } from '../../../shared/format.js';

/** Left column: every dataset, its latest version and size. */
export function DatasetList({ selected }: { selected: string }) {
  const list = useDatasets((s) => s.list) ?? [];
  const navigate = useNavigation((s) => s.navigate);
  return (
    <aside className="side-list" aria-label="Datasets">
      <div className="side-head">
        <h3>Datasets</h3>
        <span className="faint num">{list.length}</span>
      </div>
      <VirtualList
        items={list}
        rowHeight={48}
        label="Datasets"
        getKey={(d) => d.name}
        render={(d) => (
          <button type="button" className={`side-item ${d.name === selected ? 'active' : ''}`} onClick={() => navigate('datasets', { dataset: d.name })}>
            <Database size={14} className="faint" aria-hidden="true" />
            <span className="side-item-text">
              <span className="side-item-title ellipsis">{d.name}</span>
              <span className="side-item-sub faint num">
                {d.latest ? `v${d.latest}` : 'no versions'} · {d.files} files · {formatBytes(d.bytes)}
              </span>
            </span>
          </button>
        )}
      />
    </aside>
  );
}
