import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EncryptedFileSecretStore, type SecretStore } from '../../../../src/core/oci/secret-store.js';
import { RegistrySettings } from '../../../../src/core/oci/registry-settings.js';
import type { Credential } from '../../../../src/core/oci/docker-config.js';
import { aesTestCipher } from '../../../helpers/aes-test-cipher.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir();

/** An in-memory SecretStore: the test double for the host's store, named as such. */
class InMemorySecretStore implements SecretStore {
  readonly where = 'memory (test)';
  readonly map = new Map<string, Credential>();
  get(h: string) {
    return this.map.get(h) ?? null;
  }
  set(h: string, c: Credential) {
    this.map.set(h, c);
  }
  delete(h: string) {
    return this.map.delete(h);
  }
  hosts() {
    return [...this.map.keys()].sort();
  }
}

let savedDockerConfig: string | undefined;
beforeEach(() => {
  savedDockerConfig = process.env.DOCKER_CONFIG;
  // an empty docker config: no helpers, no auths, so only the secret store can hold a password
  const d = join(tmp(), 'docker');
  mkdirSync(d, { recursive: true });
  process.env.DOCKER_CONFIG = d;
});
afterEach(() => {
  if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = savedDockerConfig;
});

describe('EncryptedFileSecretStore', () => {
  it('keeps credentials encrypted on disk, owner-only, and reads them back', () => {
    const file = join(tmp(), 'home', 'credentials.enc');
    const s = new EncryptedFileSecretStore(file, aesTestCipher());
    s.set('ghcr.io', { username: 'me', password: 'hunter2-very-secret' });
    s.set('127.0.0.1:5000', { username: 'ci', password: 'pw' });
    expect(s.get('ghcr.io')).toEqual({ username: 'me', password: 'hunter2-very-secret' });
    expect(s.hosts()).toEqual(['127.0.0.1:5000', 'ghcr.io']);
    const raw = readFileSync(file);
    expect(raw.includes('hunter2')).toBe(false);
    expect(raw.includes('ghcr.io')).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(s.delete('ghcr.io')).toBe(true);
    expect(s.delete('ghcr.io')).toBe(false);
    expect(s.get('ghcr.io')).toBeNull();
  });

  it('says which file it cannot decrypt and what to do', () => {
    const file = join(tmp(), 'credentials.enc');
    new EncryptedFileSecretStore(file, aesTestCipher()).set('a.io', { username: 'u', password: 'p' });
    const other = new EncryptedFileSecretStore(file, aesTestCipher());
    expect(() => other.get('a.io')).toThrow(`${file} could not be decrypted`);
    expect(() => other.get('a.io')).toThrow(/remove it and add the registry credentials again/);
  });
});

describe('RegistrySettings with a secret store', () => {
  it('keeps a password in the store, never in registries.json; lists, resolves and forgets it', async () => {
    const home = join(tmp(), 'home');
    const store = new InMemorySecretStore();
    const s = new RegistrySettings(home, store);
    const e = await s.save('registry.example:5000', false, { username: 'ci', password: 's3cret-pass' });
    expect(e).toMatchObject({ host: 'registry.example:5000', credentials: 'app', username: 'ci' });
    expect(readFileSync(join(home, 'registries.json'), 'utf8')).not.toContain('s3cret');
    expect(await s.credential('registry.example:5000')).toEqual({ username: 'ci', password: 's3cret-pass' });
    expect(await s.credential('other.example')).toBeNull();
    expect(s.list().find((r) => r.host === 'registry.example:5000')?.credentials).toBe('app');
    expect(await s.remove('registry.example:5000')).toBe(true);
    expect(store.map.size).toBe(0);
  });

  it('without a store (CLI, web mode) and without a docker helper, refuses the password and says why', async () => {
    const s = new RegistrySettings(join(tmp(), 'home'));
    await expect(s.save('registry.example', false, { username: 'u', password: 'p' })).rejects.toThrow(
      /Kiln keeps passwords only in the desktop app .* names no credential helper/,
    );
    writeFileSync(
      join(process.env.DOCKER_CONFIG!, 'config.json'),
      JSON.stringify({ auths: { 'registry.example': { auth: Buffer.from('x:y').toString('base64') } } }),
    );
    expect(await s.credential('registry.example')).toEqual({ username: 'x', password: 'y' });
  });
});
