import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Core } from '../../core/index.js';
import { KilnError, type LongOpName, type OpInput, type OpOutput } from '../../shared/contract/index.js';
import { cancelOnSigint, withCore, workspaceRoot, type GlobalOptions } from '../cli-core.js';
import { ProgressPrinter } from '../progress-printer.js';
import { failAndExit, printJson } from '../output.js';
import { formatBytes, formatTimestamp as when, shortDigest as short } from '../../shared/format.js';

/** NAME@VERSION (number, tag or "latest"); a bare NAME means its latest version. */
export function parseRef(ref: string): { dataset: string; version: number | string } {
  const at = ref.lastIndexOf('@');
  const dataset = at === -1 ? ref : ref.slice(0, at);
  const v = at === -1 ? 'latest' : ref.slice(at + 1);
  if (!dataset || !v)
    throw new KilnError('INVALID_INPUT', `${JSON.stringify(ref)} is not a dataset reference: write NAME@VERSION, e.g. images@3 or images@latest`);
  return { dataset, version: /^\d+$/.test(v) ? Number(v) : v };
}

/** Runs a long operation with a progress bar (TTY) or plain lines, and Ctrl+C to cancel. */
export async function long<K extends LongOpName>(core: Core, op: K, input: OpInput<K>, label: string, quiet: boolean): Promise<OpOutput<K>> {
  const jobId = `cli-${randomBytes(6).toString('hex')}`;
  const printer = new ProgressPrinter(label, process.stderr, quiet);
  const off = core.on('jobs:progress', (p) => p.jobId === jobId && printer.update(p));
  const stop = cancelOnSigint(core, jobId);
  try {
    return await core.invoke(op, { ...(input as object), jobId } as OpInput<K>);
  } finally {
    printer.done();
    off();
    stop();
  }
}

