import { describe, expect, it } from 'vitest';
import { allColumns, runLabel, visibleColumns } from '../../../../../src/renderer/views/runs/run-columns.js';

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

describe('runs table names and pinned columns (issue 10)', () => {
  it('a run without a real name reads "#3", not "#3 run #3"', () => {
    expect(runLabel(3, 'run #3')).toBe('#3');
    expect(runLabel(3, '')).toBe('#3');
    expect(runLabel(3, 'lr-sweep')).toBe('#3 lr-sweep');
  });

  it('metrics come before params; pinned columns first and always shown', () => {
    const all = allColumns(['lr'], ['accuracy']);
    expect(all.map((c) => c.id).slice(-2)).toEqual(['metrics.accuracy', 'params.lr']);
    const v = visibleColumns(all, { 'params.lr': false }, ['params.lr']);
    expect(v[0]!.id).toBe('params.lr');
    expect(v.filter((c) => c.id === 'params.lr')).toHaveLength(1);
  });
});
