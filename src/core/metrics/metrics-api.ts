/** What pipelines hand points to while a stage runs (MetricsWriter implements it); pipelines code against this only. */
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
