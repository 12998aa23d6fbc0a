import type { TfjsModelPreview } from '../../../shared/contract/index.js';
import { formatBytes } from '../../../shared/format.js';

const shape = (s: (number | null)[] | null) => (s ? `[${s.map((d) => (d === null ? 'None' : d)).join(', ')}]` : '?');

/** A TF.js model.json: its layers with output shapes and parameters, then its weight shards with their sizes. */
export function TfjsModelBody({ p }: { p: TfjsModelPreview }) {
  const shardBytes = p.shards.reduce((a, s) => a + (s.size ?? 0), 0);
  return (
    <div className="preview-scroll" data-testid="tfjs-model">
      <table className="table preview-table" aria-label="Layers">
        <thead>
          <tr>
            <th>Layer</th>
            <th>{p.format === 'graph' ? 'Op' : 'Type'}</th>
            <th>Output shape</th>
            <th className="num">Params</th>
          </tr>
        </thead>
        <tbody>
          {p.layers.map((l, i) => (
            <tr key={i}>
              <td className="mono">{l.name}</td>
              <td>{l.className}</td>
              <td className="mono">{shape(l.outputShape)}</td>
              <td className="num">{l.params.toLocaleString('en-US')}</td>
            </tr>
          ))}
          <tr className="total-row">
            <td colSpan={3} className="total-label">
              Total
            </td>
            <td className="num">{p.totalParams.toLocaleString('en-US')}</td>
          </tr>
        </tbody>
      </table>
      <table className="table preview-table" aria-label="Weight shards">
        <thead>
          <tr>
            <th>Weight shard</th>
            <th className="num">Size</th>
          </tr>
        </thead>
        <tbody>
          {p.shards.map((s) => (
            <tr key={s.path}>
              <td className="mono">{s.path}</td>
              <td className="num">{s.size === null ? <span className="danger">missing</span> : formatBytes(s.size)}</td>
            </tr>
          ))}
          <tr className="total-row">
            <td>{`${p.shards.length} shard${p.shards.length === 1 ? '' : 's'}`}</td>
            <td className="num">{formatBytes(shardBytes)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
