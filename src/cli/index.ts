import { Command } from 'commander';
import { KILN_VERSION } from '../core/index.js';
import type { GlobalOptions } from './cli-core.js';
import { failAndExit } from './output.js';
import { registerDoctor } from './commands/doctor.js';
import { registerInit } from './commands/init.js';
import { registerServe } from './commands/serve.js';
import { registerData } from './commands/data.js';
import { registerPipeline } from './commands/pipeline.js';
import { registerRuns } from './commands/runs.js';
import { registerModels } from './commands/models.js';
import { registerOci } from './commands/oci.js';

const program = new Command('kiln')
  .description('Kiln — local-first MLOps: versioned datasets, pipelines in Docker, runs and metrics')
  .version(KILN_VERSION, '-V, --version')
  .option('-C, --workspace <dir>', 'act on the workspace at DIR instead of the current folder')
  .showHelpAfterError();

const g = (): GlobalOptions => program.opts<GlobalOptions>();
registerInit(program);
registerDoctor(program, g);
registerServe(program, g);
registerData(program, g);
registerPipeline(program, g);
registerRuns(program, g);
registerModels(program, g);
// last: it adds push/pull to the data and models commands registered above
registerOci(program, g);

program.parseAsync(process.argv).catch(failAndExit);
