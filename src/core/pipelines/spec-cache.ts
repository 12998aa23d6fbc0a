import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KILN_BUILD } from '../version.js';
import { parseSpec, type ParseResult } from './spec/parse-spec.js';

/** Checked pipelines kept per workspace; a few, since editors save often. */
const KEEP = 8;

/**
 * parseSpec, remembered by the digest of kiln.yaml's text and of the build that parsed it: YAML
 * parsing and schema checks were about a tenth of a cached `kiln run`. Only valid specs are kept
 * (problems are always reported fresh), and only by a built Kiln (from source, every parse is fresh).
 */
export function parseSpecCached(text: string, file: string, cacheDir: string, build = KILN_BUILD): ParseResult {
  if (!build) return parseSpec(text, file);
  const key = createHash('sha256').update(`${build}\0${file}\0`).update(text).digest('hex');
  const path = join(cacheDir, `${key}.json`);
  try {
    return { ok: true, pipeline: JSON.parse(readFileSync(path, 'utf8')) };
  } catch {
    // not parsed by this build yet (or a damaged entry, rewritten below)
  }
  const r = parseSpec(text, file);
  if (r.ok) remember(cacheDir, path, JSON.stringify(r.pipeline));
  return r;
}

/** Best effort: a read-only workspace only loses the shortcut. */
function remember(dir: string, path: string, json: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const old = readdirSync(dir).filter((f) => f.endsWith('.json'));
    for (const f of old.slice(0, Math.max(0, old.length - KEEP + 1))) rmSync(join(dir, f), { force: true });
    const tmp = `${path}.${process.pid}`;
    writeFileSync(tmp, json);
    renameSync(tmp, path);
  } catch {
    // ignored on purpose, see above
  }
}
