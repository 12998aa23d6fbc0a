import type { MetricsAppended } from '../../shared/contract/index.js';
import type { Workspace } from '../workspace/workspace.js';
import type { MetricsSinkFactory } from './metrics-api.js';
import { MetricsWriter } from './metrics-writer.js';

// The bus of the core that opened each workspace, so pipelines need not pass one (see metricsHandlers).
const emitters = new WeakMap<Workspace, (e: MetricsAppended) => void>();

export function registerMetricsEmitter(ws: Workspace, emit: (e: MetricsAppended) => void): void {
  emitters.set(ws, emit);
}

/** A sink writing into the workspace's metric store; one per tail is fine, they merge summaries in SQL. */
export const getMetricsSink: MetricsSinkFactory = (ws, emit) => new MetricsWriter(ws.db, emit ?? emitters.get(ws));
