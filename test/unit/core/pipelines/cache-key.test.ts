import { describe, expect, it } from 'vitest';
import { cacheKey, explainChange, type KeyParts } from '../../../../src/core/pipelines/cache-key.js';

const base: KeyParts = {
  image: 'sha256:1',
  cmd: ['python', 'train.py'],
  env: { A: '1' },
  params: { lr: 0.1, epochs: 3 },
  inputs: { 'data:mnist@latest': 'sha256:d1' },
  code: 'sha256:c1',
  codeFiles: { 'train.py': 'aa', 'util.py': 'bb' },
  outputs: ['model'],
  gpus: 0,
  network: 'none',
};

describe('cacheKey', () => {
  it('does not depend on key order and ignores the per-file code list', () => {
    const reordered: KeyParts = { ...base, params: { epochs: 3, lr: 0.1 }, codeFiles: undefined };
    expect(cacheKey(reordered)).toBe(cacheKey(base));
  });
  it('changes with each part', () => {
    const k = cacheKey(base);
    for (const change of [
      { image: 'sha256:2' },
      { cmd: ['python', 'x.py'] },
      { env: { A: '2' } },
      { params: { lr: 0.2, epochs: 3 } },
      { inputs: { 'data:mnist@latest': 'sha256:d2' } },
      { code: 'sha256:c2' },
    ]) {
      expect(cacheKey({ ...base, ...change })).not.toBe(k);
    }
  });
});

describe('explainChange', () => {
  it('names the param, input and code file that changed', () => {
    const now: KeyParts = {
      ...base,
      params: { lr: 0.01, epochs: 3 },
      inputs: { 'data:mnist@latest': 'sha256:d2' },
      code: 'sha256:c2',
      codeFiles: { 'train.py': 'zz', 'util.py': 'bb' },
    };
    const msgs = explainChange(base, now).map((r) => `${r.kind}:${r.name ?? ''}`);
    expect(msgs).toEqual(['param:lr', 'input:data:mnist@latest', 'code:train.py']);
  });
});
