/** Placeholder until the pipelines view lands. */
export function PipelinesView() {
  return <div className="empty-state">The pipelines view is coming.</div>;
}
