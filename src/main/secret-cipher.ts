import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/index.js';

/**
 * Electron's safeStorage as the core's cipher for registry credentials (call once the app is ready).
 * None where the OS offers no keychain: on Linux without one safeStorage falls back to a fixed key
 * ("basic_text"), which protects nothing, so credentials then go to docker helpers as in the CLI.
 */
export function safeStorageCipher(): SecretCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (data) => safeStorage.decryptString(data) };
}
