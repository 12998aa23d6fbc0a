import { spawn } from 'node:child_process';

/**
 * Seeds `count` runs (sweep-0…, params lr/batch/optimizer, metrics accuracy and loss at steps 1 and 2)
 * into a running server's workspace through core, with test/e2e/runs-seed.ts.
 */
export function seedRuns(workspace: string, home: string, count: number): Promise<string> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/runs-seed.ts', workspace, String(count)], { env: { ...process.env, KILN_HOME: home } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    p.stderr.on('data', (d: Buffer) => (err += d));
    p.on('close', (code) => (code === 0 ? res(out.trim()) : rej(new Error(`seeding failed (${code}): ${err}`))));
  });
}
