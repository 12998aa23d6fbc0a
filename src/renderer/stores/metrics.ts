import { create } from 'zustand';
import { api } from '../api/client';
import type { ChartSettings } from '../charts/chart-data';
import type { MetricSeries, OpInput, OpOutput } from '../../shared/contract/index.js';

interface MetricsState {
  /** shared by every chart, like W&B's workspace settings */
  settings: ChartSettings;
  /** per run, bumped (debounced) when `metrics:appended` says new points were stored: live charts re-query */
  liveTick: Record<string, number>;
  setSettings(p: Partial<ChartSettings>): void;
  /** starts following metrics:appended (idempotent) */
  follow(): void;
  /** one page of a metric's points as CSV (the chart's export pages through them) */
  exportPage(runId: string, metric: string, cursor: string | undefined): Promise<OpOutput<'metrics:export'>>;
  /** one run's series reduced for a chart; not kept here (a chart holds only what it draws) */
  series(input: OpInput<'metrics:series'>): Promise<MetricSeries>;
}

const DEBOUNCE_MS = 400;
let following = false;
const pending = new Set<string>();
let timer: ReturnType<typeof setTimeout> | undefined;

function loadSettings(): ChartSettings {
  try {
    const s = JSON.parse(localStorage.getItem('kiln.chartSettings') ?? '{}') as Partial<ChartSettings>;
    return {
      xAxis: s.xAxis === 'time' ? 'time' : 'step',
      logY: !!s.logY,
      smoothing: typeof s.smoothing === 'number' ? Math.min(0.99, Math.max(0, s.smoothing)) : 0,
    };
  } catch {
    return { xAxis: 'step', logY: false, smoothing: 0 };
  }
}

export const useMetrics = create<MetricsState>((set, get) => ({
  settings: loadSettings(),
  liveTick: {},
  setSettings(p) {
    const settings = { ...get().settings, ...p };
    localStorage.setItem('kiln.chartSettings', JSON.stringify(settings));
    set({ settings });
  },
  exportPage: (runId, metric, cursor) => api.invoke('metrics:export', { runId, metric, format: 'csv', cursor }),
  series: (input) => api.invoke('metrics:series', input),
  follow() {
    if (following) return;
    following = true;
    api.on('metrics:appended', (e) => {
      pending.add(e.runId);
      // a run logging every few ms should re-query a few times a second, not per flush
      timer ??= setTimeout(() => {
        timer = undefined;
        const tick = { ...get().liveTick };
        for (const id of pending) tick[id] = (tick[id] ?? 0) + 1;
        pending.clear();
        set({ liveTick: tick });
      }, DEBOUNCE_MS);
    });
  },
}));
