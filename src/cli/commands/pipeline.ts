import type { Command } from 'commander';
import type { RunResult, StageResult, StageState } from '../../shared/contract/index.js';
import { withCore, cancelOnSigint, type GlobalOptions } from '../cli-core.js';
import { printJson, formatDuration } from '../output.js';
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
    .option('--build-local-image', "when a node image cannot be pulled, build an equivalent one from this machine's node (the default without a terminal; a terminal asks)")
    .option('--no-build-local-image', 'never build a local node image: fail when one cannot be pulled')
    .action(async (stages: string[], o: { force?: boolean; dryRun?: boolean; logs: boolean; json?: boolean; buildLocalImage?: boolean }) => {
      await withCore(g(), async (core) => {
        const jobId = `cli-run-${process.pid}`;
        const localImage = o.dryRun ? 'never' : await localImageChoice(core, o.buildLocalImage);
        const printer = new RunPrinter(process.stderr, { logs: o.logs && !o.json, quiet: !!o.json });
        const offs = [
          core.on('runs:stage', (e) => printer.stage(e)),
          core.on('runs:log', (e) => printer.log(e)),
          core.on('runs:status', (e) => e.jobId === jobId && printer.started(e)),
          core.on('jobs:progress', (e) => e.jobId === jobId && e.phase === 'image' && e.message && printer.note(e.message)),
        ];
        const stopSigint = cancelOnSigint(core, jobId);
        let result: RunResult;
        try {
          result = await core.invoke('pipelines:run', { stages: stages.length ? stages : undefined, force: !!o.force, dryRun: !!o.dryRun, localImage, jobId });
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
        const r = await core.invoke('pipelines:run-get', { runId: run });
        const stages = stage ? [stage] : r.stages.filter((s) => s.logPath).map((s) => s.stage);
        for (const s of stages) {
          if (!stage) process.stdout.write(`==> ${s} <==\n`);
          let offset = 0;
          for (;;) {
            const page = await core.invoke('pipelines:logs', { runId: r.runId, stage: s, offset, limit: 50_000 });
            if (page.lines.length) process.stdout.write(`${page.lines.join('\n')}\n`);
            offset = page.nextOffset;
            if (page.eof) break;
          }
        }
      });
    });
}

const MARK: Record<StageState, string> = { queued: '·', running: '▶', cached: '=', done: '✓', failed: '✗', not_run: '-', cancelled: '■' };

function duration(s: StageResult): string {
  return s.startedAt && s.endedAt && !s.cached ? formatDuration((s.endedAt - s.startedAt) / 1000) : '';
}

function printSummary(r: RunResult): void {
  const out = process.stdout;
  const head = r.dryRun ? 'dry run (nothing started)' : `run #${r.seq} ${r.runId}: ${r.status}`;
  out.write(`${head}\n`);
  for (const s of r.stages) {
    const state = r.dryRun ? (s.cached ? 'cached' : 'would run') : s.state.replace('_', ' ');
    const extra = [duration(s), s.exitCode !== null && s.exitCode !== 0 ? `exit code ${s.exitCode}` : '', s.oomKilled ? 'OOM killed' : '', s.error && s.state !== 'done' ? s.error : '']
      .filter(Boolean)
      .join('  ');
    out.write(`  ${MARK[s.state]} ${s.stage.padEnd(16)} ${state.padEnd(10)} ${extra}\n`);
  }
  if (r.status !== 'done' && r.error) process.stderr.write(`kiln: ${r.error}\n`);
}
