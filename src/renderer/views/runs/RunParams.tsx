/** The run's params, flattened (`train.lr`), one per line. */
export function RunParams({ params }: { params: Record<string, string | number | boolean | null> }) {
  const keys = Object.keys(params).sort();
  if (keys.length === 0) return <div className="muted">No params.</div>;
  return (
    <dl className="kv">
      {keys.map((k) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt className="mono">{k}</dt>
          <dd className="mono">{String(params[k])}</dd>
        </div>
      ))}
    </dl>
  );
}
