import type { MetricSeries } from '../../shared/contract/index.js';

/** How many points the line stands for, and the non-finite ones drawn as gaps. */
export function SeriesNote({ series }: { series: (MetricSeries | null)[] | null }) {
  if (!series) return null;
  const present = series.filter((s): s is MetricSeries => !!s);
  if (present.length === 0) return <span className="kc-note">no points</span>;
  const count = present.reduce((a, s) => a + s.count, 0);
  const nonFinite = present.reduce((a, s) => a + s.nanCount + s.infCount, 0);
  const reduced = present.some((s) => !s.raw);
  const parts = [`${count.toLocaleString('en-US')} points${reduced ? ' · min/max per pixel' : ''}`];
  if (nonFinite) parts.push(`${nonFinite.toLocaleString('en-US')} NaN/Inf shown as gaps`);
  return (
    <span className="kc-note" data-raw={!reduced}>
      {parts.join(' · ')}
    </span>
  );
}
