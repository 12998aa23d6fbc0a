import { KilnError } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';

/**
 * A run reference as users type it: the full id, `#12` or `12` (its seq), or a unique id prefix
 * (like a git hash). RUN_NOT_FOUND names what was tried; an ambiguous prefix lists candidates.
 */
export function resolveRunId(db: SqlDatabase, ref: string): string {
  const exact = db.prepare('SELECT id FROM runs WHERE id = ?').get<{ id: string }>(ref);
  if (exact) return exact.id;
  const seqMatch = /^#?(\d+)$/.exec(ref);
  if (seqMatch) {
    const bySeq = db.prepare('SELECT id FROM runs WHERE seq = ?').get<{ id: string }>(Number(seqMatch[1]));
    if (bySeq) return bySeq.id;
  }
  const like = ref.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = db.prepare("SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY seq LIMIT 6").all<{ id: string }>(`${like}%`);
  if (rows.length === 1) return rows[0]!.id;
  if (rows.length > 1) {
    throw new KilnError('RUN_NOT_FOUND', `run reference "${ref}" is ambiguous: it starts ${rows.length > 5 ? 'more than 5' : rows.length} run ids (${rows.slice(0, 5).map((r) => r.id).join(', ')}); give more characters`);
  }
  throw new KilnError('RUN_NOT_FOUND', `no run "${ref}": give a run id, a unique id prefix or a run number (see \`kiln runs ls\`)`);
}
