import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { cutPoint, cutPointWith, MASK_S, MASK_L, CHUNK_MIN } from '../../../../src/core/store/fastcdc.js';
import { createGearScanner } from '../../../../src/core/store/gear-wasm.js';
import { chunkHex, chunkLabel, ALGO_BLAKE3, ALGO_SHA256 } from '../../../../src/core/store/chunk-hash.js';

describe('gear scan in WebAssembly', () => {
  it('cuts exactly where the TypeScript cutPoint cuts, on random and on low-entropy data', () => {
    const g = createGearScanner(MASK_S, MASK_L);
    const inputs = [randomBytes(6 * 1024 * 1024), Buffer.alloc(3 * 1024 * 1024, 7), Buffer.from('abc'.repeat(700_000)), randomBytes(CHUNK_MIN + 5)];
    for (const buf of inputs) {
      g.reserve(buf.length);
      g.data().set(buf);
      const a: number[] = [];
      const b: number[] = [];
      for (let pos = 0; pos < buf.length;) a.push((pos = cutPoint(buf, pos, buf.length)));
      for (let pos = 0; pos < buf.length;) b.push((pos = cutPointWith(g.scan, pos, buf.length)));
      expect(b).toEqual(a);
      expect(a.length).toBeGreaterThan(0);
    }
  });

  it('grows its memory and keeps the gear table when it does', () => {
    const g = createGearScanner(MASK_S, MASK_L);
    const buf = randomBytes(1024 * 1024);
    g.reserve(buf.length);
    g.data().set(buf);
    const first = cutPointWith(g.scan, 0, buf.length);
    g.reserve(64 * 1024 * 1024);
    expect(g.data().length).toBeGreaterThanOrEqual(64 * 1024 * 1024);
    expect(cutPointWith(g.scan, 0, buf.length)).toBe(first);
    expect(first).toBe(cutPoint(buf, 0, buf.length));
  });
});

describe('chunk ids', () => {
  it('are BLAKE3 or SHA-256 by algo, with the published test vectors', () => {
    const abc = Buffer.from('abc');
    expect(chunkHex(ALGO_BLAKE3, abc)).toBe('6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85');
    expect(chunkHex(ALGO_SHA256, abc)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(chunkLabel('ab', ALGO_BLAKE3)).toBe('blake3:ab');
    expect(chunkLabel('ab', ALGO_SHA256)).toBe('sha256:ab');
  });
});
