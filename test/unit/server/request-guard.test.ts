import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { RequestGuard } from '../../../src/server/request-guard.js';

const TOKEN = 'secret-token-123';
const guard = new RequestGuard(TOKEN, 7420, ['gpu-box.local']);
function req(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}
const url = (q = '') => new URL(`http://x/api/engine:status${q}`);

describe('RequestGuard', () => {
  it('accepts the token as bearer, header, cookie or query', () => {
    const host = { host: '127.0.0.1:7420' };
    expect(guard.check(req({ ...host, authorization: `Bearer ${TOKEN}` }), url())).toEqual({ ok: true });
    expect(guard.check(req({ ...host, 'x-kiln-token': TOKEN }), url())).toEqual({ ok: true });
    expect(guard.check(req({ ...host, cookie: `a=b; kiln_token=${TOKEN}` }), url())).toEqual({ ok: true });
    expect(guard.check(req(host), url(`?token=${TOKEN}`))).toEqual({ ok: true });
  });

  it('401 without or with a wrong token', () => {
    expect(guard.check(req({ host: 'localhost:7420' }), url())).toMatchObject({ ok: false, status: 401 });
    expect(guard.check(req({ host: 'localhost:7420', authorization: 'Bearer nope' }), url())).toMatchObject({ ok: false, status: 401 });
  });

  it('403 for a foreign Host (DNS rebinding) even with the token', () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect(guard.check(req({ ...auth, host: 'evil.example' }), url())).toMatchObject({ ok: false, status: 403 });
    expect(guard.check(req({ ...auth, host: 'evil.example:7420' }), url())).toMatchObject({ ok: false, status: 403 });
    expect(guard.check(req({ ...auth, host: '127.0.0.1:9999' }), url())).toMatchObject({ ok: false, status: 403 });
    expect(guard.check(req({ ...auth, host: '[::1]:7420' }), url())).toEqual({ ok: true });
    expect(guard.check(req({ ...auth, host: 'gpu-box.local:7420' }), url())).toEqual({ ok: true });
  });

  it('403 for a cross-site Origin even with the token', () => {
    const base = { authorization: `Bearer ${TOKEN}`, host: '127.0.0.1:7420' };
    expect(guard.check(req({ ...base, origin: 'http://evil.example' }), url())).toMatchObject({ ok: false, status: 403 });
    expect(guard.check(req({ ...base, origin: 'http://localhost:7420' }), url())).toMatchObject({ ok: false, status: 403 });
    expect(guard.check(req({ ...base, origin: 'http://127.0.0.1:7420' }), url())).toEqual({ ok: true });
  });
});
