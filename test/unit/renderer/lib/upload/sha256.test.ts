import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK, Sha256, WHOLE_FILE_MAX, hashBlob } from '../../../../../src/renderer/lib/upload/sha256.js';

const ref = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('Sha256 (incremental, for big browser files)', () => {
  it('matches node:crypto for every length around the block and padding borders, fed in uneven pieces', () => {
    const data = randomBytes(300);
    for (let n = 0; n <= 300; n++) {
      const h = new Sha256();
      const part = data.subarray(0, n);
      for (let i = 0; i < n; i += 7) h.update(part.subarray(i, Math.min(n, i + 7)));
      expect(h.hex(), `length ${n}`).toBe(ref(part));
    }
  });

  it('hashBlob streams a file over the whole-file limit in chunks, reporting progress', async () => {
    const data = randomBytes(WHOLE_FILE_MAX + CHUNK + 123);
    const seen: number[] = [];
    const hex = await hashBlob(new Blob([data]), (d) => seen.push(d), new AbortController().signal);
    expect(hex).toBe(ref(data));
    expect(seen.length).toBe(Math.ceil(data.length / CHUNK));
    expect(seen.at(-1)).toBe(data.length);
    const small = randomBytes(1000);
    expect(await hashBlob(new Blob([small]), () => undefined, new AbortController().signal)).toBe(ref(small));
  });
});
