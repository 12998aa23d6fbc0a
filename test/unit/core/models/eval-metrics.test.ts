import { describe, expect, it } from 'vitest';
import { classifierMetrics, latencyStats, regressorMetrics, rocAuc } from '../../../../src/core/models/eval/eval-metrics.js';
import { batchSchedule } from '../../../../src/core/models/eval/run-predict.js';

describe('evaluation metrics', () => {
  it('computes binary classifier metrics against a hand count', () => {
    // scores for class 1 (two columns), labels: TP=2, FP=1, FN=1, TN=2
    const p1 = [0.9, 0.8, 0.7, 0.4, 0.3, 0.2];
    const labels = new Float64Array([1, 1, 0, 1, 0, 0]);
    const scores = new Float32Array(p1.flatMap((p) => [1 - p, p]));
    const r = classifierMetrics(scores, 2, labels);
    expect(r.confusionMatrix).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(r.metrics.accuracy).toBeCloseTo(4 / 6);
    expect(r.metrics.precision).toBeCloseTo(2 / 3);
    expect(r.metrics.recall).toBeCloseTo(2 / 3);
    expect(r.metrics.f1).toBeCloseTo(2 / 3);
    // positives at ranks 6,5,3 of 6: U = 14 − 6 = 8 of 9 pairs
    expect(r.metrics.roc_auc).toBeCloseTo(8 / 9);
    const single = classifierMetrics(new Float32Array(p1), 1, labels);
    expect(single.metrics).toEqual(r.metrics);
  });

  it('averages ROC AUC ties and refuses a single class', () => {
    expect(
      rocAuc(
        4,
        () => 0.5,
        (i) => i < 2,
      ),
    ).toBe(0.5);
    expect(
      rocAuc(
        3,
        (i) => i,
        () => true,
      ),
    ).toBeNull();
  });

  it('matches the pairwise definition of ROC AUC on random scores with ties', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [2, 7, 50, 400]) {
      // scores on a coarse grid, so many tie
      const s = Array.from({ length: n }, () => Math.round(rnd() * 8) / 8);
      const y = Array.from({ length: n }, (_, i) => (i === 0 ? true : i === 1 ? false : rnd() < 0.4));
      let wins = 0;
      let pairs = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          if (y[i] && !y[j]) {
            pairs++;
            wins += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
          }
      expect(
        rocAuc(
          n,
          (i) => s[i]!,
          (i) => y[i]!,
        ),
      ).toBeCloseTo(wins / pairs, 12);
    }
  });

  it('macro-averages three classes', () => {
    const scores = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0]);
    const r = classifierMetrics(scores, 3, new Float64Array([0, 1, 2, 2]));
    expect(r.metrics.accuracy).toBe(0.75);
    expect(r.confusionMatrix[2]).toEqual([0, 1, 1]);
    expect(r.metrics.recall).toBeCloseTo((1 + 1 + 0.5) / 3);
  });

  it('computes RMSE, MAE and R²', () => {
    const r = regressorMetrics(new Float32Array([1, 2, 3, 5]), new Float64Array([1, 2, 3, 4]));
    expect(r.mae).toBeCloseTo(0.25);
    expect(r.rmse).toBeCloseTo(0.5);
    expect(r.r2).toBeCloseTo(1 - 1 / 5);
  });

  it('schedules small probe batches first and reports p50/p95 per batch size', () => {
    const s = batchSchedule(5000);
    expect(s.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(s.slice(0, 21)).toEqual([...Array(20).fill(1), 32]);
    expect(batchSchedule(10)).toEqual(Array(10).fill(1));
    const l = latencyStats([
      [1, 5],
      [1, 1],
      [1, 2],
      [32, 9],
    ]);
    expect(l).toEqual([
      { batchSize: 1, p50Ms: 2, p95Ms: 5, batches: 3 },
      { batchSize: 32, p50Ms: 9, p95Ms: 9, batches: 1 },
    ]);
  });
});
