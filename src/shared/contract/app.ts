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
};
