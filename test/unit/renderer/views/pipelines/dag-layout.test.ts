import { describe, expect, it } from 'vitest';
import { layoutDag, NODE_W } from '../../../../../src/renderer/views/pipelines/dag-layout.js';

const stage = (name: string) => ({ name }) as never;

describe('layoutDag', () => {
  it('lays stages out left to right in dependency order, one edge per stage pair', () => {
    const l = layoutDag({
      stages: [stage('prepare'), stage('train'), stage('evaluate')],
      edges: [
        { from: 'prepare', to: 'train', path: 'data' },
        { from: 'prepare', to: 'evaluate', path: 'data/test' },
        { from: 'prepare', to: 'evaluate', path: 'data/labels' },
        { from: 'train', to: 'evaluate', path: 'model' },
      ],
    });
    const x = Object.fromEntries(l.nodes.map((n) => [n.name, n.x]));
    expect(x.prepare!).toBeLessThan(x.train!);
    expect(x.train!).toBeLessThan(x.evaluate!);
    expect(l.edges).toHaveLength(3);
    expect(l.edges.find((e) => e.from === 'prepare' && e.to === 'evaluate')!.label).toBe('data/test +1');
    for (const e of l.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
    expect(l.width).toBeGreaterThanOrEqual(3 * NODE_W);
  });

  it('places independent stages without overlap', () => {
    const l = layoutDag({ stages: [stage('a'), stage('b'), stage('c')], edges: [] });
    const ys = l.nodes.map((n) => n.y).sort((p, q) => p - q);
    const xs = l.nodes.map((n) => n.x).sort((p, q) => p - q);
    const apart = ys.every((y, i) => i === 0 || y - ys[i - 1]! > 0) || xs.every((x, i) => i === 0 || x - xs[i - 1]! >= NODE_W);
    expect(apart).toBe(true);
  });
});
