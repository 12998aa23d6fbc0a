import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { useTempDir } from '../../helpers/temp-dir.js';
import { rejection, useDataCore } from './data-workspace.js';

const tmp = useTempDir('kiln-table-diff-');
const dataCore = useDataCore(tmp);

/** Adds each tree of files as the next version of `name`. */
async function versions(core: Awaited<ReturnType<typeof dataCore>>['core'], base: string, name: string, trees: Record<string, string>[]): Promise<void> {
  for (const [i, files] of trees.entries()) {
    const dir = join(base, `${name}-${i + 1}`);
    mkdirSync(dir);
    for (const [p, text] of Object.entries(files)) writeFileSync(join(dir, p), text);
    await core.invoke('datasets:add', { dataset: name, source: { kind: 'paths', paths: [dir] }, message: `v${i + 1}` });
  }
}

const V1 = 'id,name,score\n1,ada,90\n2,bob,70\n3,cy,80\n4,di,60\n5,ed,75\n';
// bob removed, cy's score changed (and now a decimal), fay added, a grade column added
const V2 = 'id,name,score,grade\n1,ada,90,A\n3,cy,82.5,B\n4,di,60,C\n5,ed,75,B\n6,fay,95,A\n';

describe('datasets:diff-table', () => {
  it('by a key column: added, removed and changed rows with the changed columns; schema and stat changes', async () => {
    const { core, base } = await dataCore();
    await versions(core, base, 'scores', [{ 'scores.csv': V1 }, { 'scores.csv': V2 }]);
    const d = await core.invoke('datasets:diff-table', { dataset: 'scores', from: 1, to: 2, path: 'scores.csv', key: 'id' });
    expect(d.rows).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 3, duplicateKeys: 0 });
    expect(d.rowColumns).toEqual(['id', 'name', 'score']);
    expect(d.samples.added).toEqual([['6', 'fay', '95']]);
    expect(d.samples.removed).toEqual([['2', 'bob', '70']]);
    expect(d.samples.changed).toEqual([{ key: '3', before: ['3', 'cy', '80'], after: ['3', 'cy', '82.5'], changed: ['score'] }]);
    expect(d.schema).toEqual({ added: ['grade'], removed: [], typeChanges: [{ name: 'score', before: 'integer', after: 'number' }] });
    expect(d.keyCandidates).toEqual(['id', 'name', 'score']);
    expect(d.limited).toBe(false);
    const score = d.stats.find((s) => s.name === 'score')!;
    expect(score.before).toMatchObject({ count: 5, nulls: 0, mean: 75, min: 60, max: 90, distinct: 5 });
    expect(score.after).toMatchObject({ count: 5, mean: 80.5, min: 60, max: 95 });
    expect(d.stats.find((s) => s.name === 'grade')).toMatchObject({ before: null, after: { count: 5, distinct: 3 } });
  });

  it('without a key, by row content: a changed row is one removed and one added; order changes are not edits', async () => {
    const { core, base } = await dataCore();
    const shuffled = `id,name,score\n${V1.trim().split('\n').slice(1).reverse().join('\n')}\n`;
    await versions(core, base, 'scores', [{ 'scores.csv': V1 }, { 'scores.csv': V2 }, { 'scores.csv': shuffled }]);
    const d = await core.invoke('datasets:diff-table', { dataset: 'scores', from: 1, to: 2, path: 'scores.csv' });
    expect(d.key).toBeNull();
    expect(d.rows).toMatchObject({ added: 2, removed: 2, changed: 0, unchanged: 3 });
    expect(d.samples.removed).toEqual(
      expect.arrayContaining([
        ['2', 'bob', '70'],
        ['3', 'cy', '80'],
      ]),
    );
    const same = await core.invoke('datasets:diff-table', { dataset: 'scores', from: 1, to: 3, path: 'scores.csv' });
    expect(same.rows).toMatchObject({ added: 0, removed: 0, unchanged: 5 });
  });

  it('JSON Lines, a row cap that says it cut the diff short, and a key that is not there', async () => {
    const { core, base } = await dataCore();
    const rows = (n: number, f: (i: number) => object) => Array.from({ length: n }, (_, i) => JSON.stringify(f(i))).join('\n') + '\n';
    await versions(core, base, 'events', [
      { 'e.jsonl': rows(10, (i) => ({ id: i, v: i * 2, tag: null })) },
      { 'e.jsonl': rows(12, (i) => ({ id: i, v: i === 4 ? -1 : i * 2, tag: i > 9 ? 'new' : null })) },
    ]);
    const d = await core.invoke('datasets:diff-table', { dataset: 'events', from: 1, to: 2, path: 'e.jsonl', key: 'id' });
    expect(d.format).toBe('jsonl');
    expect(d.rows).toMatchObject({ added: 2, removed: 0, changed: 1, unchanged: 9 });
    expect(d.samples.changed[0]).toEqual({ key: 4, before: [4, 8, null], after: [4, -1, null], changed: ['v'] });
    expect(d.stats.find((s) => s.name === 'tag')).toMatchObject({ before: { nulls: 10, count: 0 }, after: { nulls: 10, count: 2 } });
    const capped = await core.invoke('datasets:diff-table', { dataset: 'events', from: 1, to: 2, path: 'e.jsonl', key: 'id', limit: 5 });
    expect(capped).toMatchObject({ limited: true, limit: 5, from: { rows: 5, truncated: true }, to: { rows: 5, truncated: true } });
    const e = await rejection(core.invoke('datasets:diff-table', { dataset: 'events', from: 1, to: 2, path: 'e.jsonl', key: 'nope' }));
    expect(e.message).toContain('key column "nope" is not in either version');
    expect(e.message).toContain('id, v, tag');
  });

  it('Parquet: read as the previews read it, up to the cap', async () => {
    const { core, base } = await dataCore();
    const flights = readFileSync(resolve('node_modules/vega-datasets/data/flights-3m.parquet'));
    const dir = (name: string, extra: string) => {
      const d = join(base, name);
      mkdirSync(d);
      writeFileSync(join(d, 'flights.parquet'), flights);
      writeFileSync(join(d, 'note.txt'), extra);
      return d;
    };
    for (const [i, d] of [dir('p1', 'one'), dir('p2', 'two')].entries())
      await core.invoke('datasets:add', { dataset: 'flights', source: { kind: 'paths', paths: [d] }, message: `v${i + 1}` });
    const d = await core.invoke('datasets:diff-table', { dataset: 'flights', from: 1, to: 2, path: 'flights.parquet', limit: 2000 });
    expect(d).toMatchObject({
      format: 'parquet',
      limited: true,
      rows: { added: 0, removed: 0, unchanged: 2000 },
      schema: { added: [], removed: [], typeChanges: [] },
    });
    expect(d.stats.length).toBeGreaterThan(2);
    expect(d.stats[0]!.before).toEqual(d.stats[0]!.after);
  });
});
