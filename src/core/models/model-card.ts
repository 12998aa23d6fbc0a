import type { ModelFormat, ModelLineage, ModelSignature } from '../../shared/contract/index.js';
import type { MetricSummary } from '../../shared/contract/runs.js';

/** The generated model card: what a reader needs before using the version; editable afterwards. */
export function generateCard(v: {
  name: string;
  version: number;
  format: ModelFormat;
  sizeBytes: number;
  digest: string;
  signature: ModelSignature | null;
  lineage: ModelLineage;
  metrics: Record<string, MetricSummary>;
  unsafe: boolean;
  message: string;
}): string {
  const out: string[] = [`# ${v.name} v${v.version}`, ''];
  if (v.message) out.push(v.message, '');
  out.push('## Model', '', `- Format: ${v.format}`, `- Size: ${(v.sizeBytes / 1048576).toFixed(2)} MiB`, `- Digest: \`${v.digest}\``);
  if (v.unsafe) out.push('- **Unsafe**: holds pickle files, which run code when loaded. Kiln never loads them.');
  out.push('');
  if (v.signature) {
    out.push('## Signature', '', '| | name | dtype | shape |', '|---|---|---|---|');
    for (const [kind, list] of [
      ['input', v.signature.inputs],
      ['output', v.signature.outputs],
    ] as const) {
      for (const t of list)
        out.push(`| ${kind} | ${t.name} | ${t.dtype ?? '?'} | ${t.shape ? `[${t.shape.map((d) => (d === null ? '?' : d)).join(', ')}]` : '?'} |`);
    }
    out.push('');
  }
  const l = v.lineage;
  out.push('## Lineage', '');
  if (l.runId === null) out.push('Registered from files, not from a run.', '');
  else {
    out.push(`- Run: #${l.runNumber ?? '?'} (\`${l.runId}\`), stage \`${l.stage ?? '?'}\`, output \`${l.output ?? '?'}\``);
    if (l.imageId) out.push(`- Image: \`${l.imageId}\``);
    if (l.codeDigest) out.push(`- Code: \`${l.codeDigest}\``);
    for (const d of l.datasetVersions) out.push(`- Data (${d.role}, ${d.stage}): ${d.dataset}@${d.version}`);
    const params = Object.entries(l.params);
    if (params.length) out.push(`- Params: ${params.map(([k, p]) => `${k}=${String(p)}`).join(', ')}`);
    out.push('');
  }
  const metrics = Object.entries(v.metrics);
  if (metrics.length) {
    out.push('## Training metrics', '', '| metric | last | min | max |', '|---|---|---|---|');
    for (const [k, m] of metrics) out.push(`| ${k} | ${fmt(m.last)} | ${fmt(m.min)} | ${fmt(m.max)} |`);
    out.push('');
  }
  out.push('## Intended use', '', '_Describe what this model is for, and what it must not be used for._', '');
  return out.join('\n');
}

function fmt(n: number | null): string {
  return n === null ? '–' : Number.isInteger(n) ? String(n) : n.toPrecision(4);
}
