import { resolve } from 'node:path';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { KilnError, type MetricSummary, type RunRow } from '../../shared/contract/index.js';
import { cancelOnSigint, withCore, type GlobalOptions } from '../cli-core.js';
import { ProgressPrinter } from '../progress-printer.js';
import { printJson } from '../output.js';
import { formatDuration, formatTimestamp, shortDigest } from '../../shared/format.js';

const when = (ms: number | null) => (ms === null ? '-' : formatTimestamp(ms));
const dur = (ms: number | null) => (ms === null ? '-' : formatDuration(ms));
const num = (v: number | null | undefined) => (v === null || v === undefined ? '-' : Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString());
const val = (v: unknown) => (v === null || v === undefined ? '-' : typeof v === 'number' ? num(v) : String(v));

/** Aligned columns; the last column is not padded. */
function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

/** `--sort loss`, `--sort -loss` or `--sort loss:desc`. */
function parseSort(s: string | undefined, desc: boolean | undefined): { column: string; dir: 'asc' | 'desc' } | undefined {
  if (!s) return undefined;
  let column = s;
  let dir: 'asc' | 'desc' = desc ? 'desc' : 'asc';
  if (column.startsWith('-')) {
    column = column.slice(1);
    dir = 'desc';
  }
  const m = /^(.*):(asc|desc)$/.exec(column);
  if (m) {
    column = m[1]!;
    dir = m[2] as 'asc' | 'desc';
  }
  return { column, dir };
}

let pipeGuarded = false;

