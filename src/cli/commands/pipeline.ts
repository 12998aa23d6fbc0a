import type { Command } from 'commander';
import { forStream } from '../terminal-safe.js';
import type { RunDetail, RunStageInfo, StagePlan, StageStatus } from '../../shared/contract/index.js';
import { withCore, cancelOnSigint, type GlobalOptions } from '../cli-core.js';
import { printJson } from '../output.js';
import { formatDuration } from '../../shared/format.js';
import { RunPrinter } from '../run-printer.js';
import { localImageChoice } from '../local-image-choice.js';

export function registerPipeline(program: Command, g: () => GlobalOptions): void {
  program
    .command('run [stages...]')
    .description('run the pipeline in kiln.yaml (or the named stages and what they need); unchanged stages are restored from the cache')
    .option('--force', 'run every selected stage even if cached')
    .option('--dry-run', 'show what would run and why, start nothing')
    .option('--no-logs', 'do not print stage logs')
    .option('--json', 'print the finished run as JSON')
    .option(
      '--build-local-image',
      "when a node image cannot be pulled, build an equivalent one from this machine's node (the default without a terminal; a terminal asks)",
    )
    .option('--no-build-local-image', 'never build a local node image: fail when one cannot be pulled')
    .action(async (stages: string[], o: { force?: boolean; dryRun?: boolean; logs: boolean; json?: boolean; buildLocalImage?: boolean }) => {
      await withCore(g(), async (core) => {
        if (o.dryRun) {
          const plan = await core.invoke('pipelines:plan', { stages: stages.length ? stages : undefined, force: !!o.force });
          return o.json ? printJson(plan) : printPlan(plan);
        }
        const jobId = `cli-run-${process.pid}`;
        const localImage = await localImageChoice(core, o.buildLocalImage);
        const printer = new RunPrinter(process.stderr, { logs: o.logs && !o.json, quiet: !!o.json });
        const offs = [
          core.on('runs:stage', (e) => printer.stage(e)),
          core.on('runs:log', (e) => printer.log(e)),
          core.on('runs:status', (e) => e.jobId === jobId && printer.started(e)),
          core.on('jobs:progress', (e) => e.jobId === jobId && e.phase === 'image' && e.message && printer.note(e.message)),
        ];
        const stopSigint = cancelOnSigint(core, jobId);
        let result: RunDetail;
        try {
          result = await core.invoke('pipelines:run', { stages: stages.length ? stages : undefined, force: !!o.force, localImage, jobId });
        } finally {
          stopSigint();
          for (const off of offs) off();
          printer.done();
        }
        if (o.json) printJson(result);
        else printSummary(result);
        if (result.status !== 'done') process.exitCode = 1;
      });
    });

  program
    .command('status [stages...]')
    .description('which stages are stale and why (which input, param or code changed)')
    .option('--json', 'print JSON')
    .action(async (stages: string[], o: { json?: boolean }) => {
      await withCore(g(), async (core) => {
        const st = await core.invoke('pipelines:status', { stages: stages.length ? stages : undefined });
        if (o.json) return printJson(st);
        for (const s of st) {
          process.stdout.write(`${s.stale ? 'stale     ' : 'up to date'}  ${s.stage}\n`);
          for (const r of s.reasons) process.stdout.write(`              - ${r.message}\n`);
        }
        const n = st.filter((s) => s.stale).length;
        process.stdout.write(n ? `${n} of ${st.length} stage(s) would run\n` : 'everything is up to date\n');
      });
    });

  program
    .command('logs <run> [stage]')
    .description('print the logs of a run (id, number or "latest"), all stages or one')
    .action(async (run: string, stage: string | undefined) => {
      await withCore(g(), async (core) => {
        // "latest" here is the latest pipeline run (an imported run has no logs)
        const latest =
          run === 'latest'
            ? (await core.invoke('runs:list', { filter: 'kind = "pipeline"', sort: { column: 'seq', dir: 'desc' }, limit: 1 })).runs[0]?.id
            : undefined;
        const r = await core.invoke('runs:get', { runId: latest ?? run });
        const stages = stage ? [stage] : r.stages.filter((s) => s.logPath).map((s) => s.stage);
        for (const s of stages) {
          if (!stage) process.stdout.write(`==> ${s} <==\n`);
          let offset = 0;
          for (;;) {
            const page = await core.invoke('pipelines:logs', { runId: r.id, stage: s, offset, limit: 50_000 });
            // escaped on a terminal so a stage's output cannot rewrite it; piped, the bytes as logged
            if (page.lines.length) process.stdout.write(`${page.lines.map((l) => forStream(process.stdout, l)).join('\n')}\n`);
            offset = page.nextOffset;
            if (page.eof) break;
          }
        }
      });
    });
}

const MARK: Record<StageStatus, string> = { queued: '·', running: '▶', cached: '=', done: '✓', failed: '✗', not_run: '-', cancelled: '■' };

function duration(s: RunStageInfo): string {
  return s.durationMs !== null && !s.cached ? formatDuration(s.durationMs) : '';
}

function printSummary(r: RunDetail): void {
  const out = process.stdout;
  out.write(`run #${r.seq} ${r.id}: ${r.status}\n`);
  for (const s of r.stages) {
    const extra = [
      duration(s),
      s.exitCode !== null && s.exitCode !== 0 ? `exit code ${s.exitCode}` : '',
      s.oomKilled ? 'OOM killed' : '',
      s.error && s.status !== 'done' ? s.error : '',
    ]
      .filter(Boolean)
      .join('  ');
    out.write(`  ${MARK[s.status]} ${s.stage.padEnd(16)} ${s.status.replace('_', ' ').padEnd(10)} ${extra}\n`);
  }
  if (r.status !== 'done' && r.error) process.stderr.write(`kiln: ${r.error}\n`);
}

function printPlan(plan: StagePlan[]): void {
  const out = process.stdout;
  out.write('dry run (nothing started)\n');
  for (const s of plan)
    out.write(`  ${s.willRun ? MARK.queued : MARK.cached} ${s.stage.padEnd(16)} ${(s.willRun ? 'would run' : 'cached').padEnd(10)} ${s.reason ?? ''}\n`);
}
