import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunLogEvent } from '../../../../src/shared/contract/index.js';
import { LogSink } from '../../../../src/core/pipelines/log-sink.js';

describe('LogSink', () => {
  it('cuts chunks into whole lines per stream, loses none and batches events', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kiln-log-')), 's.log');
    const events: RunLogEvent[] = [];
    const sink = new LogSink(path, 'r', 's', (e) => events.push(e));
    const text = Array.from({ length: 12_000 }, (_, i) => `line ${i} ünïcode`).join('\n');
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += 7) sink.write('stdout', bytes.subarray(i, i + 7)); // splits characters too
    sink.write('stderr', Buffer.from('err 1\nerr 2 no newline'));
    await sink.close();
    const file = readFileSync(path, 'utf8').split('\n');
    expect(file.filter((l) => l.startsWith('line')).length).toBe(12_000);
    expect(file).toContain('err 2 no newline');
    const out = events.filter((e) => e.stream === 'stdout').flatMap((e) => e.lines);
    expect(out).toEqual(text.split('\n'));
    expect(events.every((e) => e.lines.length <= 5000)).toBe(true);
    expect(events.filter((e) => e.stream === 'stderr').flatMap((e) => e.lines)).toEqual(['err 1', 'err 2 no newline']);
  });
});
