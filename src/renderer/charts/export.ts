import { useMetrics } from '../stores/metrics';

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function safeName(s: string): string {
  return s.replace(/[^\w.-]+/g, '_').slice(0, 80);
}

/** The chart as drawn (lines, bands and axes are all on uPlot's canvas). */
export function exportPng(canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((b) => b && download(b, `${safeName(name)}.png`), 'image/png');
}

/**
 * Every stored point of the metric (not the reduced series), paged from core so a million points
 * never sit in one response. Several runs get a leading `run` column.
 */
export async function exportCsv(runs: { runId: string; label: string }[], metric: string): Promise<void> {
  const parts: string[] = [];
  const multi = runs.length > 1;
  for (const [ri, run] of runs.entries()) {
    let cursor: string | undefined;
    let first = true;
    do {
      const page = await useMetrics.getState().exportPage(run.runId, metric, cursor);
      let csv = page.csv ?? '';
      if (multi) {
        const lines = csv.split('\n').filter((l) => l.length > 0);
        csv =
          lines
            .map((l, i) => (first && i === 0 ? (ri === 0 ? `run,${l}` : null) : `${run.runId},${l}`))
            .filter((l) => l !== null)
            .join('\n') + (lines.length ? '\n' : '');
      }
      parts.push(csv);
      first = false;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  download(new Blob(parts, { type: 'text/csv' }), `${safeName(multi ? `${metric}-compare` : `${runs[0]?.runId ?? 'run'}-${metric}`)}.csv`);
}
