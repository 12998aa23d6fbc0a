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
  const acc = new ClassifierAccumulator(k, labels);
  acc.add(scores, 0);
  return acc.result();
}

/**
 * classifierMetrics gathered batch by batch: the TF.js worker feeds it each batch's scores as they
 * come, where the loop is hot and the caller's thread would otherwise wait on it afterwards.
 */
export class ClassifierAccumulator {
  private readonly classes: number;
  /** flat counts, row = true class, column = predicted */
  private readonly counts: Float64Array;
  private correct = 0;
  private readonly targets: number[];
  /** per target class: the scores of its rows and of the other rows, for ROC AUC */
  private readonly split: { p: Float64Array; q: Float64Array; a: number; b: number }[];

  constructor(
    private readonly k: number,
    private readonly labels: Float64Array,
  ) {
    this.classes = Math.max(2, k);
    this.counts = new Float64Array(this.classes * this.classes);
    this.targets = this.classes === 2 ? [1] : [...Array(this.classes).keys()];
    this.split = this.targets.map((c) => {
      let pos = 0;
      for (let i = 0; i < labels.length; i++) if (labels[i] === c) pos++;
      return { p: new Float64Array(pos), q: new Float64Array(labels.length - pos), a: 0, b: 0 };
    });
  }

  /** the scores of rows first … first + scores.length / max(k, 1) − 1 */
  add(scores: Float32Array, first: number): void {
    const { k, classes, counts, labels } = this;
    const rows = k === 1 ? scores.length : scores.length / k;
    for (let r = 0; r < rows; r++) {
      let pred = 0;
      if (k === 1) pred = scores[r]! >= 0.5 ? 1 : 0;
      else for (let c = 1; c < k; c++) if (scores[r * k + c]! > scores[r * k + pred]!) pred = c;
      const y = labels[first + r]! | 0;
      counts[y * classes + pred]! += 1;
      if (pred === y) this.correct++;
    }
    this.targets.forEach((c, t) => {
      const sp = this.split[t]!;
      for (let r = 0; r < rows; r++) {
        const s = k === 1 ? (c === 1 ? scores[r]! : 1 - scores[r]!) : scores[r * k + c]!;
        if (labels[first + r] === c) sp.p[sp.a++] = s;
        else sp.q[sp.b++] = s;
      }
    });
  }

  result(): ClassifierMetrics {
    const { classes, counts } = this;
    const n = this.labels.length;
    const cm = Array.from({ length: classes }, (_, r) => Array.from(counts.subarray(r * classes, (r + 1) * classes)));
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
    const avg = (f: (c: number) => number) => this.targets.reduce((a, c) => a + f(c), 0) / this.targets.length;
    const aucs = this.split.map((sp) => aucOfSplit(sp.p, sp.q)).filter((a) => a !== null);
    return {
      metrics: {
        accuracy: n ? this.correct / n : 0,
        precision: avg((c) => per(c).precision),
        recall: avg((c) => per(c).recall),
        f1: avg((c) => per(c).f1),
        roc_auc: aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : NaN,
      },
      confusionMatrix: cm,
      classes: [...Array(classes).keys()],
    };
  }
}

/**
 * Area under the ROC curve: the chance a positive scores above a negative, ties counting half (the
 * Mann–Whitney U). Null when one class is absent.
 */
export function rocAuc(n: number, score: (i: number) => number, positive: (i: number) => boolean): number | null {
  const p: number[] = [];
  const q: number[] = [];
  for (let i = 0; i < n; i++) (positive(i) ? p : q).push(score(i));
  return aucOfSplit(Float64Array.from(p), Float64Array.from(q));
}

/**
 * AUC from the positives' and the negatives' scores: both sorted with the typed arrays' native sort
 * and merged, several times faster than sorting row indices through a comparator. Sorts in place.
 */
function aucOfSplit(p: Float64Array, q: Float64Array): number | null {
  const pos = p.length;
  const neg = q.length;
  if (!pos || !neg) return null;
  p.sort();
  q.sort();
  // for each run of equal positives: the negatives below it, and those equal (half a win each)
  let below = 0;
  let wins = 0;
  for (let i = 0; i < pos;) {
    const s = p[i]!;
    while (below < neg && q[below]! < s) below++;
    let equal = 0;
    while (below + equal < neg && q[below + equal] === s) equal++;
    let same = 1;
    while (i + same < pos && p[i + same] === s) same++;
    wins += same * (below + equal / 2);
    i += same;
  }
  return wins / (pos * neg);
}

export interface RegressorMetrics {
  rmse: number;
  mae: number;
  r2: number;
}

export function regressorMetrics(pred: Float32Array, y: Float64Array): RegressorMetrics {
  const acc = new RegressorAccumulator(y);
  acc.add(pred, 0);
  return acc.result();
}

/** regressorMetrics gathered batch by batch (see ClassifierAccumulator). */
export class RegressorAccumulator {
  private se = 0;
  private ae = 0;

  constructor(private readonly y: Float64Array) {}

  add(pred: Float32Array, first: number): void {
    for (let i = 0; i < pred.length; i++) {
      const d = pred[i]! - this.y[first + i]!;
      this.se += d * d;
      this.ae += Math.abs(d);
    }
  }

  result(): RegressorMetrics {
    const { y, se, ae } = this;
    const n = y.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i]!;
    mean /= n || 1;
    let tot = 0;
    for (let i = 0; i < n; i++) tot += (y[i]! - mean) ** 2;
    return { rmse: Math.sqrt(se / (n || 1)), mae: ae / (n || 1), r2: tot ? 1 - se / tot : se === 0 ? 1 : 0 };
  }
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
