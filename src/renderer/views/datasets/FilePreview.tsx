import type { FilePreview as Preview, PreviewCell } from '../../../shared/contract/index.js';
import { useDatasetView } from '../../stores/datasets';
import { useModelView } from '../../stores/models';
import { useRunView } from '../../stores/run-files';
import { TfjsModelBody } from './TfjsModelBody';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from '../../../shared/format.js';
import type { FileSource } from './file-source';

/** Numbers right-aligned, whether the format typed them (JSON, Parquet) or not (CSV text). */
function numeric(v: PreviewCell): boolean {
  return typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v));
}

function cell(v: PreviewCell) {
  if (v === null) return <span className="faint">null</span>;
  if (typeof v === 'boolean') return String(v);
  return String(v);
}

/** First rows of a table, first lines of text, an image or a TF.js model's layers; what a binary file is otherwise. Datasets', models' and runs' files alike. */
export function FilePreview({ source, path }: { source: FileSource; path: string }) {
  const fromDataset = useDatasetView(
    'datasets:preview',
    source.kind === 'dataset' ? { dataset: source.dataset, version: source.version, path, limit: 100 } : null,
    { ownOnly: true },
  );
  const fromModel = useModelView('models:preview', source.kind === 'model' ? { ref: source.ref, path, limit: 100 } : null);
  const fromRun = useRunView('runs:preview', source.kind === 'run' ? { runId: source.runId, path, limit: 100 } : null);
  const { data, error, loading } = source.kind === 'dataset' ? fromDataset : source.kind === 'model' ? fromModel : fromRun;
  return (
    <section className="card preview" aria-label="Preview" data-testid="file-preview">
      <div className="card-head">
        <h2>Preview</h2>
        {data && <PreviewNote p={data} />}
        {loading && <Spinner />}
      </div>
      {error != null && (
        <div className="card-body">
          <ErrorBanner error={error} title="No preview" />
        </div>
      )}
      {data && <PreviewBody p={data} />}
    </section>
  );
}

function PreviewNote({ p }: { p: Preview }) {
  if (p.kind === 'table')
    return (
      <span className="muted num">{`${p.format.toUpperCase()} · ${p.columns.length} columns · first ${p.rows.length} rows${p.truncated ? '' : ' (all)'}`}</span>
    );
  if (p.kind === 'text') return <span className="muted num">{`first ${p.lines.length} lines${p.truncated ? '' : ' (all)'}`}</span>;
  if (p.kind === 'image') return <span className="muted num">{p.width && p.height ? `${p.width} × ${p.height}` : p.mime}</span>;
  if (p.kind === 'tfjs-model')
    return (
      <span className="muted num">{`TF.js ${p.format} model · ${p.layers.length} ${p.format === 'graph' ? 'nodes' : 'layers'} · ${p.totalParams.toLocaleString('en-US')} params`}</span>
    );
  return null;
}

function PreviewBody({ p }: { p: Preview }) {
  if (p.kind === 'table') {
    // a column is numeric when every non-null value in view is: its header aligns with its numbers
    const numCol = p.columns.map((_, j) => p.rows.some((r) => r[j] !== null) && p.rows.every((r) => r[j] === null || numeric(r[j]!)));
    return (
      <div className="preview-scroll">
        <table className="table preview-table" data-testid="preview-table">
          <thead>
            <tr>
              <th className="num faint">#</th>
              {p.columns.map((c, i) => (
                <th key={i} className={numCol[i] ? 'num' : undefined}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r, i) => (
              <tr key={i}>
                <td className="num faint">{i + 1}</td>
                {r.map((v, j) => (
                  <td key={j} className={numCol[j] ? 'num' : undefined}>
                    {cell(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (p.kind === 'text')
    return (
      <pre className="preview-text mono">
        {p.lines.map((l, i) => (
          <div key={i} className="preview-line">
            <span className="preview-ln faint">{i + 1}</span>
            <span>{l}</span>
          </div>
        ))}
      </pre>
    );
  if (p.kind === 'image')
    return (
      <div className="preview-image">
        {p.base64 ? (
          <img alt={p.path} src={`data:${p.mime};base64,${p.base64}`} />
        ) : (
          <div className="muted">{`The image is ${formatBytes(p.size)}: too large to preview here.`}</div>
        )}
      </div>
    );
  if (p.kind === 'tfjs-model') return <TfjsModelBody p={p} />;
  return <div className="card-body muted">{p.message}</div>;
}
