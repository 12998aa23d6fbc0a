import type { Command } from 'commander';
import type { GlobalOptions } from '../cli-core.js';

// The runs commands; filled in with their domain.
export function registerRuns(_program: Command, _g: () => GlobalOptions): void {}
