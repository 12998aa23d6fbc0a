import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../src/core/index.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { answerIpcCall } from '../../../src/main/ipc-call.js';
import { createBridge, type IpcLike } from '../../../src/preload/create-bridge.js';
import { KilnError, type Result } from '../../../src/shared/contract/index.js';

// One bad call — a workspace path that is a number — must be refused the same way everywhere,
// with the field named, before core runs anything.
const BAD = { path: 42 };

let core: Core;
let server: RunningServer;
beforeAll(async () => {
  core = await createCore({ host: 'server', kilnHome: mkdtempSync(join(tmpdir(), 'kiln-home-')) });
  server = await startServer({ core, port: 0, staticDir: join(tmpdir(), 'no-ui') });
});
afterAll(async () => {
  await server.close();
  await core.close();
});

function expectFieldError(err: { code: string; message: string }) {
  expect(err.code).toBe('INVALID_INPUT');
  expect(err.message).toContain('workspaces:open');
  expect(err.message).toMatch(/path: .*expected string/i);
}

describe('invalid input is rejected with a clear error on every transport', () => {
  it('core (the CLI calls it directly)', async () => {
    const e = await core.invokeUnchecked('workspaces:open', BAD).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KilnError);
    expectFieldError(e as KilnError);
  });

  it('HTTP (kiln serve): 400 with the error as data', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/workspaces:open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(BAD),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Result<unknown>;
    expect(body.ok).toBe(false);
    if (!body.ok) expectFieldError(body.error);
  });

  it('HTTP: an operation outside the contract is 404 UNKNOWN_OPERATION', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/fs:delete-everything`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_OPERATION');
  });

  it('Electron main IPC handler: error returned as data, untrusted sender refused', async () => {
    const r = await answerIpcCall(core, 'workspaces:open', BAD, true);
    expect(r.ok).toBe(false);
    if (!r.ok) expectFieldError(r.error);
    const untrusted = await answerIpcCall(core, 'engine:status', {}, false);
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('preload bridge: forwards to main, refuses names outside the contract without calling main', async () => {
    const calls: string[] = [];
    // A stand-in for Electron's ipcRenderer (Electron cannot run here) wired to the real main handler body.
    const ipc: IpcLike = {
      invoke: async (channel, input) => {
        calls.push(channel);
        return answerIpcCall(core, channel.replace(/^kiln:op:/, ''), input, true);
      },
      on: () => undefined,
      off: () => undefined,
      send: () => undefined,
    };
    const bridge = createBridge(ipc, () => '');
    const r = await bridge.invoke('workspaces:open', BAD as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expectFieldError(r.error);
    const unknown = await bridge.invoke('shell:exec' as never, {} as never);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect(calls).toEqual(['kiln:op:workspaces:open']);
    expect(() => bridge.on('nope' as never, () => undefined)).toThrow(/unknown event/);
  });
});
