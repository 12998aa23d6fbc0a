import type { LatencyStat } from '../../../shared/contract/index.js';

export interface ClassifierMetrics {
  metrics: { accuracy: number; precision: number; recall: number; f1: number; roc_auc: number };
  confusionMatrix: number[][];
  classes: number[];
}

/**
 * Classifier metrics from class scores (rows × k, k ≥ 2) or one probability per row (k = 1, binary,
 * threshold 0.5) against integer labels 0…k−1. Binary: precision/recall/F1 of class 1; more
 * classes: their macro average; ROC AUC likewise (one-vs-rest, macro).
 */
export function classifierMetrics(scores: Float32Array, k: number, labels: Float64Array): ClassifierMetrics {
  const n = labels.length;
  const classes = Math.max(2, k);
  const cm = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const prob = (i: number, c: number) => (k === 1 ? (c === 1 ? scores[i]! : 1 - scores[i]!) : scores[i * k + c]!);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let pred = 0;
    if (k === 1) pred = scores[i]! >= 0.5 ? 1 : 0;
    else for (let c = 1; c < k; c++) if (scores[i * k + c]! > scores[i * k + pred]!) pred = c;
    const y = labels[i]!;
    cm[y]![pred]!++;
    if (pred === y) correct++;
  }
  const per = (c: number) => {
    const tp = cm[c]![c]!;
    let fp = 0;
    let fn = 0;
    for (let j = 0; j < classes; j++) {
      if (j !== c) {
        fp += cm[j]![c]!;
        fn += cm[c]![j]!;
      }
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1 };
  };
  const targets = classes === 2 ? [1] : [...Array(classes).keys()];
  const avg = (f: (c: number) => number) => targets.reduce((a, c) => a + f(c), 0) / targets.length;
  const aucs = targets
    .map((c) =>
      rocAuc(
        n,
        (i) => prob(i, c),
        (i) => labels[i] === c,
      ),
    )
    .filter((a) => a !== null);
  return {
    metrics: {
      accuracy: n ? correct / n : 0,
      precision: avg((c) => per(c).precision),
      recall: avg((c) => per(c).recall),
      f1: avg((c) => per(c).f1),
      roc_auc: aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : NaN,
    },
    confusionMatrix: cm,
    classes: [...Array(classes).keys()],
  };
}

/** Area under the ROC curve by ranks (Mann–Whitney U), ties averaged; null when one class is absent. */
export function rocAuc(n: number, score: (i: number) => number, positive: (i: number) => boolean): number | null {
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => score(a) - score(b));
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && score(idx[j + 1]!) === score(idx[i]!)) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) {
      if (positive(idx[t]!)) {
        pos++;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (!pos || !neg) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function regressorMetrics(pred: Float32Array, y: Float64Array): { rmse: number; mae: number; r2: number } {
  const n = y.length;
  let se = 0;
  let ae = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n || 1;
  let tot = 0;
  for (let i = 0; i < n; i++) {
    const d = pred[i]! - y[i]!;
    se += d * d;
    ae += Math.abs(d);
    tot += (y[i]! - mean) ** 2;
  }
  return { rmse: Math.sqrt(se / (n || 1)), mae: ae / (n || 1), r2: tot ? 1 - se / tot : se === 0 ? 1 : 0 };
}

/** p50/p95 of the batch times, per batch size. */
export function latencyStats(timings: [number, number][]): LatencyStat[] {
  const by = new Map<number, number[]>();
  for (const [size, ms] of timings) {
    const l = by.get(size) ?? [];
    l.push(ms);
    by.set(size, l);
  }
  const q = (s: number[], p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([batchSize, l]) => {
      const s = [...l].sort((a, b) => a - b);
      return { batchSize, p50Ms: q(s, 0.5), p95Ms: q(s, 0.95), batches: s.length };
    });
}
