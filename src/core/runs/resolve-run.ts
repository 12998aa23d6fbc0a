import { KilnError } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';

export interface ResolveOptions {
  /** only runs of this kind count (what `latest` picks, what a prefix or number may name) */
  kind?: 'pipeline' | 'import';
}

const MAX_CANDIDATES = 10;

/**
 * The one way a run reference becomes a run id, for every operation that takes one:
 * the full id; `12` or `#12` (its number); `latest` (the highest number); or a unique id
 * prefix, like a git hash. An ambiguous prefix is RUN_AMBIGUOUS listing the candidates, never
 * an arbitrary pick; no match is RUN_NOT_FOUND naming what was tried.
 */
export function resolveRunId(db: SqlDatabase, ref: string, opts: ResolveOptions = {}): string {
  const kind = opts.kind ? ' AND kind = ?' : '';
  const k = opts.kind ? [opts.kind] : [];
  const what = opts.kind ? `${opts.kind} run` : 'run';
  const exact = db.prepare(`SELECT id FROM runs WHERE id = ?${kind}`).get<{ id: string }>(ref, ...k);
  if (exact) return exact.id;
  if (ref === 'latest') {
    const last = db.prepare(`SELECT id FROM runs WHERE 1 = 1${kind} ORDER BY seq DESC LIMIT 1`).get<{ id: string }>(...k);
    if (last) return last.id;
    throw new KilnError('RUN_NOT_FOUND', `there is no ${what} in this workspace yet, so "latest" names none`);
  }
  const num = /^#?(\d+)$/.exec(ref);
  if (num) {
    const bySeq = db.prepare(`SELECT id FROM runs WHERE seq = ?${kind}`).get<{ id: string }>(Number(num[1]), ...k);
    if (bySeq) return bySeq.id;
  }
  const like = ref.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = db
    .prepare(`SELECT id, seq FROM runs WHERE id LIKE ? ESCAPE '\\'${kind} ORDER BY seq LIMIT ${MAX_CANDIDATES + 1}`)
    .all<{ id: string; seq: number }>(`${like}%`, ...k);
  if (rows.length === 1) return rows[0]!.id;
  if (rows.length > 1) {
    const shown = rows.slice(0, MAX_CANDIDATES);
    const more = rows.length > MAX_CANDIDATES ? ' and more' : '';
    throw new KilnError(
      'RUN_AMBIGUOUS',
      `run reference "${ref}" is ambiguous: it starts ${shown.map((r) => `${r.id} (#${r.seq})`).join(', ')}${more}; give more characters or the run number`,
      { candidates: shown.map((r) => r.id) },
    );
  }
  throw new KilnError(
    'RUN_NOT_FOUND',
    `no ${what} "${ref}" in this workspace: give a run id, a unique id prefix, a run number or "latest" (see \`kiln runs ls\`)`,
  );
}