export function registerData(program: Command, g: () => GlobalOptions): void {
  const data = program.command('data').description('versioned datasets: add, list, diff, check out, verify');

  data
    .command('add <paths...>')
    .description('store files or a folder as a new version of a dataset')
    .requiredOption('-n, --name <name>', 'the dataset (created if missing)')
    .option('-m, --message <msg>', 'what changed', '')
    .option('--json', 'print the result as JSON')
    .action((paths: string[], o: { name: string; message: string; json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await long(
          core,
          'datasets:add',
          { dataset: o.name, source: { kind: 'paths', paths: paths.map((p) => resolve(p)) }, message: o.message },
          `adding ${o.name}`,
          !!o.json,
        );
        if (o.json) return printJson(r);
        for (const w of r.warnings) process.stderr.write(`warning: ${w.message}\n`);
        const v = r.version;
        const s = r.stats;
        process.stdout.write(
          r.unchanged
            ? `${v.dataset}@${v.version} unchanged (${v.files} files, ${formatBytes(v.bytes)}); no new version\n`
            : `${v.dataset}@${v.version} ${short(v.digest)}: ${v.files} files, ${formatBytes(v.bytes)}; ${formatBytes(s.bytesNew)} new, ${formatBytes(s.bytesReused)} reused; ${s.filesHashed} hashed in ${s.seconds.toFixed(2)}s\n`,
        );
      }),
    );

  data
    .command('ls')
    .description('list datasets')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const list = await core.invoke('datasets:list', {});
        if (o.json) return printJson(list);
        if (!list.length) return void process.stdout.write('no datasets yet: kiln data add PATH --name NAME\n');
        for (const d of list)
          process.stdout.write(
            `${d.name}\t${d.versions} version${d.versions === 1 ? '' : 's'}\tlatest @${d.latest ?? '-'}\t${d.files} files\t${formatBytes(d.bytes)}\t${when(d.updatedAt)}\n`,
          );
      }),
    );

  data
    .command('log <name>')
    .description('the versions of a dataset, newest first')
    .option('--json', 'print JSON')
    .action((name: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const list = await core.invoke('datasets:versions', { dataset: name });
        if (o.json) return printJson(list);
        for (const v of list) {
          const tags = v.tags.length ? ` [${v.tags.join(', ')}]` : '';
          process.stdout.write(
            `@${v.version}\t${short(v.digest)}\t${when(v.createdAt)}\t${v.author}\t${v.files} files\t${formatBytes(v.bytes)} (${formatBytes(v.bytesNew)} new)\t${v.message}${tags}\n`,
          );
        }
      }),
    );

  data
    .command('show <ref>')
    .description('the file tree of NAME@VERSION with sizes')
    .option('--json', 'print JSON')
    .action((ref: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const t = await core.invoke('datasets:tree', parseRef(ref));
        if (o.json) return printJson(t);
        process.stdout.write(`${t.dataset}@${t.version} ${t.digest}\n${t.files} files, ${formatBytes(t.bytes)}\n`);
        for (const e of t.entries) {
          const depth = e.path.split('/').length - 1;
          const name = e.path.split('/').pop()!;
          const what = e.type === 'dir' ? '/' : e.type === 'symlink' ? ` -> ${e.target}` : e.linkOf ? ` (hard link of ${e.linkOf})` : '';
          process.stdout.write(`${'  '.repeat(depth)}${JSON.stringify(name).slice(1, -1)}${what}${e.type === 'file' ? `  ${formatBytes(e.size)}` : ''}\n`);
        }
      }),
    );

  data
    .command('diff <from> <to>')
    .description('compare two versions: NAME@V1 NAME@V2 (or NAME@V1 V2)')
    .option('--json', 'print JSON')
    .action((from: string, to: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const a = parseRef(from);
        const b = to.includes('@') ? parseRef(to) : { dataset: a.dataset, version: /^\d+$/.test(to) ? Number(to) : to };
        if (a.dataset !== b.dataset)
          throw new KilnError('INVALID_INPUT', `both sides of a diff must be versions of one dataset (got ${a.dataset} and ${b.dataset})`);
        const d = await core.invoke('datasets:diff', { dataset: a.dataset, from: a.version, to: b.version });
        if (o.json) return printJson(d);
        const mark = { added: '+', removed: '-', modified: 'M', renamed: 'R' } as const;
        for (const e of d.entries) {
          const rows = e.rows ? `  rows +${e.rows.added} -${e.rows.removed}` : '';
          process.stdout.write(`${mark[e.change]} ${e.from ? `${e.from} -> ` : ''}${e.path}${rows}\n`);
        }
        const s = d.summary;
        process.stdout.write(
          `${s.added} added, ${s.removed} removed, ${s.modified} modified, ${s.renamed} renamed, ${s.unchanged} unchanged; ${formatBytes(s.bytesNew)} new, ${formatBytes(s.bytesReused)} reused\n`,
        );
      }),
    );

  data
    .command('checkout <ref> <dir>')
    .description('write NAME@VERSION into DIR (new or empty), byte-identical with modes')
    .option('--json', 'print JSON')
    .action((ref: string, dir: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await long(core, 'datasets:checkout', { ...parseRef(ref), dir: resolve(dir) }, `checking out ${ref}`, !!o.json);
        if (o.json) return printJson(r);
        process.stdout.write(`${ref}: ${r.files} files, ${formatBytes(r.bytes)} written to ${r.dir}\n`);
      }),
    );

  data
    .command('verify')
    .description('re-hash everything in the store; exit 1 if anything is damaged')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await long(core, 'datasets:verify', {}, 'verifying', !!o.json);
        if (o.json) printJson(r);
        else {
          for (const d of r.damaged) {
            const vs = d.versions.map((v) => `${v.dataset}@${v.version}`).join(', ') || 'no version';
            process.stdout.write(
              `DAMAGED ${d.kind} ${d.id}${d.pack ? ` in ${d.pack}` : ''}: ${d.reason}; breaks ${vs}${d.files.length ? ` (${d.files.join(', ')})` : ''}\n`,
            );
          }
          process.stdout.write(
            r.ok
              ? `ok: ${r.chunks} chunks (${formatBytes(r.bytes)}) and ${r.manifests} manifests verified\n`
              : `${r.damaged.length} damaged object${r.damaged.length === 1 ? '' : 's'}\n`,
          );
        }
        if (!r.ok) process.exitCode = 1;
      }),
    );

  data
    .command('gc')
    .description('remove data no version references')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await long(core, 'datasets:gc', {}, 'collecting', !!o.json);
        if (o.json) return printJson(r);
        process.stdout.write(
          `removed ${r.chunksRemoved} chunks and ${r.manifestsRemoved} manifests (${r.packsRemoved} packs deleted, ${r.packsRewritten} rewritten); ${formatBytes(r.bytesFreed)} freed\n`,
        );
      }),
    );

  data
    .command('recover')
    .description('rebuild a lost or emptied kiln.db: datasets, versions and chunks, from what the packs record')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => {
      const root = workspaceRoot(g());
      if (!root) return failAndExit(new KilnError('NO_WORKSPACE', `${g().workspace ?? process.cwd()} is not inside a Kiln workspace: pass -C DIR`));
      // the workspace is not opened first: opening is what refuses a lost database
      return withCore(
        {},
        async (core) => {
          const r = await long(core, 'datasets:recover', { path: root }, 'recovering', !!o.json);
          if (o.json) return printJson(r);
          process.stdout.write(
            `recovered ${r.versions.length} version${r.versions.length === 1 ? '' : 's'} (${r.versions.map((v) => `${v.dataset}@${v.version}`).join(', ') || 'none'}), ${r.manifests} manifests and ${r.chunks} chunks from ${r.packs} packs\n`,
          );
          if (r.packsUnreadable.length)
            process.stdout.write(
              `${r.packsUnreadable.length} pack(s) carry no index of their own (written by an older Kiln) and were left as they are: ${r.packsUnreadable.join(', ')}\n`,
            );
          if (r.manifestsDamaged.length) process.stdout.write(`damaged manifests (not recovered): ${r.manifestsDamaged.join(', ')}\n`);
          process.stdout.write('runs and metrics are not kept in the packs and were not recovered; kiln data verify checks the result\n');
        },
        { needWorkspace: false, workspace: undefined },
      );
    });

  data
    .command('tag <ref> <tag>')
    .description('name a version (NAME@VERSION) with a tag; --remove deletes it')
    .option('--remove', 'remove the tag')
    .option('--json', 'print JSON')
    .action((ref: string, tag: string, o: { remove?: boolean; json?: boolean }) =>
      withCore(g(), async (core) => {
        const v = await core.invoke('datasets:tag', { ...parseRef(ref), tag, remove: !!o.remove });
        if (o.json) return printJson(v);
        process.stdout.write(`${v.dataset}@${v.version}: tags ${v.tags.join(', ') || '(none)'}\n`);
      }),
    );

  data
    .command('preview <ref> <path>')
    .description('the first rows (or lines) of a file of NAME@VERSION')
    .option('--limit <n>', 'rows', '20')
    .option('--json', 'print JSON')
    .action((ref: string, path: string, o: { limit: string; json?: boolean }) =>
      withCore(g(), async (core) => {
        const p = await core.invoke('datasets:preview', { ...parseRef(ref), path, limit: Number(o.limit) });
        if (o.json) return printJson(p);
        if (p.kind === 'table') {
          process.stdout.write(`${p.columns.join('\t')}\n`);
          for (const r of p.rows) process.stdout.write(`${r.map((c) => (c === null ? '' : String(c))).join('\t')}\n`);
        } else if (p.kind === 'text') process.stdout.write(`${p.lines.join('\n')}\n`);
        else if (p.kind === 'image') process.stdout.write(`${p.mime} ${p.width ?? '?'}x${p.height ?? '?'}, ${formatBytes(p.size)}\n`);
        else if (p.kind === 'tfjs-model') {
          process.stdout.write(`TF.js ${p.format} model, ${p.totalParams.toLocaleString('en-US')} parameters\n`);
          for (const l of p.layers) process.stdout.write(`${l.name}\t${l.className}\t${l.outputShape ? JSON.stringify(l.outputShape) : '?'}\t${l.params}\n`);
          for (const s of p.shards) process.stdout.write(`${s.path}\t${s.size === null ? 'missing' : formatBytes(s.size)}\n`);
        } else process.stdout.write(`${p.message}\n`);
      }),
    );

  data
    .command('stats <ref> <path>')
    .description('column statistics of a table file of NAME@VERSION')
    .option('--json', 'print JSON')
    .action((ref: string, path: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const s = await core.invoke('datasets:stats', { ...parseRef(ref), path });
        if (o.json) return printJson(s);
        process.stdout.write(`${s.path}: ${s.rows} rows\n`);
        for (const c of s.columns)
          process.stdout.write(
            `${c.name}\t${c.type}\tnulls ${c.nulls}\tmin ${c.min ?? ''}\tmax ${c.max ?? ''}\tmean ${c.mean === null ? '' : c.mean.toPrecision(6)}\t~${c.distinct} distinct\n`,
          );
      }),
    );
}
