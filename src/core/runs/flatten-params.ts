export type ParamValue = string | number | boolean | null;

/**
 * Params as table columns: nested objects become dotted keys (`train.lr`), arrays stay one
 * value (their JSON). `paths` keeps each key's segments for SQL json_extract.
 */
export function flattenParams(
  v: unknown,
  prefix: string[] = [],
  out: Record<string, ParamValue> = {},
  paths?: Map<string, string[]>,
): Record<string, ParamValue> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) flattenParams(child, [...prefix, k], out, paths);
    return out;
  }
  if (prefix.length === 0) return out;
  const key = prefix.join('.');
  out[key] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  paths?.set(key, prefix);
  return out;
}

/** A JSON path for SQLite's json_extract: `$."train"."lr"`. */
export function jsonPath(segments: string[]): string {
  return `$${segments.map((s) => `."${s.replace(/"/g, '\\"')}"`).join('')}`;
}

export function parseParams(json: string): Record<string, ParamValue> {
  try {
    return flattenParams(JSON.parse(json));
  } catch {
    return {};
  }
}
