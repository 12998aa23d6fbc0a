import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createCore } from '../../core/index.js';
import { failAndExit } from '../output.js';

export function registerInit(program: Command): void {
  program
    .command('init [dir]')
    .description('make DIR (default: the current folder) a Kiln workspace')
    .option('--example', 'write the example MNIST pipeline into it')
    .action(async (dir: string | undefined, o: { example?: boolean }) => {
      const core = await createCore({ host: 'cli' });
      try {
        const ws = await core.invoke('workspaces:create', { path: resolve(dir ?? '.'), example: o.example ?? false });
        process.stdout.write(`Kiln workspace ready at ${ws.path}\n`);
      } catch (e) {
        await core.close();
        failAndExit(e);
      }
      await core.close();
    });
}
