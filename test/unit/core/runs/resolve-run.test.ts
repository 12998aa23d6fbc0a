import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../src/core/db/open-database.js';
import { resolveRunId } from '../../../../src/core/runs/resolve-run.js';
import { KilnError } from '../../../../src/shared/contract/index.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir();

function db(rows: [string, 'pipeline' | 'import'][]) {
  const d = openDatabase(join(tmp(), 'kiln.db'));
  const ins = d.prepare(`INSERT INTO runs (id, seq, kind, status, created_at) VALUES (?, ?, ?, 'done', 0)`);
  rows.forEach(([id, kind], i) => ins.run(id, i + 1, kind));
  return d;
}

const caught = (f: () => unknown): KilnError => {
  try {
    f();
  } catch (e) {
    if (e instanceof KilnError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('resolveRunId: the one run reference rule', () => {
  const d = db([
    ['run-aa1', 'pipeline'],
    ['run-aa2', 'pipeline'],
    ['run-b', 'import'],
    ['12', 'pipeline'],
  ]);

  it('takes a full id, a number (12 or #12), latest, or a unique prefix', () => {
    expect(resolveRunId(d, 'run-b')).toBe('run-b');
    expect(resolveRunId(d, '2')).toBe('run-aa2');
    expect(resolveRunId(d, '#3')).toBe('run-b');
    expect(resolveRunId(d, 'latest')).toBe('12');
    expect(resolveRunId(d, 'run-aa1')).toBe('run-aa1');
    expect(resolveRunId(d, 'run-b')).toBe('run-b');
    // an exact id wins over a number
    expect(resolveRunId(d, '12')).toBe('12');
  });

  it('an ambiguous prefix is RUN_AMBIGUOUS listing every candidate, never an arbitrary pick', () => {
    const e = caught(() => resolveRunId(d, 'run-aa'));
    expect(e.code).toBe('RUN_AMBIGUOUS');
    expect(e.message).toContain('run-aa1 (#1), run-aa2 (#2)');
    expect(e.details).toEqual({ candidates: ['run-aa1', 'run-aa2'] });
  });

  it('kind narrows every form: latest, numbers and prefixes', () => {
    expect(resolveRunId(d, 'latest', { kind: 'import' })).toBe('run-b');
    expect(resolveRunId(d, 'run-', { kind: 'import' })).toBe('run-b');
    expect(caught(() => resolveRunId(d, '1', { kind: 'import' })).code).toBe('RUN_NOT_FOUND');
  });

  it('no match is RUN_NOT_FOUND naming what was given; latest in an empty workspace too', () => {
    expect(caught(() => resolveRunId(d, 'zzz')).message).toMatch(/no run "zzz"/);
    expect(caught(() => resolveRunId(db([]), 'latest')).code).toBe('RUN_NOT_FOUND');
    // LIKE wildcards in a reference are literal
    expect(caught(() => resolveRunId(d, 'run%')).code).toBe('RUN_NOT_FOUND');
  });
});
