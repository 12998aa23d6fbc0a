/** Placeholder until the runs view lands. */
export function RunsView() {
  return <div className="empty-state">The runs view is coming.</div>;
}
