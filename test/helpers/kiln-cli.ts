import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// KILN_TEST_JS runs the same tests against another build (e.g. the tree before a fix, to see them fail)
export const KILN_JS = process.env.KILN_TEST_JS ? resolve(process.env.KILN_TEST_JS) : resolve('dist/cli/kiln.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `kiln` CLI as a user would (npm test builds it first). */
export function kiln(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  if (!existsSync(KILN_JS)) throw new Error(`${KILN_JS} is not built: run npm run build (npm test does)`);
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [KILN_JS, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    const t = setTimeout(() => {
      p.kill('SIGKILL');
      rej(new Error(`kiln ${args.join(' ')} ran past ${opts.timeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    p.stdout.on('data', (d: Buffer) => (stdout += d));
    p.stderr.on('data', (d: Buffer) => (stderr += d));
    p.on('close', (code) => {
      clearTimeout(t);
      res({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Starts `kiln serve` and resolves once it printed its URL. */
export function kilnServe(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const proc = spawn(process.execPath, [KILN_JS, 'serve', ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
  let out = '';
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`kiln serve printed no URL: ${out}`)), 20_000);
    const on = (d: Buffer) => {
      out += d;
      const m = /(http:\/\/\S+token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(t);
        res({ proc, url: m[1]!, output: () => out });
      }
    };
    proc.stdout.on('data', on);
    proc.stderr.on('data', on);
    proc.on('exit', (c) => rej(new Error(`kiln serve exited ${c}: ${out}`)));
  });
}
