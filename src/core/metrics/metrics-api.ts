import type { Workspace } from '../workspace/workspace.js';
import type { MetricsAppended } from '../../shared/contract/metrics.js';

/**
 * What pipelines hand to the metrics domain while a stage runs. Implemented by the metrics work;
 * pipelines code against this interface only.
 */
export interface MetricPoint {
  metric: string;
  step: number;
  /** NaN and ±Infinity are legal and kept */
  value: number;
  /** wall time, Unix ms */
  ts: number;
}

export interface MetricsSink {
  /** Buffers points of one run and stage; cheap to call per line. */
  write(runId: string, stage: string, points: MetricPoint[]): void;
  /** Makes buffered points durable and emits the live-update event. */
  flush(): void;
}

export interface ParsedMetricLines {
  points: MetricPoint[];
  /** lines that were not valid metric JSON, with why (first few kept) */
  malformed: number;
  errors: { line: number; reason: string }[];
}

/**
 * `emit` receives `metrics:appended` payloads after each flush; when omitted, the sink emits on
 * the event bus of the core that opened `ws` (registered by the metrics handlers).
 */
export type MetricsSinkFactory = (ws: Workspace, emit?: (e: MetricsAppended) => void) => MetricsSink;
