// Electron's own install script downloads its binary; where that cannot work (offline build
// machines) it would fail the whole `npm install`. Try it here instead and say what happened.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const installer = 'node_modules/electron/install.js';
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !existsSync(installer)) process.exit(0);
const r = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000, encoding: 'utf8' });
if (r.status !== 0) {
  const why = (r.stderr || '').split('\n').find((l) => /error/i.test(l)) ?? 'download failed';
  console.log(`kiln: the Electron binary could not be downloaded (${why.trim()}); \`npm start\` will open Kiln in web mode instead.`);
}
