// How Kiln writes numbers for people, in the CLI and the UI alike (one home, so both say the same).

const DASH = '—';

/** Sizes in binary units, as the style guide asks (KiB, MiB). */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1)} ${units[i]}`;
}

/** A duration given in milliseconds (the one unit): "850 ms", "12s", "1m 12s", "3h 4m". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** Bytes per second: "12.5 MiB/s". */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  const b = formatBytes(bytesPerSecond);
  return b === DASH ? DASH : `${b}/s`;
}

/** Digests shortened to 12 hex characters, without the algorithm prefix. */
export function shortDigest(d: string | null | undefined): string {
  if (!d) return DASH;
  return d.replace(/^sha256:/, '').slice(0, 12);
}

/** A metric or count: integers grouped, others to `digits` significant digits, tiny or huge ones in exponent form. */
export function formatNumber(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return DASH;
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : Number(v.toPrecision(digits)).toString();
}

/** "3 min ago"; pair with `absoluteTime` in a title attribute. */
export function relativeTime(t: number | null | undefined, now = Date.now()): string {
  if (!t) return DASH;
  const d = Math.round((now - t) / 1000);
  if (d < 45) return 'just now';
  if (d < 3600) return `${Math.round(d / 60)} min ago`;
  if (d < 86400) return `${Math.round(d / 3600)} h ago`;
  if (d < 86400 * 30) return `${Math.round(d / 86400)} d ago`;
  return new Date(t).toLocaleDateString();
}

/** A fixed-width UTC timestamp for logs and tables: "2026-11-01 14:03:59". */
export function formatTimestamp(t: number): string {
  return new Date(t).toISOString().replace('T', ' ').slice(0, 19);
}

export function absoluteTime(t: number | null | undefined): string {
  return t ? new Date(t).toLocaleString() : '';
}

/**
 * A difference from a baseline: "+0.0184 (+2.1%)". The relative part is left out where it would
 * mislead: a base near zero, or a change of 1000% or more (then "+0.0184", not "+18402.7%").
 */
export function formatDelta(delta: number | null | undefined, base: number | null | undefined): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return DASH;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const abs = `${sign}${formatNumber(Math.abs(delta))}`;
  if (base === null || base === undefined || !Number.isFinite(base) || Math.abs(base) < 1e-9) return abs;
  const pct = (delta / Math.abs(base)) * 100;
  if (!Number.isFinite(pct) || Math.abs(pct) >= 1000) return abs;
  return `${abs} (${sign}${Math.abs(pct).toFixed(1)}%)`;
}
