import { spawn } from 'node:child_process';
import { KilnError } from '../../shared/contract/index.js';

export interface HelperCredential {
  username: string;
  secret: string;
}

/** Runs `docker-credential-NAME ACTION`, writing `input` on stdin (the docker credential helper protocol). */
function runHelper(name: string, action: 'get' | 'store' | 'erase', input: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const bin = `docker-credential-${name}`;
    const p = spawn(bin, [action], { stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', (e) =>
      reject(
        new KilnError(
          'UNAUTHORIZED',
          `the docker credential helper ${bin} (named in your docker config) could not be run: ${(e as Error).message}; install it or remove it from the config`,
        ),
      ),
    );
    p.on('close', (code) => resolve({ code: code ?? 1, out }));
    p.stdin.end(input);
  });
}

/** The helper's credentials for a server, or null when it has none. */
export async function helperGet(name: string, server: string): Promise<HelperCredential | null> {
  const { code, out } = await runHelper(name, 'get', server);
  if (code !== 0) {
    if (/credentials not found/i.test(out)) return null;
    throw new KilnError(
      'UNAUTHORIZED',
      `the docker credential helper docker-credential-${name} failed for ${server}: ${out.trim().split('\n')[0] ?? `exit ${code}`}`,
    );
  }
  try {
    const j = JSON.parse(out) as { Username?: string; Secret?: string };
    if (!j.Secret) return null;
    return { username: j.Username ?? '', secret: j.Secret };
  } catch {
    throw new KilnError('UNAUTHORIZED', `the docker credential helper docker-credential-${name} answered something that is not JSON for ${server}`);
  }
}

/** Stores credentials through the helper (Settings' "add registry" when a helper is configured). */
export async function helperStore(name: string, server: string, cred: HelperCredential): Promise<void> {
  const { code, out } = await runHelper(name, 'store', JSON.stringify({ ServerURL: server, Username: cred.username, Secret: cred.secret }));
  if (code !== 0)
    throw new KilnError(
      'UNAUTHORIZED',
      `the docker credential helper docker-credential-${name} could not store credentials for ${server}: ${out.trim().split('\n')[0] ?? `exit ${code}`}`,
    );
}

export async function helperErase(name: string, server: string): Promise<void> {
  await runHelper(name, 'erase', server);
}
