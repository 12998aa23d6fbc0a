import type { SqlDriverName } from './db/sql.js';
import type { SecretCipher } from './oci/secret-store.js';

export interface CoreOptions {
  /** where the core runs; reported by app:info */
  host: 'electron' | 'server' | 'cli';
  version?: string;
  /** open this workspace at start if it is one */
  workspace?: string;
  /** user-level state (recent workspaces); default ~/.config/kiln, or $KILN_HOME */
  kilnHome?: string;
  sqliteDriver?: SqlDriverName;
  env?: NodeJS.ProcessEnv;
  /** poll the engine and push engine:status (the UI needs it, one-shot CLI commands do not) */
  watchEngine?: boolean;
  engineIntervalMs?: number;
  /** with no workspace and no recent ones, create and open the example workspace (the app's first launch) */
  exampleOnFirstLaunch?: boolean;
  /** the host's native folder picker (Electron's dialog), behind app:pick-folder; the CLI and web mode have none */
  pickFolder?: () => Promise<string | null>;
  /** the host's encryption for registry credentials (Electron safeStorage); without it they go to docker credential helpers */
  secretCipher?: SecretCipher;
}
