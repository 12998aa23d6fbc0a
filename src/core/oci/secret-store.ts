import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';
import type { Credential } from './docker-config.js';

/** Registry credentials kept by the host app, by registry host. */
export interface SecretStore {
  /** for messages and Settings, e.g. "the OS keychain (Electron safeStorage)" */
  readonly where: string;
  get(host: string): Credential | null;
  set(host: string, cred: Credential): void;
  delete(host: string): boolean;
  hosts(): string[];
}

/**
 * Encryption the host provides: Electron's `safeStorage` (a key held by the OS keychain, DPAPI or
 * libsecret). Only the desktop app has one; the CLI and web mode pass none.
 */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/**
 * One file under KILN_HOME holding the credentials map, encrypted whole by the host's cipher and
 * written owner-only, whole (temp file, then rename). Its plain text never touches the disk,
 * the database, logs or exports.
 */
export class EncryptedFileSecretStore implements SecretStore {
  readonly where = 'the OS keychain (Electron safeStorage)';

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  private read(): Record<string, Credential> {
    let data: Buffer;
    try {
      data = readFileSync(this.file);
    } catch {
      return {};
    }
    try {
      return JSON.parse(this.cipher.decrypt(data)) as Record<string, Credential>;
    } catch (e) {
      throw new KilnError(
        'INVALID_INPUT',
        `${this.file} could not be decrypted (${(e as Error).message}): it was written by another user or machine, or damaged; remove it and add the registry credentials again`,
        { file: this.file },
      );
    }
  }

  private write(all: Record<string, Credential>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, this.cipher.encrypt(JSON.stringify(all)), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  get(host: string): Credential | null {
    return this.read()[host] ?? null;
  }

  set(host: string, cred: Credential): void {
    this.write({ ...this.read(), [host]: cred });
  }

  delete(host: string): boolean {
    const all = this.read();
    if (!(host in all)) return false;
    delete all[host];
    this.write(all);
    return true;
  }

  hosts(): string[] {
    return Object.keys(this.read()).sort();
  }
}
