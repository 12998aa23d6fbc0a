// The metrics store and runs queries on the Electron app's driver (node:sqlite, Node 22):
// blobs in and out, range reads, the reduction, summaries, the filter SQL and export paging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/core/db/open-database.js';
import { MetricsWriter } from '../../src/core/metrics/metrics-writer.js';
import { querySeries } from '../../src/core/metrics/series-query.js';
import { exportPoints } from '../../src/core/metrics/export-points.js';
import { listRuns } from '../../src/core/runs/list-runs.js';

test('node:sqlite: metric blocks, series reduction, summaries, filters and export', () => {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'kiln-node22-metrics-')), 'kiln.db'), 'node:sqlite');
  db.exec('PRAGMA mmap_size = 268435456');
  db.prepare(`INSERT INTO runs (id, seq, kind, status, params_json, created_at) VALUES ('r1', 1, 'import', 'done', '{"train":{"lr":0.01}}', 0)`).run();
  const w = new MetricsWriter(db);
  const n = 10_000;
  for (let i = 0; i < n; i++) w.append('r1', 's', 'loss', i, i === 7 ? NaN : 1 / (i + 1), 1_700_000_000_000 + i);
  w.append('r1', 's', 'odd', 3, 1, 0);
  w.append('r1', 's', 'odd', 1, 2, 0);
  w.flush();

  const full = querySeries(db, { runId: 'r1', metric: 'loss', x: 'step', width: 100 });
  assert.equal(full.raw, false);
  assert.equal(full.count, n);
  assert.equal(full.nanCount, 1);
  assert.equal(full.yMax[0], 1);
  const zoom = querySeries(db, { runId: 'r1', metric: 'loss', x: 'time', width: 100, xMin: 1_700_000_000_000, xMax: 1_700_000_000_009 });
  assert.equal(zoom.raw, true);
  assert.equal(zoom.count, 10);
  assert.equal(zoom.x.length, 11); // and the point just past xMax
  assert.ok(Number.isNaN(zoom.y[7]));
  const odd = querySeries(db, { runId: 'r1', metric: 'odd', x: 'step', width: 100 });
  assert.deepEqual([...odd.x], [1, 3]);

  const runs = listRuns(db, { offset: 0, filter: 'loss < 0.001 and lr = 0.01', sort: { column: 'odd', dir: 'desc' } });
  assert.deepEqual(
    runs.runs.map((r) => r.id),
    ['r1'],
  );
  assert.equal(runs.runs[0]!.metrics.loss!.count, n);
  assert.deepEqual(runs.paramColumns, ['train.lr']);

  const page = exportPoints(db, { runId: 'r1', metric: 'loss', format: 'csv', maxPoints: 5000 });
  assert.equal(page.csv!.split('\n')[8], 'loss,s,7,NaN,2023-11-14T22:13:20.007Z');
  assert.ok(page.nextCursor);
  db.close();
});
