import { EngineStatusItem } from './EngineStatusItem';
import { GpuStatusItem } from './GpuStatusItem';
import { JobsStatusItem } from './JobsStatusItem';
import { IntegrityStatusItem } from './IntegrityStatusItem';
import { useNavigation } from '../stores/navigation';

/** The bottom bar: engine, GPUs, background jobs. Fixed height; items keep their width as data arrives. */
export function StatusBar() {
  const navigate = useNavigation((s) => s.navigate);
  return (
    <footer className="statusbar" aria-label="Status">
      <EngineStatusItem onClick={() => navigate('settings')} />
      <GpuStatusItem onClick={() => navigate('settings')} />
      <IntegrityStatusItem />
      <div className="statusbar-spacer" />
      <JobsStatusItem />
      <span className="statusbar-item faint" title="Command palette">
        <kbd>{navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl'}</kbd>
        <kbd>K</kbd>
      </span>
    </footer>
  );
}
