import type { Command } from 'commander';
import type { GlobalOptions } from '../cli-core.js';

// The data commands; filled in with their domain.
export function registerData(_program: Command, _g: () => GlobalOptions): void {}
