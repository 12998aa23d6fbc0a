import type { RunRow } from '../../../shared/contract/index.js';
import { useCallback, useEffect, useMemo } from 'react';
import { FlaskConical, GitCompare } from 'lucide-react';
import { useRuns } from '../../stores/runs';
import { useNavigation } from '../../stores/navigation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ColumnChooser } from './ColumnChooser';
import { DeleteRunsButton } from './DeleteRunsButton';
import { FilterBox } from './FilterBox';
import { RunsTable } from './RunsTable';
import { allColumns, visibleColumns } from './run-columns';

/** The runs table with its filter, column chooser, selection, Compare and Delete. */
export function RunsList() {
  const s = useRuns();
  const navigate = useNavigation((n) => n.navigate);
  useEffect(() => {
    void useRuns.getState().load();
  }, []);
  const all = useMemo(() => allColumns(s.paramColumns, s.metricColumns), [s.paramColumns, s.metricColumns]);
  const cols = useMemo(() => visibleColumns(all, s.columnChoice, s.pinned), [all, s.columnChoice, s.pinned]);
  const onRange = useCallback((a: number, b: number) => useRuns.getState().ensureRows(a, b), []);
  const rowAt = useCallback((i: number) => useRuns.getState().row(i), []);
  const n = s.selection.length;
  const keys = useMemo(() => ({ metrics: s.metricColumns, params: s.paramColumns, tags: s.tagValues }), [s.metricColumns, s.paramColumns, s.tagValues]);
  // the placeholder's example values come from the first loaded runs that have them
  const page0 = s.pages.get(0) ?? [];
  const m0 = s.metricColumns[0];
  const p0 = s.paramColumns[0];
  const example = {
    metric: m0 ? (page0.find((r) => r.metrics[m0]?.last != null)?.metrics[m0]?.last ?? undefined) : undefined,
    param: p0 ? page0.find((r) => r.params[p0] != null)?.params[p0] : undefined,
  };

  return (
    <div className="kr-view">
      <header className="kr-header">
        <h1>Runs</h1>
        <span className="muted num" data-testid="runs-total">
          {s.loaded ? `${s.total.toLocaleString('en-US')} ${s.filter ? 'matching ' : ''}run${s.total === 1 ? '' : 's'}` : ''}
        </span>
        <span className="kr-header-actions">
          {n ? <span className="muted">{n} selected</span> : null}
          {n ? (
            <Button size="normal" variant="ghost" onClick={() => s.setSelection([])}>
              Clear
            </Button>
          ) : null}
          <Button
            variant="primary"
            icon={<GitCompare size={14} />}
            disabled={n < 2 || n > 20}
            title={n < 2 ? 'Select 2 to 20 runs to compare' : n > 20 ? 'Compare takes at most 20 runs' : `Compare ${n} runs`}
            onClick={() => navigate('runs', { compare: s.selection.join(',') })}
          >
            Compare{n ? ` ${n}` : ''}
          </Button>
          <DeleteRunsButton count={n} running={selectedRunning(s.pages, s.selection)} onDelete={() => s.remove(s.selection)} />
          <ColumnChooser all={all} visible={new Set(cols.map((c) => c.id))} onChoose={s.chooseColumn} pinned={s.pinned} onPin={s.pinColumn} />
        </span>
      </header>
      <FilterBox value={s.filter} error={s.filterError} onApply={s.setFilter} keys={keys} example={example} />
      {s.error ? <ErrorBanner error={s.error.message} title="Could not list the runs" /> : null}
      {s.loaded && s.total === 0 && !s.filter ? (
        <EmptyState
          icon={<FlaskConical size={28} />}
          title="No runs yet"
          hint="Run the pipeline from the Pipelines view, or import a run logged elsewhere with `kiln runs import FILE.jsonl`."
        />
      ) : (
        <RunsTable
          columns={cols}
          pinned={s.pinned.filter((id) => all.some((c) => c.id === id)).length}
          total={s.total}
          version={s.pagesVersion}
          rowAt={rowAt}
          sort={s.sort}
          onSort={s.setSort}
          selection={s.selection}
          onToggle={s.toggleSelected}
          onOpen={(id) => navigate('runs', { run: id })}
          onRange={onRange}
          resetKey={`${JSON.stringify(s.sort)}|${s.filter}`}
        />
      )}
    </div>
  );
}

/** Whether a selected run is still running, among the rows loaded (the selection is made from them). */
function selectedRunning(pages: Map<number, RunRow[]>, selection: string[]): boolean {
  if (!selection.length) return false;
  const ids = new Set(selection);
  for (const rows of pages.values()) for (const r of rows) if (ids.has(r.id) && r.status === 'running') return true;
  return false;
}
