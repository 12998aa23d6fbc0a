import type { Command } from 'commander';
import type { GlobalOptions } from '../cli-core.js';

// The pipeline commands; filled in with their domain.
export function registerPipeline(_program: Command, _g: () => GlobalOptions): void {}
