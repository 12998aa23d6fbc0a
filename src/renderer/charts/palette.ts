/** One colour per run, distinct in both themes; the first is close to the app's accent. */
export const RUN_COLOURS = [
  '#e0662f',
  '#3b82f6',
  '#16a34a',
  '#a855f7',
  '#e11d48',
  '#0891b2',
  '#ca8a04',
  '#db2777',
  '#4f46e5',
  '#65a30d',
  '#0d9488',
  '#9333ea',
  '#ea580c',
  '#2563eb',
  '#059669',
  '#c026d3',
  '#dc2626',
  '#0284c7',
  '#84cc16',
  '#7c3aed',
];

export function runColour(i: number): string {
  return RUN_COLOURS[i % RUN_COLOURS.length]!;
}

/** `#rrggbb` with an alpha, for the faint raw line and the min/max band. */
export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Canvas cannot read CSS variables: resolve the theme's tokens once per chart build. */
export function themeColours(): { text: string; grid: string; axis: string } {
  const s = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => s.getPropertyValue(name).trim() || fallback;
  return { text: v('--text-muted', '#60666f'), grid: v('--border', '#e2e4e8'), axis: v('--border-strong', '#cfd3d9') };
}
