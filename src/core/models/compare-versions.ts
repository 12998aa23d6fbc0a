import type { ModelCompareResult, ModelSignature, ModelVersion, TensorSpec } from '../../shared/contract/index.js';

const metricOf = (v: ModelVersion, k: string): number | null => v.gateReport?.metrics[k] ?? v.metrics[k]?.last ?? null;

/** Tensors matched by name, in a's order then b's extras: those that differ or that one side lacks. */
function signatureDiff(a: ModelSignature | null, b: ModelSignature | null): ModelCompareResult['signatureDiff'] {
  const out: ModelCompareResult['signatureDiff'] = [];
  for (const io of ['input', 'output'] as const) {
    const key = io === 'input' ? 'inputs' : 'outputs';
    const xs = a?.[key] ?? [];
    const ys = b?.[key] ?? [];
    const names = [...new Set([...xs.map((t) => t.name), ...ys.map((t) => t.name)])];
    for (const name of names) {
      const x: TensorSpec | null = xs.find((t) => t.name === name) ?? null;
      const y: TensorSpec | null = ys.find((t) => t.name === name) ?? null;
      if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ io, name, a: x, b: y });
    }
  }
  return out;
}

/** Two versions side by side: metrics (evaluation first, then the run's last values), params, signature, format and size; deltas are b − a. */
export function compareVersions(va: ModelVersion, vb: ModelVersion): ModelCompareResult {
  const keys = [
    ...new Set([
      ...Object.keys(va.gateReport?.metrics ?? {}),
      ...Object.keys(vb.gateReport?.metrics ?? {}),
      ...Object.keys(va.metrics),
      ...Object.keys(vb.metrics),
    ]),
  ];
  const metrics = keys.map((k) => {
    const x = metricOf(va, k);
    const y = metricOf(vb, k);
    return { metric: k, a: x, b: y, delta: x !== null && y !== null ? y - x : null };
  });
  const pkeys = [...new Set([...Object.keys(va.lineage.params), ...Object.keys(vb.lineage.params)])].sort();
  const params = pkeys.map((k) => {
    const x = va.lineage.params[k] ?? null;
    const y = vb.lineage.params[k] ?? null;
    return { key: k, a: x, b: y, differs: x !== y };
  });
  const sig = signatureDiff(va.signature, vb.signature);
  return {
    a: va,
    b: vb,
    metrics,
    params,
    signatureEqual: JSON.stringify(va.signature) === JSON.stringify(vb.signature),
    signatureDiff: sig,
    formatEqual: va.format === vb.format,
    sizeDelta: vb.sizeBytes - va.sizeBytes,
  };
}
