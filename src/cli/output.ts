import { KilnError } from '../shared/contract/index.js';

/** `--json` everywhere: one JSON document on stdout, nothing else there. */
export function printJson(v: unknown): void {
  process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
}

/** Errors print as one line naming what failed and what to do; exit code 1 (2 for bad usage). */
export function failAndExit(e: unknown): never {
  if (e instanceof KilnError) {
    process.stderr.write(`kiln: ${e.message}\n`);
    const details = e.details as { lines?: string[] } | undefined;
    if (details?.lines) for (const l of details.lines) process.stderr.write(`  ${l}\n`);
    process.exit(e.code === 'INVALID_INPUT' ? 2 : 1);
  }
  process.stderr.write(`kiln: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.KILN_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(1);
}
