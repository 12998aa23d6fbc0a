import { op } from './define.js';
import { empty } from './common.js';

export interface AppInfo {
  version: string;
  node: string;
  platform: string;
  /** 'electron' inside the desktop app, 'server' behind `kiln serve`, 'cli' in the command line */
  host: 'electron' | 'server' | 'cli';
}

export const appOps = {
  'app:info': op<AppInfo>()(empty),
  /** The desktop app's native folder picker: the chosen folder, or null when dismissed. Elsewhere UNSUPPORTED (web mode has no native dialogs). */
  'app:pick-folder': op<string | null>()(empty),
};
