import { create } from 'zustand';
import { api } from '../api/client';
import { logHub } from './log-hub';
import { useEngine } from './engine';
import { useGpus } from './gpus';
import type { ErrorData, ImageCheck, PipelineGetResult, RunDetail, RunStageInfo, RunStatusEvent, StageStatus } from '../../shared/contract/index.js';
import { toErrorData } from '../../shared/contract/errors.js';

/** What the Pipelines view shows of one run: live from events, completed by `runs:get`. */
export interface LiveRun {
  runId: string;
  seq: number;
  status: RunStatusEvent['status'];
  error: string | null;
  startedAt: number;
  endedAt: number | null;
  states: Record<string, StageStatus>;
  results: Record<string, RunStageInfo>;
}

interface PipelinesState {
  spec: PipelineGetResult | null;
  loading: boolean;
  loadError: ErrorData | null;
  run: LiveRun | null;
  /** jobId of the pipelines:run this window started, until its first runs:status names the run */
  pendingJob: string | null;
  runError: ErrorData | null;
  selectedStage: string | null;
  /** whether each stage image can be had (asked separately: the registry may be slow to answer) */
  images: ImageCheck[] | null;
  /** the last valid pipeline, kept drawn (dimmed) while kiln.yaml has problems */
  lastPipeline: PipelineGetResult['pipeline'];
  buildingImage: boolean;
  load(): Promise<void>;
  /** builds a node image from this machine's node, for a node image that cannot be pulled */
  buildNodeImage(): Promise<void>;
  start(opts: { force: boolean; stages?: string[] }): Promise<void>;
  cancel(): Promise<void>;
  select(stage: string | null): void;
}

function fromResult(r: RunDetail): LiveRun {
  return {
    runId: r.id,
    seq: r.seq,
    status: r.status,
    error: r.error,
    startedAt: r.startedAt ?? r.createdAt,
    endedAt: r.endedAt,
    states: Object.fromEntries(r.stages.map((s) => [s.stage, s.status])),
    results: Object.fromEntries(r.stages.map((s) => [s.stage, s])),
  };
}

/** The newest pipeline run (imported runs have no DAG to draw), or null before the first. */
async function latestPipelineRun(): Promise<RunDetail | null> {
  const { runs } = await api.invoke('runs:list', { filter: 'kind = "pipeline"', sort: { column: 'seq', dir: 'desc' }, limit: 1 });
  return runs[0] ? api.invoke('runs:get', { runId: runs[0].id }) : null;
}

let subscribed = false;
let reloadTimer: ReturnType<typeof setTimeout> | undefined;

export const usePipelines = create<PipelinesState>((set, get) => {
  const subscribe = () => {
    if (subscribed) return;
    subscribed = true;
    logHub.start();
    // kiln.yaml edited anywhere (this app, an editor, git): re-read it, so errors clear and Run comes back without a reload
    api.on('pipelines:changed', () => scheduleReload());
    api.on('runs:status', (e) => {
      const { run, pendingJob } = get();
      // follow a run this window started, the one on screen, or any newer run (started from the CLI)
      if (e.jobId === pendingJob || !run || run.runId === e.runId || e.seq > run.seq) {
        const same = run?.runId === e.runId;
        set({
          pendingJob: e.jobId === pendingJob ? null : pendingJob,
          run: {
            runId: e.runId,
            seq: e.seq,
            status: e.status,
            error: e.error,
            startedAt: e.startedAt,
            endedAt: e.endedAt,
            states: Object.fromEntries(e.stages.map((s) => [s.stage, s.status])),
            results: same ? run!.results : {},
          },
        });
        if (e.status !== 'running') scheduleReload();
      }
    });
    api.on('runs:stage', (e) => {
      const run = get().run;
      if (!run || run.runId !== e.runId) return;
      set({ run: { ...run, states: { ...run.states, [e.stage]: e.status }, results: { ...run.results, [e.stage]: e } } });
    });
  };
  // staleness changes when a run ends: refresh it once, debounced
  const scheduleReload = () => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void get().load(), 300);
  };

  return {
    spec: null,
    loading: false,
    loadError: null,
    run: null,
    pendingJob: null,
    runError: null,
    selectedStage: null,
    images: null,
    buildingImage: false,
    lastPipeline: null,

    async load() {
      subscribe();
      set({ loading: true });
      void api.invoke('pipelines:images').then(
        (images) => set({ images }),
        () => set({ images: null }),
      );
      // the engine and GPU stores own their state; the view asks them to refresh along with the pipeline
      const [spec, latest] = await Promise.allSettled([
        api.invoke('pipelines:get', { status: true }),
        latestPipelineRun(),
        useEngine.getState().load(),
        useGpus.getState().load(),
      ]);
      set({
        loading: false,
        spec: spec.status === 'fulfilled' ? spec.value : get().spec,
        lastPipeline: spec.status === 'fulfilled' ? (spec.value.pipeline ?? get().lastPipeline) : get().lastPipeline,
        loadError: spec.status === 'rejected' ? toErrorData(spec.reason) : null,
      });
      const cur = get().run;
      if (latest.status === 'fulfilled' && latest.value && (!cur || cur.runId === latest.value.id || latest.value.seq > cur.seq)) {
        set({ run: fromResult(latest.value) });
      }
    },

    async start({ force, stages }) {
      subscribe();
      const jobId = `ui-run-${crypto.randomUUID()}`;
      set({ pendingJob: jobId, runError: null });
      try {
        const r = await api.invoke('pipelines:run', { force, stages, jobId });
        set({ run: fromResult(r), pendingJob: null });
      } catch (e) {
        set({ runError: toErrorData(e), pendingJob: null });
      }
      scheduleReload();
    },

    async buildNodeImage() {
      set({ buildingImage: true, runError: null });
      try {
        await api.invoke('engine:build-node-image', {});
      } catch (e) {
        set({ runError: toErrorData(e) });
      }
      set({ buildingImage: false });
      await get().load();
    },

    async cancel() {
      const run = get().run;
      if (!run) return;
      try {
        await api.invoke('pipelines:cancel', { runId: run.runId });
      } catch (e) {
        set({ runError: toErrorData(e) });
      }
    },

    select(stage) {
      set({ selectedStage: stage });
    },
  };
});
