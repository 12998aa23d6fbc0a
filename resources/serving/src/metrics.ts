// Prometheus text exposition of the serving process: request counts, errors, a latency histogram
// and the served model version, so a scraper (Kiln's Deployments view, Prometheus) can chart them.

/** Upper bounds in seconds; small models answer in well under a millisecond to a few hundred. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class ServingMetrics {
  private readonly requests = new Map<string, number>();
  private errors = 0;
  private readonly bucketCounts = new Array<number>(LATENCY_BUCKETS.length).fill(0);
  private latencySum = 0;
  private latencyCount = 0;
  private readonly startedAt = Date.now() / 1000;

  constructor(
    private readonly model: string,
    private readonly version: string,
  ) {}

  /** One inference request answered with HTTP `code`, taking `seconds`. */
  observe(code: number, seconds: number): void {
    const key = String(code);
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    if (code >= 400) this.errors++;
    this.latencySum += seconds;
    this.latencyCount++;
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) if (seconds <= LATENCY_BUCKETS[i]!) this.bucketCounts[i]!++;
  }

  render(): string {
    const m = `model="${esc(this.model)}",version="${esc(this.version)}"`;
    const lines = [
      '# HELP kiln_model_info The model name and Kiln version this server serves (always 1).',
      '# TYPE kiln_model_info gauge',
      `kiln_model_info{${m}} 1`,
      '# HELP kiln_inference_requests_total Inference requests answered, by HTTP status code.',
      '# TYPE kiln_inference_requests_total counter',
    ];
    if (!this.requests.size) lines.push(`kiln_inference_requests_total{${m},code="200"} 0`);
    for (const [code, n] of [...this.requests].sort()) lines.push(`kiln_inference_requests_total{${m},code="${code}"} ${n}`);
    lines.push(
      '# HELP kiln_inference_errors_total Inference requests answered with an error (HTTP 4xx or 5xx).',
      '# TYPE kiln_inference_errors_total counter',
      `kiln_inference_errors_total{${m}} ${this.errors}`,
      '# HELP kiln_inference_duration_seconds Time to answer one inference request.',
      '# TYPE kiln_inference_duration_seconds histogram',
    );
    LATENCY_BUCKETS.forEach((le, i) => lines.push(`kiln_inference_duration_seconds_bucket{${m},le="${le}"} ${this.bucketCounts[i]}`));
    lines.push(
      `kiln_inference_duration_seconds_bucket{${m},le="+Inf"} ${this.latencyCount}`,
      `kiln_inference_duration_seconds_sum{${m}} ${this.latencySum}`,
      `kiln_inference_duration_seconds_count{${m}} ${this.latencyCount}`,
      '# HELP process_start_time_seconds When this server started, in Unix seconds.',
      '# TYPE process_start_time_seconds gauge',
      `process_start_time_seconds ${this.startedAt}`,
    );
    return `${lines.join('\n')}\n`;
  }
}

function esc(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