/** Writes to stdout, waiting when the pipe is full; a closed pipe (`| head`) ends quietly. */
async function out(text: string): Promise<void> {
  if (!pipeGuarded) {
    pipeGuarded = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

function summaryText(s: MetricSummary): string {
  const bad = s.nanCount + s.infCount ? `  (${s.nanCount} NaN, ${s.infCount} ±Inf)` : '';
  return `last ${num(s.last)} @${num(s.lastStep)}  min ${num(s.min)}  max ${num(s.max)}  ${s.count} points${bad}`;
}

function runsTable(runs: RunRow[], metricCols: string[], paramCols: string[]): string {
  const m = metricCols.slice(0, 6);
  const p = paramCols.slice(0, 6);
  const head = ['#', 'id', 'status', 'started', 'duration', ...m, ...p, 'tags'];
  const rows = runs.map((r) => [
    String(r.seq),
    r.id,
    r.status,
    when(r.startedAt),
    dur(r.durationMs),
    ...m.map((c) => num(r.metrics[c]?.last)),
    ...p.map((c) => val(r.params[c])),
    r.tags.join(','),
  ]);
  return table(head, rows);
}

export function registerRuns(program: Command, g: () => GlobalOptions): void {
  const runs = program.command('runs').description('runs: list, filter, inspect, compare, import, tag, delete');

  runs
    .command('ls')
    .description('list runs, newest first; sort and filter by any column')
    .option('-s, --sort <column>', 'status, start, duration, a metric (its last value; loss.min, loss.max), a param; -COL or COL:desc for descending')
    .option('--desc', 'sort descending')
    .option('-f, --filter <expr>', "e.g. 'accuracy > 0.9 and lr = 0.001', 'status = \"failed\" or tag = best'")
    .option('-n, --limit <n>', 'at most N runs', (v) => Number(v))
    .option('--json', 'print a JSON array of runs (each with id)')
    .action((o: { sort?: string; desc?: boolean; filter?: string; limit?: number; json?: boolean }) =>
      withCore(g(), async (core) => {
        const sort = parseSort(o.sort, o.desc);
        const r = await core.invoke('runs:list', {
          ...(sort ? { sort } : {}),
          ...(o.filter ? { filter: o.filter } : {}),
          ...(o.limit ? { limit: o.limit } : {}),
        });
        if (o.json) return printJson(r.runs);
        if (!r.runs.length) {
          return void process.stdout.write(o.filter ? `no run matches ${o.filter}\n` : 'no runs yet: kiln pipeline run, or kiln runs import FILE.jsonl\n');
        }
        await out(runsTable(r.runs, r.metricColumns, r.paramColumns));
        if (r.total > r.runs.length) process.stderr.write(`${r.runs.length} of ${r.total} runs shown\n`);
      }),
    );

  runs
    .command('show <run>')
    .description('one run: status, stages with timings and cache, params, datasets, metrics, logs')
    .option('--json', 'print JSON')
    .action((ref: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await core.invoke('runs:get', { runId: ref });
        if (o.json) return printJson(r);
        const lines = [
          `run #${r.seq} ${r.id}  ${r.kind}  ${r.name}`,
          `status   ${r.status}${r.error ? `: ${r.error}` : ''}`,
          `started  ${when(r.startedAt)}   ended ${when(r.endedAt)}   duration ${dur(r.durationMs)}`,
        ];
        if (r.tags.length) lines.push(`tags     ${r.tags.join(', ')}`);
        if (r.notes) lines.push(`notes    ${r.notes.replace(/\n/g, '\n         ')}`);
        const params = Object.entries(r.params);
        if (params.length) lines.push('', 'params', ...params.map(([k, v]) => `  ${k} = ${val(v)}`));
        if (r.stages.length) {
          lines.push('', 'stages');
          for (const s of r.stages)
            lines.push(
              `  ${s.stage}  ${s.status}${s.cached ? ' (cached)' : ''}  ${dur(s.durationMs)}${s.exitCode !== null ? `  exit ${s.exitCode}` : ''}${s.oomKilled ? '  OOM-killed' : ''}${s.logPath ? `  log ${s.logPath}` : ''}${s.error ? `  ${s.error}` : ''}`,
            );
        }
        if (r.datasets.length)
          lines.push('', 'datasets', ...r.datasets.map((d) => `  ${d.stage} ${d.role} ${d.name}: ${d.dataset}@${d.version} ${shortDigest(d.digest)}`));
        if (r.outputs.length) lines.push('', 'outputs', ...r.outputs.map((d) => `  ${d.stage} ${d.path} ${shortDigest(d.digest)}`));
        const ms = Object.entries(r.metrics);
        lines.push('', ms.length ? 'metrics' : 'metrics  none logged', ...ms.map(([k, s]) => `  ${k}  ${summaryText(s)}`));
        await out(`${lines.join('\n')}\n`);
      }),
    );

  runs
    .command('compare <runs...>')
    .description('2–20 runs side by side: params (differences marked *) and metric deltas against the first (or --baseline)')
    .option('-b, --baseline <run>', 'the run deltas are taken against')
    .option('--all', 'show params that are equal too')
    .option('--json', 'print JSON')
    .action((refs: string[], o: { baseline?: string; all?: boolean; json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await core.invoke('runs:compare', { runIds: refs, ...(o.baseline ? { baseline: o.baseline } : {}) });
        if (o.json) return printJson(r);
        const head = ['', ...r.runs.map((x) => `#${x.seq}${x.id === r.baseline ? ' (base)' : ''}`)];
        const params = r.params.filter((p) => o.all || p.differs).map((p) => [`${p.differs ? '*' : ' '} ${p.key}`, ...p.values.map(val)]);
        const metrics = r.metrics.map((m) => [
          `  ${m.metric}`,
          ...m.summaries.map((s, i) => {
            const d = m.deltas[i];
            return s === null ? '-' : `${num(s.last)}${d ? ` (${d > 0 ? '+' : ''}${num(d)})` : ''}`;
          }),
        ]);
        let text = '';
        text += params.length ? table(['params', ...head.slice(1)], params) : `params: ${r.params.length ? 'all equal (--all shows them)' : 'none'}\n`;
        text += '\n';
        text += metrics.length ? table(['metrics (last, Δ vs base)', ...head.slice(1)], metrics) : 'metrics: none\n';
        await out(text);
      }),
    );

  runs
    .command('import <file>')
    .description('import a JSONL file of metric lines ({"metric":"loss","step":1,"value":0.5}) as a run')
    .option('--name <name>', 'the run name (default: the file name)')
    .option('--stage <stage>', 'the stage the points are filed under', 'import')
    .option('--json', 'print the result as JSON')
    .action((file: string, o: { name?: string; stage: string; json?: boolean }) =>
      withCore(g(), async (core) => {
        const jobId = `cli-${randomBytes(6).toString('hex')}`;
        const printer = new ProgressPrinter(`importing ${file}`, process.stderr, !!o.json);
        const off = core.on('jobs:progress', (p) => p.jobId === jobId && printer.update(p));
        const stop = cancelOnSigint(core, jobId);
        try {
          const r = await core.invoke('runs:import', { path: resolve(file), stage: o.stage, jobId, ...(o.name ? { name: o.name } : {}) });
          printer.done();
          if (o.json) return printJson(r);
          const bad = r.nanCount + r.infCount ? `; ${r.nanCount} NaN and ${r.infCount} infinite values kept` : '';
          process.stdout.write(
            `imported ${r.points.toLocaleString('en-US')} points of ${r.metrics.length} metric${r.metrics.length === 1 ? '' : 's'} (${r.metrics.join(', ')}) as run #${r.seq} ${r.runId}${bad}\n`,
          );
          if (r.malformed) {
            process.stderr.write(`${r.malformed} line${r.malformed === 1 ? ' was' : 's were'} skipped:\n`);
            for (const e of r.errors.slice(0, 10)) process.stderr.write(`  line ${e.line}: ${e.reason}\n`);
            if (r.malformed > 10) process.stderr.write(`  … and ${r.malformed - 10} more (--json lists the first ${r.errors.length})\n`);
          }
        } finally {
          printer.done();
          off();
          stop();
        }
      }),
    );

  runs
    .command('tag <run> <tags...>')
    .description('add tags to a run (--remove takes them off)')
    .option('--remove', 'remove these tags instead')
    .option('--json', 'print JSON')
    .action((ref: string, tags: string[], o: { remove?: boolean; json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await core.invoke('runs:tag', { runId: ref, ...(o.remove ? { remove: tags } : { add: tags }) });
        if (o.json) return printJson(r);
        process.stdout.write(`${r.runId}: ${r.tags.length ? r.tags.join(', ') : 'no tags'}\n`);
      }),
    );

  runs
    .command('note <run> <text>')
    .description('set the notes of a run ("" clears them)')
    .action((ref: string, text: string) =>
      withCore(g(), async (core) => {
        const r = await core.invoke('runs:note', { runId: ref, notes: text });
        process.stdout.write(`${r.runId}: notes ${r.notes ? 'saved' : 'cleared'}\n`);
      }),
    );

  runs
    .command('rm <runs...>')
    .alias('delete')
    .description('delete runs and their metrics; their stored outputs stay until gc')
    .option('--json', 'print JSON')
    .action((refs: string[], o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await core.invoke('runs:delete', { runIds: refs });
        if (o.json) return printJson(r);
        process.stdout.write(`deleted ${r.deleted.length} run${r.deleted.length === 1 ? '' : 's'}: ${r.deleted.join(', ')}\n`);
      }),
    );

  registerMetrics(program, g);
}

