import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KilnError, type MetricsAppended, type RunImportResult } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import type { Job } from '../jobs/job-registry.js';
import { MetricsWriter } from '../metrics/metrics-writer.js';
import { MAX_LINE_ERRORS, newMetricLineState, scanMetricLines } from '../metrics/metric-lines.js';
import { deleteRuns } from './run-edits.js';

export interface ImportRequest {
  /** absolute */
  path: string;
  name?: string;
  stage: string;
}

const CHUNK = 4 << 20;

/**
 * A JSONL file in the metrics protocol becomes a run of kind 'import': streamed in 4 MiB chunks
 * (a million lines never sit in memory as objects), bad lines counted and reported with their
 * line numbers. Cancelled or empty imports leave nothing behind; the file is never touched.
 */
export async function importRun(db: SqlDatabase, req: ImportRequest, job: Job, emit?: (e: MetricsAppended) => void): Promise<RunImportResult> {
  let size: number;
  try {
    const st = statSync(req.path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch (e) {
    throw new KilnError(
      'FILE_UNREADABLE',
      `cannot import ${req.path}: ${e instanceof Error && 'code' in e && e.code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e)}`,
    );
  }
  const now = Date.now();
  const runId = `run-${now.toString(36)}-${randomBytes(3).toString('hex')}`;
  const seq = db.transaction(() => {
    const n = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM runs').get<{ n: number }>()!.n;
    db.prepare(`INSERT INTO runs (id, seq, kind, name, status, params_json, created_at, started_at) VALUES (?, ?, 'import', ?, 'running', '{}', ?, ?)`).run(
      runId,
      n,
      req.name ?? basename(req.path),
      now,
      now,
    );
    return n;
  });

  const writer = new MetricsWriter(db, emit);
  const state = newMetricLineState();
  const errors: { line: number; reason: string }[] = [];
  let malformed = 0,
    points = 0,
    lines = 0,
    bytes = 0,
    nanCount = 0,
    infCount = 0;
  const append = writer.appender(runId, req.stage);
  const onPoint = (metric: string, step: number, value: number, ts: number) => {
    if (value - value !== 0) {
      if (value !== value) nanCount++;
      else infCount++;
    }
    points++;
    append(metric, step, value, ts);
  };
  const onBad = (line: number, reason: string) => {
    malformed++;
    if (errors.length < MAX_LINE_ERRORS) errors.push({ line, reason });
  };
  const take = (text: string) => {
    lines += scanMetricLines(text, lines + 1, state, onPoint, onBad);
  };

  try {
    job.progress({ phase: 'importing', filesDone: 0, filesTotal: 1, bytesDone: 0, bytesTotal: size });
    let carry = '';
    const stream = createReadStream(req.path, { highWaterMark: CHUNK, encoding: 'utf8', signal: job.signal });
    let first = true;
    for await (const chunk of stream as AsyncIterable<string>) {
      bytes += Buffer.byteLength(chunk);
      // a UTF-8 byte order mark (some Windows editors write one) is not part of line 1
      const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : carry + chunk;
      first = false;
      const cut = text.lastIndexOf('\n');
      if (cut < 0) {
        carry = text;
        continue;
      }
      carry = text.slice(cut + 1);
      take(text.slice(0, cut));
      writer.flush();
      job.throwIfCancelled();
      job.progress({ bytesDone: bytes, message: `${points.toLocaleString('en-US')} points` });
    }
    if (carry !== '') take(carry);
    writer.flush();
    job.throwIfCancelled();
    if (points === 0) {
      const first = errors.slice(0, 5).map((e) => `line ${e.line}: ${e.reason}`);
      throw new KilnError(
        'IMPORT_INVALID',
        `nothing to import from ${req.path}: ${lines === 0 ? 'the file is empty' : `none of its ${lines} lines is a metric point like {"metric":"loss","step":1,"value":0.5}`}`,
        { errors, lines: first },
      );
    }
    db.prepare(
      `UPDATE runs SET status = 'done',
         started_at = coalesce((SELECT min(first_ts) FROM metric_summaries WHERE run_id = ?), started_at),
         ended_at = coalesce((SELECT max(last_ts) FROM metric_summaries WHERE run_id = ?), ?)
       WHERE id = ?`,
    ).run(runId, runId, Date.now(), runId);
    job.progress({ phase: 'done', filesDone: 1, bytesDone: size });
  } catch (e) {
    deleteRuns(db, [runId]);
    if (job.signal.aborted) throw new KilnError('CANCELLED', `import of ${req.path} was cancelled; nothing was kept`);
    throw e;
  }
  const metrics = db
    .prepare('SELECT metric FROM metric_summaries WHERE run_id = ? ORDER BY metric')
    .all<{ metric: string }>(runId)
    .map((r) => r.metric);
  return { runId, seq, lines, points, metrics, malformed, errors, nanCount, infCount };
}
