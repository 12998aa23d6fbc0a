import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KilnError, type RegistryEntry } from '../../shared/contract/index.js';
import { readDockerConfig, normalizeServer, dockerConfigDir, lookupCredential, type Credential } from './docker-config.js';
import type { SecretStore } from './secret-store.js';
import { helperStore, helperErase } from './cred-helper.js';

interface Stored {
  host: string;
  insecure: boolean;
}

/**
 * Registries the user added in Settings: host and the insecure flag, in KILN_HOME/registries.json.
 * Credentials never go there: the desktop app keeps them in its secret store (encrypted by the OS
 * keychain); elsewhere they are handed to the docker config's credential helper (as `docker login`
 * does), or refused with an explanation when no helper is configured.
 */
export class RegistrySettings {
  private readonly file: string;
  constructor(
    kilnHome: string,
    private readonly secrets: SecretStore | null = null,
  ) {
    this.file = join(kilnHome, 'registries.json');
  }

  /** The credential for a registry: the app's secret store first, then the docker config and its helpers. */
  async credential(host: string): Promise<Credential | null> {
    return this.secrets?.get(normalizeServer(host)) ?? lookupCredential(host);
  }

  private read(): Stored[] {
    try {
      const j = JSON.parse(readFileSync(this.file, 'utf8')) as { registries?: Stored[] };
      return Array.isArray(j.registries) ? j.registries.filter((r) => typeof r.host === 'string') : [];
    } catch {
      return [];
    }
  }

  private write(list: Stored[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ registries: list }, null, 2));
    renameSync(tmp, this.file);
  }

  insecure(host: string): boolean {
    return this.read().some((r) => r.host === host && r.insecure);
  }

  list(): RegistryEntry[] {
    const cfg = readDockerConfig();
    const hosts = new Map<string, boolean>(this.read().map((r) => [r.host, r.insecure]));
    for (const k of Object.keys(cfg.auths ?? {})) if (!hosts.has(normalizeServer(k))) hosts.set(normalizeServer(k), false);
    for (const k of Object.keys(cfg.credHelpers ?? {})) if (!hosts.has(normalizeServer(k))) hosts.set(normalizeServer(k), false);
    const kept = new Set(this.secrets?.hosts() ?? []);
    for (const k of kept) if (!hosts.has(k)) hosts.set(k, false);
    return [...hosts.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([host, insecure]) => describe(host, insecure, kept.has(host) ? this.secrets : null));
  }

  async save(host: string, insecure: boolean, cred?: { username: string; password: string }): Promise<RegistryEntry> {
    const h = normalizeServer(host.trim());
    if (!/^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/.test(h))
      throw new KilnError('INVALID_INPUT', `${JSON.stringify(host)} is not a registry host: write HOST or HOST:PORT, e.g. ghcr.io or 127.0.0.1:5000`);
    if (cred && this.secrets) this.secrets.set(h, { username: cred.username, password: cred.password });
    else if (cred) {
      const cfg = readDockerConfig();
      const helper = cfg.credHelpers?.[h] ?? cfg.credsStore;
      if (!helper) {
        throw new KilnError(
          'INVALID_INPUT',
          `Kiln keeps passwords only in the desktop app (encrypted by the OS keychain), and ${join(dockerConfigDir(), 'config.json')} names no credential helper (credsStore or credHelpers) to hand them to; run docker login ${h} (or configure a helper such as pass or secretservice), then add the registry without credentials`,
        );
      }
      await helperStore(helper, h, { username: cred.username, secret: cred.password });
    }
    const list = this.read().filter((r) => r.host !== h);
    list.push({ host: h, insecure });
    this.write(list);
    return describe(h, insecure, this.secrets?.get(h) ? this.secrets : null);
  }

  async remove(host: string): Promise<boolean> {
    const h = normalizeServer(host.trim());
    const list = this.read();
    const keep = list.filter((r) => r.host !== h);
    this.write(keep);
    const forgot = this.secrets?.delete(h) ?? false;
    const cfg = readDockerConfig();
    const helper = cfg.credHelpers?.[h] ?? cfg.credsStore;
    if (helper) await helperErase(helper, h).catch(() => undefined);
    return forgot || keep.length !== list.length;
  }
}

function describe(host: string, insecure: boolean, kept: SecretStore | null): RegistryEntry {
  const cfg = readDockerConfig();
  const own = kept?.get(host);
  if (own) return { host, insecure, credentials: 'app', helper: null, username: own.username ?? null };
  const helper = cfg.credHelpers?.[host] ?? cfg.credsStore ?? null;
  const auth = Object.entries(cfg.auths ?? {}).find(([k]) => normalizeServer(k) === host)?.[1];
  let username: string | null = auth?.username ?? null;
  if (!username && auth?.auth) username = Buffer.from(auth.auth, 'base64').toString('utf8').split(':')[0] ?? null;
  return { host, insecure, credentials: helper ? 'helper' : auth ? 'config' : 'none', helper, username };
}
