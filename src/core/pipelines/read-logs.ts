import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { KilnError, type PipelineLogs } from '../../shared/contract/index.js';

/** Lines [offset, offset+limit) of a stage's log file, streamed (a log can be millions of lines). */
export async function readLogLines(path: string, runId: string, stage: string, offset: number, limit: number): Promise<PipelineLogs> {
  if (!(await stat(path).catch(() => null)))
    throw new KilnError('NOT_FOUND', `stage ${stage} of run ${runId} has no log file (${path}): it did not start a container (cached or not run)`);
  const lines: string[] = [];
  let n = 0;
  let more = false;
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) {
    if (n >= offset + limit) {
      more = true;
      break;
    }
    if (n >= offset) lines.push(line);
    n++;
  }
  rl.close();
  return { runId, stage, path, offset, lines, nextOffset: offset + lines.length, eof: !more };
}
