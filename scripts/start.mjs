// `npm start`: build, then open the desktop app; where Electron's binary is missing (it could
// not be downloaded), say so in one line and serve the same UI in web mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  try {
    const p = require('electron'); // the binary's path, or throws when it was never downloaded
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
const args = process.argv.slice(2);
if (bin && !process.env.KILN_WEB) {
  const child = spawn(bin, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron binary not available on this machine (it could not be downloaded), so Kiln starts in web mode: open the URL below in a browser.');
  const child = spawn(process.execPath, ['dist/cli/kiln.js', 'serve', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
}
