import { createHash } from 'node:crypto';
import { KilnError } from '../../shared/contract/index.js';

/** Digests as users see them: "sha256:<64 hex>" (the OCI form). */
export const PREFIX = 'sha256:';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function toDigest(hex: string): string {
  return PREFIX + hex;
}

export function hexOf(digest: string): string {
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new KilnError('INVALID_INPUT', `${JSON.stringify(digest)} is not a digest ("sha256:" and 64 hex digits)`);
  return digest.slice(PREFIX.length);
}

export function hexToBlob(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}

export function blobToHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
