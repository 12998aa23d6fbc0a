import { describe, expect, it } from 'vitest';
import { allColumns, visibleColumns } from '../../../../../src/renderer/views/runs/run-columns.js';

describe('run columns', () => {
  const params = Array.from({ length: 8 }, (_, i) => `p${i}`);
  const metrics = ['accuracy', 'loss'];

  it('gives each param and metric a column that sorts the way core understands', () => {
    const all = allColumns(params, metrics);
    expect(all.find((c) => c.id === 'params.p3')!.sortKey).toBe('params.p3');
    expect(all.find((c) => c.id === 'metrics.loss')!.sortKey).toBe('metrics.loss.last');
    expect(all.find((c) => c.id === 'datasets')!.sortKey).toBeNull();
  });

  it('shows the first six params, every metric and no notes until the user chooses', () => {
    const shown = visibleColumns(allColumns(params, metrics), {}).map((c) => c.id);
    expect(shown).toContain('params.p5');
    expect(shown).not.toContain('params.p6');
    expect(shown).toContain('metrics.loss');
    expect(shown).not.toContain('notes');
  });

  it('follows the user’s choice over the defaults', () => {
    const shown = visibleColumns(allColumns(params, metrics), { 'params.p7': true, duration: false, notes: true }).map((c) => c.id);
    expect(shown).toContain('params.p7');
    expect(shown).toContain('notes');
    expect(shown).not.toContain('duration');
  });
});
