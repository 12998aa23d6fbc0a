import { useEffect } from 'react';
import { createViewCache } from './view-cache';

/** A run's stored outputs and their previews: a stored file never changes, but a live run gains outputs. */
const views = createViewCache<'runs:files' | 'runs:preview'>();
export const useRunView = views.useView;

/** Re-reads the run's output tree when `outputsKey` (its stored outputs) changes. */
export function useRunFilesRefresh(runId: string, outputsKey: string): void {
  useEffect(() => {
    views.invalidate((op, input) => op === 'runs:files' && (input as { runId: string }).runId === runId);
  }, [runId, outputsKey]);
}
