import { describe, expect, it } from 'vitest';
import { complete, placeholder } from '../../../../../src/renderer/views/runs/filter-completion.js';

const keys = { metrics: ['accuracy', 'loss', 'val_loss'], params: ['batch', 'lr', 'train.optimizer'], tags: ['best', 'needs review'] };

describe('runs filter completion', () => {
  it('completes a column name where one goes, prefix matches first', () => {
    expect(complete('los', 3, keys)).toEqual({ from: 0, to: 3, options: ['metrics.loss', 'metrics.val_loss'] });
    expect(complete('accuracy > 0.9 and l', 20, keys)?.options).toEqual(['metrics.loss', 'params.lr', 'metrics.val_loss']);
    expect(complete('(opt', 4, keys)?.options).toEqual(['params.train.optimizer']);
  });

  it('completes tags after tag = / tag ~, quoting those that need it', () => {
    expect(complete('tag = ', 6, keys)?.options).toEqual(['best', '"needs review"']);
    expect(complete('tag ~ re', 8, keys)?.options).toEqual(['"needs review"']);
  });

  it('offers nothing for a value, an operator or an exact match', () => {
    expect(complete('accuracy > 0.9', 14, keys)).toBeNull();
    expect(complete('accuracy ', 9, keys)).toBeNull();
    expect(complete('metrics.loss', 12, keys)).toBeNull();
    expect(complete('', 0, keys)).toBeNull();
  });

  it('builds the placeholder from real keys and values', () => {
    expect(placeholder(keys, { metric: 0.9134, param: 32 })).toContain('metrics.accuracy > 0.91 and params.batch = 32');
    expect(placeholder(keys, {})).toContain('metrics.accuracy > 0.9 · status = "failed" · tag = best');
    expect(placeholder({ metrics: [], params: [], tags: [] }, {})).toBe('Filter: status = "failed"   (Enter; Tab completes)');
  });
});
