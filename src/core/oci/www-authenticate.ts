/** One challenge of a `WWW-Authenticate` header: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const PARAM = /[\s,]*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/y;
const SCHEME = /[\s,]*([A-Za-z][A-Za-z0-9_-]*)/y;

/** Parses the header (several challenges allowed); quoted values may hold commas and escaped quotes. Schemes are lowercased. */
export function parseWwwAuthenticate(header: string | undefined): Challenge[] {
  const out: Challenge[] = [];
  if (!header) return out;
  let i = 0;
  let cur: Challenge | null = null;
  while (i < header.length) {
    PARAM.lastIndex = i;
    const p = cur ? PARAM.exec(header) : null;
    if (p && cur) {
      cur.params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
      i = PARAM.lastIndex;
      continue;
    }
    SCHEME.lastIndex = i;
    const m = SCHEME.exec(header);
    if (!m) break;
    cur = { scheme: m[1]!.toLowerCase(), params: {} };
    out.push(cur);
    i = SCHEME.lastIndex;
  }
  return out;
}
