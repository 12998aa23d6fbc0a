import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { KilnError, type EvalReport, type ModelCompareResult, type ModelVersion, type TensorSpec } from '../../shared/contract/index.js';
import { withCore, type GlobalOptions } from '../cli-core.js';
import { printJson } from '../output.js';
import { formatBytes, shortDigest } from '../../shared/format.js';
import { long } from './data.js';

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const num = (x: number | boolean | null) => (typeof x === 'number' ? (Number.isInteger(x) ? String(x) : x.toPrecision(4)) : String(x));

function versionLine(v: ModelVersion): string {
  return `${v.name}@${v.version} ${shortDigest(v.digest)} ${v.format}${v.unsafe ? ' (UNSAFE: pickle, never loaded)' : ''}, ${v.files} files, ${formatBytes(v.sizeBytes)}${v.aliases.length ? ` [${v.aliases.join(', ')}]` : ''}`;
}

function printVersion(v: ModelVersion): void {
  const out = [versionLine(v), `created ${when(v.createdAt)} by ${v.author || '?'}`];
  if (v.message) out.push(`message: ${v.message}`);
  if (v.signature)
    out.push(
      `signature: ${v.signature.inputs.map((t) => `${t.name}${JSON.stringify(t.shape)}`).join(', ')} → ${v.signature.outputs.map((t) => `${t.name}${JSON.stringify(t.shape)}`).join(', ')}`,
    );
  const l = v.lineage;
  out.push(
    l.runId
      ? `lineage: run #${l.runNumber} (${l.runId}), stage ${l.stage}, output ${l.output}, image ${l.imageId ? shortDigest(l.imageId) : '?'}, code ${l.codeDigest ? shortDigest(l.codeDigest) : '?'}${l.datasetVersions.length ? `, data ${l.datasetVersions.map((d) => `${d.dataset}@${d.version}`).join(' ')}` : ''}`
      : 'lineage: registered from files',
  );
  const metrics = Object.entries(v.metrics);
  if (metrics.length) out.push(`run metrics: ${metrics.map(([k, m]) => `${k}=${m.last === null ? '–' : num(m.last)}`).join(', ')}`);
  if (v.gateReport)
    out.push(
      `evaluated ${when(v.gateReport.evaluatedAt)}: ${Object.entries(v.gateReport.metrics)
        .map(([k, x]) => `${k}=${num(x)}`)
        .join(', ')}`,
    );
  for (const w of v.warnings) out.push(`note: ${w}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function printReport(r: EvalReport): void {
  const out = [
    `${r.ref}: ${r.task ?? 'not evaluated'} on ${r.holdout ? `${r.holdout.dataset}@${r.holdout.version}/${r.holdout.path} (${r.holdout.rows} rows)` : 'no holdout'}, backend ${r.backend}, ${(r.durationMs / 1000).toFixed(2)}s`,
  ];
  for (const [k, x] of Object.entries(r.metrics)) out.push(`  ${k.padEnd(18)} ${num(x)}`);
  if (r.confusionMatrix) out.push(`  confusion matrix (rows: true class): ${JSON.stringify(r.confusionMatrix)}`);
  for (const l of r.latency)
    out.push(`  latency batch ${String(l.batchSize).padEnd(5)} p50 ${l.p50Ms.toFixed(2)} ms, p95 ${l.p95Ms.toFixed(2)} ms (${l.batches} batches)`);
  for (const g of r.gates) out.push(`  ${g.pass ? 'pass' : 'FAIL'} ${g.gate}  (${g.message})`);
  process.stdout.write(`${out.join('\n')}\n`);
}

const tensor = (t: TensorSpec | null) => (t ? `${t.dtype ?? '?'}${JSON.stringify(t.shape)}` : '(none)');
const signed = (x: number, f: (n: number) => string = num) => `${x >= 0 ? '+' : '−'}${f(Math.abs(x))}`;

function printCompare(c: ModelCompareResult): void {
  const { a, b } = c;
  const A = `${a.name}@${a.version}`;
  const B = `${b.name}@${b.version}`;
  const out = [`${A} → ${B}`];
  out.push(`format      ${a.format} → ${b.format}${c.formatEqual ? ' (same)' : ''}`);
  out.push(`size        ${formatBytes(a.sizeBytes)} → ${formatBytes(b.sizeBytes)} (${signed(c.sizeDelta, formatBytes)})`);
  out.push(`digest      ${shortDigest(a.digest)} → ${shortDigest(b.digest)}${a.digest === b.digest ? ' (same files)' : ''}`);
  if (c.metrics.length) {
    out.push('metrics:');
    for (const m of c.metrics)
      out.push(
        `  ${m.metric.padEnd(18)} ${m.a === null ? '–' : num(m.a)} → ${m.b === null ? '–' : num(m.b)}${m.delta === null ? '' : ` (${signed(m.delta)})`}`,
      );
  } else out.push('metrics: none on either version');
  const params = c.params.filter((p) => p.differs);
  if (params.length) {
    out.push('params that differ:');
    for (const p of params) out.push(`  ${p.key.padEnd(18)} ${JSON.stringify(p.a)} → ${JSON.stringify(p.b)}`);
  } else out.push(c.params.length ? `params: the same (${c.params.length})` : 'params: none');
  if (c.signatureEqual) out.push(`signature: the same${a.signature ? '' : ' (neither carries one)'}`);
  else {
    out.push('signature differs:');
    for (const d of c.signatureDiff) out.push(`  ${d.io} ${d.name}: ${tensor(d.a)} → ${tensor(d.b)}`);
    if (!c.signatureDiff.length) out.push(`  ${a.signature ? 'present' : 'absent'} → ${b.signature ? 'present' : 'absent'}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

export function registerModels(program: Command, g: () => GlobalOptions): void {
  const models = program.command('models').description('model registry: register, validate, promote through gates, roll back');

  models
    .command('register [path]')
    .description('register a folder or file (or, with --from-run, a run stage output already in the store) as a new version')
    .requiredOption('-n, --name <name>', 'the model (created if missing)')
    .option('--from-run <run>', 'a run id, id prefix or number whose output holds the model')
    .option('--output <path>', 'with --from-run: the output path (or a path inside it)')
    .option('-m, --message <msg>', 'a note kept with the version', '')
    .option('--json', 'print the version as JSON')
    .action((path: string | undefined, o: { name: string; fromRun?: string; output?: string; message: string; json?: boolean }) =>
      withCore(g(), async (core) => {
        let v: ModelVersion;
        if (o.fromRun !== undefined) {
          if (path !== undefined) throw new KilnError('INVALID_INPUT', 'give either PATH or --from-run RUN --output PATH, not both');
          if (o.output === undefined) throw new KilnError('INVALID_INPUT', '--from-run needs --output PATH: the stage output holding the model');
          v = await long(
            core,
            'models:register',
            { name: o.name, fromRun: o.fromRun, output: o.output, message: o.message },
            `registering ${o.name}`,
            !!o.json,
          );
        } else {
          if (path === undefined)
            throw new KilnError('INVALID_INPUT', 'give the model folder or file: kiln models register PATH --name NAME (or --from-run RUN --output PATH)');
          v = await long(core, 'models:register', { name: o.name, path: resolve(path), message: o.message }, `registering ${o.name}`, !!o.json);
        }
        if (o.json) return printJson(v);
        process.stdout.write(`registered ${versionLine(v)}\n`);
        for (const w of v.warnings) process.stderr.write(`note: ${w}\n`);
      }),
    );

  models
    .command('ls [name]')
    .description('list models, or the versions of one (newest first)')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'versions to list', '50')
    .action((name: string | undefined, o: { json?: boolean; limit: string }) =>
      withCore(g(), async (core) => {
        if (name !== undefined) {
          const page = await core.invoke('models:versions', { name, limit: Math.min(1000, Math.max(1, Number(o.limit) || 50)) });
          if (o.json) return printJson(page);
          for (const v of page.versions) process.stdout.write(`${versionLine(v)}\t${when(v.createdAt)}\n`);
          if (page.total > page.versions.length) process.stdout.write(`… ${page.total - page.versions.length} older (--limit)\n`);
          return;
        }
        const list = await core.invoke('models:list', {});
        if (o.json) return printJson(list);
        if (!list.length) return void process.stdout.write('no models yet: kiln models register PATH --name NAME\n');
        for (const m of list) {
          const aliases = Object.entries(m.aliases)
            .map(([a, v]) => `${a}=@${v}`)
            .join(' ');
          process.stdout.write(
            `${m.name}\t${m.versions} version${m.versions === 1 ? '' : 's'}\tlatest @${m.latest ?? '-'}\t${m.format ?? '-'}\t${aliases || 'no aliases'}\t${when(m.updatedAt)}\n`,
          );
        }
      }),
    );

  models
    .command('show <ref>')
    .description('one version: NAME@VERSION or NAME@ALIAS')
    .option('--json', 'print JSON')
    .option('--card', 'print the model card (Markdown)')
    .action((ref: string, o: { json?: boolean; card?: boolean }) =>
      withCore(g(), async (core) => {
        const v = await core.invoke('models:get', { ref });
        if (o.json) return printJson(v);
        if (o.card) return void process.stdout.write(v.card.endsWith('\n') ? v.card : `${v.card}\n`);
        printVersion(v);
      }),
    );

  models
    .command('card <ref> <file>')
    .description('replace the model card of a version with a Markdown file')
    .action((ref: string, file: string) =>
      withCore(g(), async (core) => {
        const v = await core.invoke('models:card-set', { ref, card: readFileSync(resolve(file), 'utf8') });
        process.stdout.write(`card of ${v.name}@${v.version} updated\n`);
      }),
    );

  models
    .command('validate <ref>')
    .description('evaluate a version on its holdout (kiln.yaml models:) and run its gates; the report is stored')
    .option('--json', 'print the report as JSON')
    .action((ref: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await long(core, 'models:validate', { ref }, `evaluating ${ref}`, !!o.json);
        if (o.json) return printJson(r);
        printReport(r);
      }),
    );

  models
    .command('promote <ref>')
    .description('move an alias to a version once its gates pass')
    .requiredOption('-a, --alias <alias>', 'e.g. champion, staging')
    .option('-r, --reason <text>', 'why (kept in the alias history)', '')
    .option('--json', 'print the alias move as JSON')
    .action((ref: string, o: { alias: string; reason: string; json?: boolean }) =>
      withCore(g(), async (core) => {
        const e = await long(core, 'models:promote', { ref, alias: o.alias, reason: o.reason }, `promoting ${ref}`, !!o.json);
        if (o.json) return printJson(e);
        process.stdout.write(
          `${e.name}@${e.alias}: v${e.fromVersion ?? '–'} → v${e.toVersion}${e.gateReport?.gates.length ? ` (${e.gateReport.gates.length} gates passed)` : ''}\n`,
        );
      }),
    );

  models
    .command('rollback <name>')
    .description('move an alias back to the version it named before')
    .requiredOption('-a, --alias <alias>', 'the alias to move back')
    .option('-r, --reason <text>', 'why (kept in the alias history)', '')
    .option('--json', 'print the alias move as JSON')
    .action((name: string, o: { alias: string; reason: string; json?: boolean }) =>
      withCore(g(), async (core) => {
        const e = await core.invoke('models:rollback', { name, alias: o.alias, reason: o.reason });
        if (o.json) return printJson(e);
        process.stdout.write(`${e.name}@${e.alias}: v${e.fromVersion ?? '–'} → v${e.toVersion} (rolled back)\n`);
      }),
    );

  models
    .command('history <name>')
    .description('every alias move of a model, oldest first')
    .option('-a, --alias <alias>', 'only this alias')
    .option('--json', 'print JSON')
    .action((name: string, o: { alias?: string; json?: boolean }) =>
      withCore(g(), async (core) => {
        const h = await core.invoke('models:history', { name, ...(o.alias !== undefined ? { alias: o.alias } : {}) });
        if (o.json) return printJson(h);
        if (!h.events.length) return void process.stdout.write(`${name} has no alias moves yet: kiln models promote ${name}@VERSION --alias champion\n`);
        for (const e of h.events) {
          process.stdout.write(
            `${when(e.at)}\t${e.alias}\t${e.kind}\tv${e.fromVersion ?? '–'} → v${e.toVersion}\t${e.actor}${e.reason ? `\t${e.reason}` : ''}\n`,
          );
        }
      }),
    );

  models
    .command('compare <a> <b>')
    .description('two versions side by side: metrics, params, signature, format and size (deltas are B − A)')
    .option('--json', 'print JSON')
    .action((a: string, b: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const c = await core.invoke('models:compare', { a, b });
        if (o.json) return printJson(c);
        printCompare(c);
      }),
    );

  models
    .command('checkout <ref> <dir>')
    .description("write a version's files into a new or empty folder")
    .option('--json', 'print JSON')
    .action((ref: string, dir: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await long(core, 'models:checkout', { ref, dir: resolve(dir) }, `checking out ${ref}`, !!o.json);
        if (o.json) return printJson(r);
        process.stdout.write(`${ref} → ${r.dir}: ${r.files} files, ${formatBytes(r.bytes)}\n`);
      }),
    );
}
