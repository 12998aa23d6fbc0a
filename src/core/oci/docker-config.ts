import { readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';
import { helperGet } from './cred-helper.js';

export interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** Basic credentials, or an identity (refresh) token for the token server. */
export type Credential = { username: string; password: string } | { identityToken: string; username?: string };

/** `$DOCKER_CONFIG`, else `~/.docker` (HOME decides, as docker does). */
export function dockerConfigDir(): string {
  return process.env.DOCKER_CONFIG || join(homedir(), '.docker');
}

export function readDockerConfig(dir = dockerConfigDir()): DockerConfig {
  const file = join(dir, 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch (e) {
    throw new KilnError('INVALID_INPUT', `${file} is not valid JSON (${(e as Error).message}); fix it or move it away`, { file });
  }
}

/** `https://host:port/v1/` and `host:port` name the same registry in `auths`. */
export function normalizeServer(key: string): string {
  return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

const HUB = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];

/** The credentials docker would use for `registry`: credHelpers, then credsStore, then auths. Null when none. */
export async function lookupCredential(registry: string, cfg: DockerConfig = readDockerConfig()): Promise<Credential | null> {
  const names = HUB.includes(registry) ? ['https://index.docker.io/v1/', ...HUB] : [registry];
  const helper = names.map((n) => cfg.credHelpers?.[n]).find((h) => h) ?? cfg.credsStore;
  if (helper) {
    for (const n of names) {
      const c = await helperGet(helper, n);
      if (c) return c.username === '<token>' ? { identityToken: c.secret } : { username: c.username, password: c.secret };
    }
    if (cfg.credHelpers && names.some((n) => cfg.credHelpers?.[n])) return null;
  }
  for (const [key, a] of Object.entries(cfg.auths ?? {})) {
    if (!names.includes(normalizeServer(key)) && !names.includes(key)) continue;
    if (a.identitytoken) return { identityToken: a.identitytoken, ...(a.username ? { username: a.username } : {}) };
    if (a.username && a.password) return { username: a.username, password: a.password };
    if (a.auth) {
      const plain = Buffer.from(a.auth, 'base64').toString('utf8');
      const i = plain.indexOf(':');
      if (i === -1)
        throw new KilnError('INVALID_INPUT', `the auths entry for ${key} in ${join(dockerConfigDir(), 'config.json')} is not base64 of user:password`);
      return { username: plain.slice(0, i), password: plain.slice(i + 1) };
    }
  }
  return null;
}

/** CA certificates docker would trust for `registry`: certs.d folders (system, rootless, DOCKER_CONFIG). */
export function registryCas(registry: string): Buffer[] {
  const dirs = ['/etc/docker/certs.d', join(homedir(), '.config', 'docker', 'certs.d'), join(dockerConfigDir(), 'certs.d')];
  const out: Buffer[] = [];
  for (const d of dirs) {
    const hostDir = join(d, registry);
    let names: string[];
    try {
      names = readdirSync(hostDir);
    } catch {
      continue;
    }
    for (const n of names) if (n.endsWith('.crt')) out.push(readFileSync(join(hostDir, n)));
  }
  return out;
}
