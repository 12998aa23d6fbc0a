const SIZE: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** "512m", "2g", "1.5GiB" → bytes; binary units, as docker's --memory reads them. */
export function parseMemory(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(v);
  if (!m) throw new Error(`not a size: ${v}`);
  return Math.round(Number(m[1]) * SIZE[m[2]!.toLowerCase()]!);
}

const DUR: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** "90s", "1h30m" → seconds. */
export function parseDuration(v: number | string): number {
  if (typeof v === 'number') return v;
  let total = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h)/gi)) total += Number(m[1]) * DUR[m[2]!.toLowerCase()]!;
  return total;
}
