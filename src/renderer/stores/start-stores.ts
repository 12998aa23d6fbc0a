import { useEngine, subscribeEngine } from './engine';
import { useGpus, subscribeGpus } from './gpus';
import { useWorkspace, subscribeWorkspace } from './workspace';
import { useJobs, subscribeJobs } from './jobs';
import { subscribeDatasets, useDatasets } from './datasets';
import { subscribeIntegrity, useIntegrity } from './integrity';
import { subscribeModels, useModels } from './models';
import { subscribeDeployments } from './deployments';

let started = false;

/**
 * Subscribes first (so no event is missed), then loads every store in parallel. Nothing awaits
 * the engine: the shell paints at once and the status bar fills in.
 */
export function startStores(): void {
  if (started) return;
  started = true;
  subscribeEngine();
  subscribeGpus();
  subscribeWorkspace();
  subscribeJobs();
  subscribeDatasets();
  subscribeIntegrity();
  subscribeModels();
  subscribeDeployments();
  void useEngine.getState().load();
  void useGpus.getState().load();
  void useJobs.getState().load();
  void useIntegrity.getState().load();
  void useWorkspace
    .getState()
    .load()
    .then(() => {
      if (!useWorkspace.getState().current) return;
      void useDatasets.getState().load();
      // the palette lists models to open and aliases to roll back, before the view is first opened
      void useModels.getState().load();
    });
}
