import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { parseRange } from '../../../../src/core/oci/blob-upload.js';
import { backoffDelay, mapLimit } from '../../../../src/core/oci/backoff.js';
import { buildIndex, parseIndex } from '../../../../src/core/oci/dataset-index.js';
import { layerTypeOf } from '../../../../src/core/oci/modelpack.js';
import { piecesSource } from '../../../../src/core/oci/blob-source.js';
import { MODELPACK_LAYER } from '../../../../src/core/oci/media-types.js';

const hex = (c: string) => c.repeat(64);

describe('upload pieces', () => {
  it('reads the Range header as bytes held, and nothing from a malformed one', () => {
    expect(parseRange('0-1023')).toBe(1024);
    expect(parseRange('bytes=0-0')).toBe(1);
    expect(parseRange(undefined)).toBeNull();
    expect(parseRange('garbage')).toBeNull();
  });
  it('backs off exponentially up to a cap, with jitter', () => {
    const p = { retries: 5, baseMs: 100, maxMs: 1000 };
    expect(backoffDelay(0, p, () => 0.5)).toBe(100);
    expect(backoffDelay(3, p, () => 0.5)).toBe(800);
    expect(backoffDelay(9, p, () => 0.5)).toBe(1000);
    expect(backoffDelay(0, p, () => 0)).toBe(75);
  });
  it('runs at most `limit` at once and stops on the first error', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6], 2, async (x) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return x * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12]);
    expect(peak).toBe(2);
    await expect(
      mapLimit([1, 2], 2, async (x) => {
        if (x === 2) throw new Error('boom');
        return x;
      }),
    ).rejects.toThrow('boom');
  });
  it('reads any byte range of a blob made of pieces', async () => {
    const parts = [Buffer.from('hello '), Buffer.from('big '), Buffer.from('world')];
    const all = Buffer.concat(parts);
    const src = piecesSource(`sha256:${createHash('sha256').update(all).digest('hex')}`, parts, (i) => parts[i]!);
    expect(src.size).toBe(all.length);
    expect((await src.read(0, all.length)).toString()).toBe('hello big world');
    expect((await src.read(4, 12)).toString()).toBe('o big wo');
    const chunks: Buffer[] = [];
    for await (const c of src.stream(6)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('big world');
  });
});

describe('dataset chunk index', () => {
  it('serialises the same locations to the same bytes whatever the insertion order, and parses back', () => {
    const a = new Map([
      [hex('b'), { pack: `sha256:${hex('1')}`, packSize: 100, offset: 0, length: 60, algo: 1 }],
      [hex('a'), { pack: `sha256:${hex('1')}`, packSize: 100, offset: 60, length: 40, algo: 0 }],
    ]);
    const b = new Map([...a.entries()].reverse());
    expect(JSON.stringify(buildIndex(a))).toBe(JSON.stringify(buildIndex(b)));
    const back = parseIndex(Buffer.from(JSON.stringify(buildIndex(a))), 'x');
    expect(back.get(hex('a'))).toEqual({ pack: `sha256:${hex('1')}`, packSize: 100, offset: 60, length: 40, algo: 0 });
  });
  it('refuses rows that point outside their pack', () => {
    const bad = { kiln: 'dataset-index/1', packs: [{ digest: `sha256:${hex('1')}`, size: 10 }], chunks: [[hex('a'), 0, 5, 6]] };
    expect(() => parseIndex(Buffer.from(JSON.stringify(bad)), 'reg/x:1')).toThrow(/bad row/);
    expect(() => parseIndex(Buffer.from('nope'), 'reg/x:1')).toThrow(/not JSON/);
  });
});

describe('ModelPack layer types', () => {
  it('sorts files into weight, config, doc, code and dataset layers', () => {
    expect(layerTypeOf('weights.bin')).toBe(MODELPACK_LAYER.weight);
    expect(layerTypeOf('model.safetensors')).toBe(MODELPACK_LAYER.weight);
    expect(layerTypeOf('model.json')).toBe(MODELPACK_LAYER.weightConfig);
    expect(layerTypeOf('sub/tokenizer.json')).toBe(MODELPACK_LAYER.weightConfig);
    expect(layerTypeOf('README.md')).toBe(MODELPACK_LAYER.doc);
    expect(layerTypeOf('LICENSE')).toBe(MODELPACK_LAYER.doc);
    expect(layerTypeOf('train.py')).toBe(MODELPACK_LAYER.code);
    expect(layerTypeOf('eval/holdout.csv')).toBe(MODELPACK_LAYER.dataset);
  });
});
