import { Boxes, Database, GitBranch, Play, Rocket, Settings, type LucideIcon } from 'lucide-react';
import type { ViewName } from '../stores/navigation';

export interface NavItem {
  view: ViewName;
  label: string;
  icon: LucideIcon;
  /** not built yet: the rail says so */
  coming?: boolean;
  /** the key after "g" (g d → Datasets) */
  key: string;
}

export const NAV_ITEMS: NavItem[] = [
  { view: 'datasets', label: 'Datasets', icon: Database, key: 'd' },
  { view: 'pipelines', label: 'Pipelines', icon: GitBranch, key: 'p' },
  { view: 'runs', label: 'Runs', icon: Play, key: 'r' },
  { view: 'models', label: 'Models', icon: Boxes, key: 'm' },
  { view: 'deployments', label: 'Deployments', icon: Rocket, key: 'y' },
  { view: 'settings', label: 'Settings', icon: Settings, key: 's' },
];
