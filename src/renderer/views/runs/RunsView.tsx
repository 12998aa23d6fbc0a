import { useNavigation } from '../../stores/navigation';
import { ComparePage } from './ComparePage';
import { RunPage } from './RunPage';
import { RunsList } from './RunsList';
import './runs.css';

/** Runs: the table, one run (`?run=ID`) or a comparison (`?compare=A,B,…`). */
export function RunsView() {
  const params = useNavigation((n) => n.route.params);
  if (params.run) return <RunPage key={params.run} runId={params.run} />;
  if (params.compare) return <ComparePage key={params.compare} runIds={params.compare.split(',').filter(Boolean)} baseline={params.baseline} />;
  return <RunsList />;
}
