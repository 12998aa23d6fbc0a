import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createCore } from '../../core/index.js';
import { workspaceRoot, type GlobalOptions } from '../cli-core.js';
import { failAndExit } from '../output.js';

/** The built renderer, next to the CLI bundle in a checkout or a package. */
export function rendererDir(): string {
  return process.env.KILN_RENDERER_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
}

export function registerServe(program: Command, g: () => GlobalOptions): void {
  program
    .command('serve')
    .description('serve the Kiln UI and API over HTTP (web mode), on 127.0.0.1 by default')
    .option('-p, --port <port>', 'port (0 picks a free one)', '7420')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--allow-host <name...>', 'extra host names browsers may use to reach this server')
    .option('--no-example', 'on the very first launch (no recent workspace), do not create and open the example workspace')
    .action(async (o: { port: string; host: string; allowHost?: string[]; example: boolean }) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) failAndExit(new Error(`--port ${o.port} is not a port number`));
      if (o.host !== '127.0.0.1' && o.host !== 'localhost' && o.host !== '::1') {
        process.stderr.write(
          `warning: serving on ${o.host} exposes Kiln to other machines on this network; anyone with the token can run containers here. Prefer an SSH tunnel to 127.0.0.1.\n`,
        );
      }
      const root = workspaceRoot(g());
      try {
        // The first launch opens the example, as the desktop app does: a newcomer's first screen is most often this one.
        const example = o.example && process.env.KILN_FIRST_LAUNCH_EXAMPLE !== '0';
        const core = await createCore({ host: 'server', watchEngine: true, exampleOnFirstLaunch: example, ...(root ? { workspace: root } : {}) });
        const { startServer } = await import('../../server/index.js');
        const srv = await startServer({ core, host: o.host, port, staticDir: rendererDir(), allowedHosts: o.allowHost ?? [] });
        const open = (await core.invoke('workspaces:current', {}))?.path;
        process.stdout.write(`Kiln is serving ${open ?? '(no workspace: pick one in the UI)'}\nOpen ${srv.url}\n(Ctrl+C to stop)\n`);
        const stop = async () => {
          await srv.close();
          await core.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      } catch (e) {
        failAndExit(e);
      }
    });
}
