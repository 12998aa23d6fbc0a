// `npm run dist`: installers with electron-builder (AppImage + deb here; dmg/nsis on their OSes).
// electron-builder downloads Electron's distribution; offline it cannot, so say that plainly.
import { spawnSync } from 'node:child_process';

const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync('npx', ['electron-builder', ...process.argv.slice(2)], { encoding: 'utf8', stdio: ['inherit', 'inherit', 'pipe'] });
process.stderr.write(r.stderr ?? '');
if (r.status !== 0 && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo/.test(r.stderr ?? '')) {
  console.error(
    '\nkiln: electron-builder could not download the Electron distribution (no network to its host). Run `npm run dist` on a machine that can reach it, or set ELECTRON_BUILDER electronDist to a local Electron build.',
  );
}
process.exit(r.status ?? 1);
