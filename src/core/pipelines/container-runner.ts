import { Writable } from 'node:stream';
import type Docker from 'dockerode';
import type { ContainerCreateOptions } from 'dockerode';
import type { LogSink } from './log-sink.js';

export interface ExecOutcome {
  state: 'done' | 'failed' | 'cancelled';
  exitCode: number | null;
  oomKilled: boolean;
  error: string | null;
  /** the engine stopped answering: the container may still exist and is left for recovery */
  engineLost: boolean;
  containerId: string | null;
}

export interface ExecOptions {
  docker: Docker;
  create: ContainerCreateOptions;
  log: LogSink;
  signal: AbortSignal;
  timeoutSeconds: number | null;
  /** TERM, then KILL after this long */
  graceMs: number;
  onContainer: (id: string) => void;
}

const isEngineError = (e: unknown): boolean => {
  const code = (e as NodeJS.ErrnoException).code;
  return (
    typeof (e as { statusCode?: number }).statusCode !== 'number' &&
    (code === 'ECONNRESET' ||
      code === 'ECONNREFUSED' ||
      code === 'ENOENT' ||
      code === 'EPIPE' ||
      /socket hang up|ECONNRESET|ECONNREFUSED|aborted/i.test(String((e as Error).message)))
  );
};
const why = (e: unknown) => (e as { json?: { message?: string } }).json?.message?.trim() ?? (e instanceof Error ? e.message : String(e));

/**
 * Runs one stage's container to its end: logs attached before start (no line lost),
 * demultiplexed into the stage's log; timeout and cancel stop it with TERM then KILL; the
 * exit code and OOM kill are read from the engine; the container is removed afterwards.
 */
export async function runContainer(o: ExecOptions): Promise<ExecOutcome> {
  const { docker, log } = o;
  let container: Docker.Container;
  try {
    container = await docker.createContainer(o.create);
  } catch (e) {
    return {
      state: 'failed',
      exitCode: null,
      oomKilled: false,
      error: `the engine refused to create the container: ${why(e)}`,
      engineLost: isEngineError(e),
      containerId: null,
    };
  }
  o.onContainer(container.id);
  let stopReason: 'timeout' | 'cancel' | null = null;
  let killTimer: NodeJS.Timeout | null = null;
  const stop = (reason: 'timeout' | 'cancel') => {
    if (stopReason) return;
    stopReason = reason;
    log.system(
      reason === 'timeout'
        ? `kiln: timed out after ${o.timeoutSeconds}s, stopping (TERM, then KILL after ${o.graceMs / 1000}s)`
        : `kiln: cancelled, stopping (TERM, then KILL after ${o.graceMs / 1000}s)`,
    );
    container.kill({ signal: 'SIGTERM' }).catch(() => undefined);
    killTimer = setTimeout(() => void container.kill({ signal: 'SIGKILL' }).catch(() => undefined), o.graceMs);
  };
  let timeoutTimer: NodeJS.Timeout | null = null;
  const onAbort = () => stop('cancel');
  try {
    const stream = (await container.attach({ stream: true, stdout: true, stderr: true, logs: false })) as NodeJS.ReadableStream;
    const sink = (kind: 'stdout' | 'stderr') =>
      new Writable({
        write: (chunk: Buffer, _enc, cb) => {
          log.write(kind, chunk);
          cb();
        },
      });
    docker.modem.demuxStream(stream, sink('stdout'), sink('stderr'));
    const ended = new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    if (o.signal.aborted) throw Object.assign(new Error('cancelled before start'), { cancelled: true });
    await container.start();
    // a cancel that came while the container was starting is acted on now
    if (o.signal.aborted) stop('cancel');
    else o.signal.addEventListener('abort', onAbort, { once: true });
    if (o.timeoutSeconds) timeoutTimer = setTimeout(() => stop('timeout'), o.timeoutSeconds * 1000);
    await waitForExit(container);
    await Promise.race([ended, sleep(2000)]);
    const info = await container.inspect();
    const exitCode = info.State.ExitCode;
    const oomKilled = info.State.OOMKilled === true;
    await container.remove({ force: true }).catch(() => undefined);
    if (stopReason === 'cancel') return { state: 'cancelled', exitCode, oomKilled, error: 'cancelled', engineLost: false, containerId: container.id };
    if (stopReason === 'timeout')
      return {
        state: 'failed',
        exitCode,
        oomKilled,
        error: `timed out after ${o.timeoutSeconds}s (timeout in kiln.yaml)`,
        engineLost: false,
        containerId: container.id,
      };
    if (oomKilled) {
      const limit = o.create.HostConfig?.Memory;
      return {
        state: 'failed',
        exitCode,
        oomKilled,
        error: `killed for running out of memory${limit ? ` (memory limit ${Math.round(limit / 1048576)} MiB)` : ''}: raise memory in kiln.yaml or use less`,
        engineLost: false,
        containerId: container.id,
      };
    }
    if (exitCode !== 0) return { state: 'failed', exitCode, oomKilled, error: `exited with code ${exitCode}`, engineLost: false, containerId: container.id };
    return { state: 'done', exitCode, oomKilled, error: null, engineLost: false, containerId: container.id };
  } catch (e) {
    if ((e as { cancelled?: boolean }).cancelled) {
      await container.remove({ force: true }).catch(() => undefined);
      return { state: 'cancelled', exitCode: null, oomKilled: false, error: 'cancelled', engineLost: false, containerId: container.id };
    }
    const lost = isEngineError(e);
    if (!lost) await container.remove({ force: true }).catch(() => undefined);
    return {
      state: 'failed',
      exitCode: null,
      oomKilled: false,
      error: lost
        ? `the Docker engine went away during the stage (${why(e)}): the container is cleaned up when Kiln next reaches the engine`
        : `engine error: ${why(e)}`,
      engineLost: lost,
      containerId: container.id,
    };
  } finally {
    o.signal.removeEventListener('abort', onAbort);
    if (timeoutTimer) clearTimeout(timeoutTimer);
    if (killTimer) clearTimeout(killTimer);
  }
}

// unref'd: a pending guard timer must not keep a finished CLI process alive
const sleep = (ms: number) => new Promise<null>((r) => setTimeout(() => r(null), ms).unref());

/**
 * Waits for the container to stop. The engine's wait call alone can hang forever when the
 * connection is cut (no error reaches it), so the engine is also asked every second, and a
 * failed or unanswered question counts as the engine going away.
 */
async function waitForExit(container: Docker.Container): Promise<void> {
  const waiting = container.wait().then(
    () => ({ ok: true as const }),
    (e: unknown) => ({ ok: false as const, e }),
  );
  for (;;) {
    const v = await Promise.race([waiting, sleep(1000)]);
    if (v) {
      if (!v.ok) throw v.e;
      return;
    }
    const info = await Promise.race([container.inspect(), sleep(5000)]).catch((e: unknown) => {
      throw e;
    });
    if (info === null) throw Object.assign(new Error('the engine did not answer within 5 s'), { code: 'ECONNRESET' });
    if (!info.State.Running) return;
  }
}
