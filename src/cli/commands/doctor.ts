import { statfsSync } from 'node:fs';
import type { Command } from 'commander';
import { createCore } from '../../core/index.js';
import { printJson } from '../output.js';
import { formatBytes } from '../../shared/format.js';
import { workspaceRoot, type GlobalOptions } from '../cli-core.js';
import { imageLines, type DoctorLine as Line } from '../image-lines.js';

const MIN_FREE_BYTES = 2 * 1024 ** 3;
const MIN_NODE = [20, 19];

/** Checks what Kiln needs, one line each; exit 1 when any is a problem. */
export function registerDoctor(program: Command, g: () => GlobalOptions): void {
  program
    .command('doctor')
    .description('check the Docker engine, GPUs, disk space and Node version')
    .option('--json', 'print the findings as JSON')
    .option('--build-local-image', "build a node image from this machine's node when a stage's node image cannot be pulled")
    .action(async (o: { json?: boolean; buildLocalImage?: boolean }) => {
      const root = workspaceRoot(g());
      const lines: Line[] = [];
      let core;
      try {
        core = await createCore({ host: 'cli', ...(root ? { workspace: root } : {}) });
      } catch (e) {
        // a workspace that cannot be opened is a finding, not a crash
        lines.push({ ok: false, what: 'workspace', text: (e as Error).message });
        core = await createCore({ host: 'cli' });
      }
      try {
        if (root && (await core.invoke('workspaces:current', {}))) {
          const c = await core.invoke('workspaces:check', {});
          lines.push({
            ok: c.integrity === 'ok',
            what: 'database',
            text: `${c.path} (${formatBytes(c.databaseBytes)}): ${c.integrity === 'ok' ? 'intact' : `damaged: ${c.integrity}`}`,
          });
          if (c.store) {
            const s = c.store;
            // format 1 (before migration 010) and 2 live side by side: both are read, nothing is rewritten
            const old = s.manifestsWhole > 0 ? `; ${s.manifestsWhole} manifest(s) from format 1, stored whole, read as they are` : '';
            lines.push({
              ok: true,
              what: 'store',
              text: `format 2: ${s.chunksBlake3} chunk(s) with BLAKE3 ids, ${s.chunksSha256} with SHA-256 ids (single-chunk files, and every chunk stored before format 2); ${s.manifestsPieced} manifest(s) in shared pieces${old}`,
            });
          }
        }
        const status = await core.invoke('engine:status', {});
        if (status.state === 'connected') {
          const info = await core.invoke('engine:info', {});
          lines.push({
            ok: true,
            what: 'engine',
            text: `Docker ${info.version} (API ${info.apiVersion}) at ${info.host}: ${info.os}, ${info.cpus} CPUs, ${formatBytes(info.memoryBytes)}, runtimes ${info.runtimes.join(', ')}, ${info.images} images, ${info.containersRunning} running`,
          });
        } else {
          lines.push({ ok: false, what: 'engine', text: status.message ?? 'Docker engine not reachable' });
        }
        if (root && status.state === 'connected') lines.push(...(await imageLines(core, !!o.buildLocalImage)));
        const gpus = await core.invoke('gpus:list', {});
        lines.push(
          gpus.gpus.length
            ? {
                ok: true,
                what: 'gpus',
                text: gpus.gpus.map((x) => `#${x.index} ${x.name} ${x.memoryTotalMiB ?? '?'} MiB (driver ${x.driverVersion})`).join('; '),
              }
            : { ok: true, what: 'gpus', text: `none (${gpus.reason ?? 'no GPU'}); stages that ask for GPUs will not start` },
        );
        if (gpus.gpus.length && status.state === 'connected') {
          const info = await core.invoke('engine:info', {});
          if (!info.nvidiaRuntime && info.cdiSpecDirs.length === 0)
            lines.push({
              ok: false,
              what: 'gpu runtime',
              text: 'GPUs found but the engine has neither the nvidia runtime nor CDI specs: install the NVIDIA Container Toolkit',
            });
        }
        // model evaluation: the TF.js backend the registry's worker uses (best present first)
        const tfb = await core.invoke('models:backend', {});
        // each backend better than the one in use says why it is not: not installed, or installed without its add-on
        const used = tfb.candidates.findIndex((c) => c.name === tfb.backend);
        const notes = tfb.candidates.slice(0, used < 0 ? undefined : used).flatMap((c) => (c.reason ? [c.reason] : []));
        lines.push({
          ok: tfb.backend !== 'none',
          what: 'tfjs',
          text: `TensorFlow.js backend for evaluation: ${tfb.backend}${notes.length ? ` (${notes.join('; ')})` : ''}`,
        });
      } finally {
        await core.close();
      }
      const dir = root ?? process.cwd();
      try {
        const fs = statfsSync(dir);
        const free = fs.bavail * fs.bsize;
        lines.push({
          ok: free >= MIN_FREE_BYTES,
          what: 'disk',
          text: `${formatBytes(free)} free at ${dir}${free < MIN_FREE_BYTES ? ` (under ${formatBytes(MIN_FREE_BYTES)}: free some space before adding datasets)` : ''}`,
        });
      } catch (e) {
        lines.push({ ok: false, what: 'disk', text: `cannot read free space of ${dir}: ${(e as Error).message}` });
      }
      const [maj = 0, min = 0] = process.versions.node.split('.').map(Number);
      const nodeOk = maj > MIN_NODE[0]! || (maj === MIN_NODE[0] && min >= MIN_NODE[1]!);
      lines.push({ ok: nodeOk, what: 'node', text: `Node ${process.versions.node}${nodeOk ? '' : ` (Kiln needs ≥ ${MIN_NODE.join('.')})`}` });
      lines.push({ ok: true, what: 'workspace', text: root ?? `none here (run \`kiln init\`)` });
      if (o.json) printJson(lines);
      else for (const l of lines) process.stdout.write(`${l.ok ? 'ok  ' : 'FAIL'} ${l.what.padEnd(11)} ${l.text}\n`);
      process.exitCode = lines.every((l) => l.ok) ? 0 : 1;
    });
}