function registerMetrics(program: Command, g: () => GlobalOptions): void {
  const metrics = program.command('metrics').description('metrics of runs: list, export every point');

  metrics
    .command('ls <run>')
    .description('the metrics a run logged, with their summaries')
    .option('--json', 'print JSON')
    .action((ref: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const list = await core.invoke('metrics:list', { runId: ref });
        if (o.json) return printJson(list);
        if (!list.length) return void process.stdout.write('this run logged no metrics\n');
        await out(
          table(
            ['metric', 'stages', 'points', 'last', 'min', 'max', 'NaN', '±Inf'],
            list.map((m) => [
              m.metric,
              m.stages.join(','),
              String(m.summary.count),
              num(m.summary.last),
              num(m.summary.min),
              num(m.summary.max),
              String(m.summary.nanCount),
              String(m.summary.infCount),
            ]),
          ),
        );
      }),
    );

  metrics
    .command('export <run>')
    .description('every point of a run (or one metric) as CSV: metric,stage,step,value,timestamp; streamed')
    .option('-m, --metric <name>', 'only this metric')
    .option('--csv', 'CSV (the default)')
    .option('--json', 'a JSON array of {metric, stage, step, value, ts} instead')
    .action((ref: string, o: { metric?: string; csv?: boolean; json?: boolean }) =>
      withCore(g(), async (core) => {
        if (o.csv && o.json) throw new KilnError('INVALID_INPUT', 'choose --csv or --json, not both');
        const format = o.json ? 'rows' : 'csv';
        let cursor: string | undefined;
        let first = true;
        if (format === 'rows') await out('[');
        do {
          const page = await core.invoke('metrics:export', {
            runId: ref,
            format,
            maxPoints: 100_000,
            ...(o.metric ? { metric: o.metric } : {}),
            ...(cursor ? { cursor } : {}),
          });
          if (format === 'csv') await out(page.csv ?? '');
          else {
            for (const row of page.rows ?? []) {
              await out(`${first ? '\n' : ',\n'}${JSON.stringify(row)}`);
              first = false;
            }
          }
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        if (format === 'rows') await out('\n]\n');
      }),
    );
}
