import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { KILN_JS, kiln } from '../../helpers/kiln-cli.js';

/** Runs the built CLI on a real pseudo-terminal (util-linux `script`) and returns what the terminal got. */
function onTty(args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const cmd = [process.execPath, KILN_JS, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 90_000 });
  if (r.error) throw r.error;
  return r.stdout;
}

// Hardening item 8: escape sequences a container prints do not reach the terminal as such
// (`kiln run` live lines, `kiln logs`); the log file and piped output keep the bytes.
// Real engine, real CLI, a real pty.
describe('stage output on a terminal', () => {
  const tmp = useTempDir('kiln-tty-');

  it('control sequences are shown escaped on a TTY, kept as bytes in the log file and in a pipe', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    const ws = join(dir, 'ws');
    const env = { KILN_HOME: join(dir, '.home') };
    expect((await kiln(['init', ws], { env })).code).toBe(0);
    // retitle the window, clear the screen, move up a line, and a C1 CSI
    writeFileSync(
      join(ws, 'kiln.yaml'),
      `stages:\n  s:\n    image: ${img}\n    cmd: [sh, -c, 'printf "before\\\\033]0;pwned-title\\\\007\\\\033[2J\\\\033[1Aafter\\\\302\\\\233\\\\061m\\\\n"']\n`,
    );
    const live = onTty(['run'], ws, env);
    expect(live).toContain('before');
    expect(live).not.toContain('\x1b]0;pwned-title');
    expect(live).not.toContain('\x1b[2J');
    expect(live).not.toContain('\x1b[1A');
    expect(live).not.toContain('\u009b');
    expect(live).toContain('before\\x1b]0;pwned-title\\x07\\x1b[2J\\x1b[1Aafter\\x9b1m');

    const runs = readdirSync(join(ws, '.kiln', 'runs'));
    const file = readFileSync(join(ws, '.kiln', 'runs', runs[0]!, 's.log'), 'utf8');
    expect(file).toContain('before\x1b]0;pwned-title\x07\x1b[2J\x1b[1Aafter\u009b1m');

    const logsTty = onTty(['logs', 'latest', 's'], ws, env);
    expect(logsTty).toContain('before\\x1b]0;pwned-title\\x07');
    expect(logsTty).not.toContain('\x1b]0;pwned-title');

    const piped = await kiln(['logs', 'latest', 's'], { cwd: ws, env });
    expect(piped.stdout).toContain('before\x1b]0;pwned-title\x07\x1b[2J');
  });
});
