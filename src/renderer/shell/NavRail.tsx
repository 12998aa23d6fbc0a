import { useNavigation } from '../stores/navigation';
import { NAV_ITEMS } from './nav-items';
import { KilnMark } from './KilnMark';

/** The narrow rail on the left: one icon and a short word per view. */
export function NavRail() {
  const view = useNavigation((s) => s.route.view);
  const navigate = useNavigation((s) => s.navigate);
  const main = NAV_ITEMS.filter((i) => i.view !== 'settings');
  const settings = NAV_ITEMS.find((i) => i.view === 'settings')!;
  const item = (i: (typeof NAV_ITEMS)[number]) => {
    const Icon = i.icon;
    return (
      <button
        key={i.view}
        type="button"
        className={`rail-item ${view === i.view ? 'active' : ''} ${i.coming ? 'coming' : ''}`}
        aria-current={view === i.view ? 'page' : undefined}
        title={i.coming ? `${i.label} — coming` : i.label}
        onClick={() => navigate(i.view)}
      >
        <Icon size={18} strokeWidth={1.75} aria-hidden="true" />
        <span className="rail-label">{i.label}</span>
        {i.coming && <span className="rail-coming">coming</span>}
      </button>
    );
  };
  return (
    <nav className="rail" aria-label="Views">
      <div className="rail-logo" title="Kiln">
        <KilnMark />
      </div>
      {main.map(item)}
      <div className="rail-spacer" />
      {item(settings)}
    </nav>
  );
}
