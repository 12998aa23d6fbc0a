import { lazy, Suspense } from 'react';
import { useNavigation } from '../../stores/navigation';
import { RunsList } from './RunsList';
import './runs.css';

// the table opens first and fast; the run and compare pages carry the chart library, loaded when first opened
const RunPage = lazy(() => import('./RunPage').then((m) => ({ default: m.RunPage })));
const ComparePage = lazy(() => import('./ComparePage').then((m) => ({ default: m.ComparePage })));

/** Runs: the table, one run (`?run=ID`) or a comparison (`?compare=A,B,…`). */
export function RunsView() {
  const params = useNavigation((n) => n.route.params);
  if (params.run)
    return (
      <Suspense fallback={null}>
        <RunPage key={params.run} runId={params.run} />
      </Suspense>
    );
  if (params.compare)
    return (
      <Suspense fallback={null}>
        <ComparePage key={params.compare} runIds={params.compare.split(',').filter(Boolean)} baseline={params.baseline} />
      </Suspense>
    );
  return <RunsList />;
}
