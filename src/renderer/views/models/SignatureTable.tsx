import type { ModelSignature, TensorSpec } from '../../../shared/contract/index.js';

function shape(s: TensorSpec['shape']): string {
  return s ? `[${s.map((d) => (d === null ? '?' : d)).join(', ')}]` : '—';
}

/** Inputs and outputs the format declares: name, dtype, shape (? is a free dimension, usually the batch). */
export function SignatureTable({ signature }: { signature: ModelSignature | null }) {
  if (!signature) return <div className="muted">This format carries no signature.</div>;
  const rows = [...signature.inputs.map((t) => ({ io: 'input', t })), ...signature.outputs.map((t) => ({ io: 'output', t }))];
  return (
    <table className="table" aria-label="Signature">
      <thead>
        <tr>
          <th />
          <th>Name</th>
          <th>Type</th>
          <th>Shape</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ io, t }, i) => (
          <tr key={i}>
            <td className="muted">{io}</td>
            <td className="mono">{t.name}</td>
            <td className="mono">{t.dtype ?? '—'}</td>
            <td className="mono">{shape(t.shape)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
