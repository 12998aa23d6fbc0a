import { Boxes } from 'lucide-react';
import { useModels } from '../../stores/models';
import { useNavigation } from '../../stores/navigation';
import { VirtualList } from '../../components/VirtualList';

/** Left column: every model, its newest version and the aliases it has. */
export function ModelList({ selected }: { selected: string }) {
  const list = useModels((s) => s.list) ?? [];
  const navigate = useNavigation((s) => s.navigate);
  return (
    <aside className="side-list" aria-label="Models">
      <div className="side-head">
        <h3>Models</h3>
        <span className="faint num">{list.length}</span>
      </div>
      <VirtualList
        items={list}
        rowHeight={48}
        label="Models"
        getKey={(m) => m.name}
        render={(m) => {
          const aliases = Object.entries(m.aliases);
          return (
            <button type="button" className={`side-item ${m.name === selected ? 'active' : ''}`} onClick={() => navigate('models', { model: m.name })}>
              <Boxes size={14} className="faint" aria-hidden="true" />
              <span className="side-item-text">
                <span className="side-item-title ellipsis">{m.name}</span>
                <span className="side-item-sub faint num ellipsis">
                  {m.latest ? `v${m.latest}` : 'no versions'}
                  {aliases.length ? ` · ${aliases.map(([a, v]) => `${a} v${v}`).join(', ')}` : ''}
                </span>
              </span>
            </button>
          );
        }}
      />
    </aside>
  );
}
