import type { Command } from 'commander';
import { KilnError, type PushResult } from '../../shared/contract/index.js';
import { withCore, type GlobalOptions } from '../cli-core.js';
import { runLong } from '../long-op.js';
import { printJson } from '../output.js';
import { formatBytes } from '../../shared/format.js';
import { parseRef } from './data.js';

/** The `models` or `data` command, whoever registered it first; created when missing. */
function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

function chunkBytes(mib: string | undefined): number | undefined {
  if (mib === undefined) return undefined;
  const n = Number(mib);
  if (!Number.isFinite(n) || n <= 0 || n > 20)
    throw new KilnError('INVALID_INPUT', `--chunk-size ${mib}: give MiB between 0.0625 and 20 (ECR refuses larger parts)`);
  return Math.round(n * 1024 * 1024);
}

function printPush(what: string, r: PushResult): void {
  process.stdout.write(
    `${what} → ${r.reference}\n  ${r.digest}\n  uploaded ${formatBytes(r.uploadedBytes)}, already there ${formatBytes(r.skippedBytes)} (${r.blobsSkipped}/${r.blobs} blobs skipped) in ${r.seconds.toFixed(2)}s\n`,
  );
  if (r.resumedBytes) process.stdout.write(`  went on from ${formatBytes(r.resumedBytes)} an interrupted push had left on the registry\n`);
  for (const t of r.tags) process.stdout.write(`  tagged ${t}\n`);
  for (const d of r.referrers) process.stdout.write(`  gate report attached: ${d}\n`);
}

interface PushOpts {
  json?: boolean;
  insecure?: boolean;
  chunkSize?: string;
}

/** push/pull of datasets and models to OCI registries, under `kiln data` and `kiln models`. */
export function registerOci(program: Command, g: () => GlobalOptions): void {
  const data = group(program, 'data', 'versioned datasets');
  const models = group(program, 'models', 'the model registry');

  data
    .command('push <ref> <target>')
    .description('push NAME@VERSION to a registry as an OCI artifact (only chunks the registry lacks are sent)')
    .option('--json', 'print the result as JSON')
    .option('--insecure', 'plain HTTP or unchecked TLS for this registry')
    .option('--chunk-size <mib>', 'PATCH size in MiB for large blobs (default 16)')
    .action((ref: string, target: string, o: PushOpts) =>
      withCore(g(), async (core) => {
        const { dataset, version } = parseRef(ref);
        const cs = chunkBytes(o.chunkSize);
        const r = await runLong(
          core,
          'datasets:push',
          { dataset, version, target, insecure: !!o.insecure, ...(cs ? { chunkSize: cs } : {}) },
          `pushing ${ref}`,
          !!o.json,
        );
        if (o.json) return printJson(r);
        printPush(ref, r);
      }),
    );

  data
    .command('pull <source>')
    .description('pull a dataset artifact from a registry as a new version of a dataset (only missing chunks are fetched)')
    .requiredOption('-n, --name <name>', 'the dataset to add the version to (created if missing)')
    .option('--json', 'print the result as JSON')
    .option('--insecure', 'plain HTTP or unchecked TLS for this registry')
    .action((source: string, o: { name: string; json?: boolean; insecure?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await runLong(core, 'datasets:pull', { source, dataset: o.name, insecure: !!o.insecure }, `pulling ${source}`, !!o.json);
        if (o.json) return printJson(r);
        const v = r.version;
        process.stdout.write(
          `${r.unchanged ? 'unchanged: ' : ''}${v.dataset}@${v.version} ${v.digest.slice(7, 19)}: ${v.files} files, ${formatBytes(v.bytes)}; downloaded ${formatBytes(r.downloadedBytes)}, ${formatBytes(r.reusedBytes)} already local\n`,
        );
      }),
    );

  models
    .command('push <ref> <target>')
    .description('push NAME@VERSION (or NAME@ALIAS) to a registry as a CNCF ModelPack artifact')
    .option('--json', 'print the result as JSON')
    .option('--aliases', "also tag the artifact with the version's aliases")
    .option('--insecure', 'plain HTTP or unchecked TLS for this registry')
    .option('--chunk-size <mib>', 'PATCH size in MiB for large blobs (default 16)')
    .action((ref: string, target: string, o: PushOpts & { aliases?: boolean }) =>
      withCore(g(), async (core) => {
        const cs = chunkBytes(o.chunkSize);
        const r = await runLong(
          core,
          'models:push',
          { ref, target, aliases: !!o.aliases, insecure: !!o.insecure, ...(cs ? { chunkSize: cs } : {}) },
          `pushing ${ref}`,
          !!o.json,
        );
        if (o.json) return printJson(r);
        printPush(ref, r);
      }),
    );

  models
    .command('pull <source>')
    .description('pull a ModelPack, CNAI or KitOps model artifact and register it')
    .option('-n, --name <name>', 'register under this name (default: the name the artifact carries)')
    .option('--json', 'print the registered version as JSON (as models show --json)')
    .option('--insecure', 'plain HTTP or unchecked TLS for this registry')
    .action((source: string, o: { name?: string; json?: boolean; insecure?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await runLong(core, 'models:pull', { source, insecure: !!o.insecure, ...(o.name ? { name: o.name } : {}) }, `pulling ${source}`, !!o.json);
        if (o.json) return printJson(r.model);
        const v = r.model;
        process.stdout.write(
          `${v.name}@${v.version} (${v.format}, ${r.format}) ${r.digest.slice(7, 19)}: ${v.files} files, ${formatBytes(v.sizeBytes)}; downloaded ${formatBytes(r.downloadedBytes)} in ${r.seconds.toFixed(2)}s\n`,
        );
      }),
    );
}
