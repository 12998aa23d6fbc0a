import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../../../src/core/index.js';
import { type KilnError, type WorkspaceSummary } from '../../../../src/shared/contract/index.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir();

async function core() {
  return createCore({ host: 'cli', kilnHome: join(tmp(), 'home') });
}

describe('workspaces', () => {
  it('opening a plain folder offers to create a workspace there', async () => {
    const c = await core();
    const dir = tmp();
    const e = (await c.invoke('workspaces:open', { path: dir }).catch((x: unknown) => x)) as KilnError;
    expect(e.code).toBe('NOT_A_WORKSPACE');
    expect(e.details).toMatchObject({ path: dir, canCreate: true });
    expect(existsSync(join(dir, '.kiln'))).toBe(false);
    await c.close();
  });

  it('a missing folder is WORKSPACE_NOT_FOUND', async () => {
    const c = await core();
    const e = (await c.invoke('workspaces:open', { path: join(tmp(), 'nope') }).catch((x: unknown) => x)) as KilnError;
    expect(e.code).toBe('WORKSPACE_NOT_FOUND');
    await c.close();
  });

  it('create makes .kiln/kiln.db, opens it, emits workspaces:changed and lists it as recent', async () => {
    const c = await core();
    const dir = join(tmp(), 'proj');
    const seen: (WorkspaceSummary | null)[] = [];
    c.on('workspaces:changed', (w) => seen.push(w));
    const ws = await c.invoke('workspaces:create', { path: dir });
    expect(ws.path).toBe(dir);
    expect(existsSync(join(dir, '.kiln', 'kiln.db'))).toBe(true);
    expect(seen.at(-1)?.path).toBe(dir);
    expect((await c.invoke('workspaces:current', {}))?.path).toBe(dir);
    const recent = await c.invoke('workspaces:recent', {});
    expect(recent[0]).toMatchObject({ path: dir, exists: true });
    await c.invoke('workspaces:close', {});
    expect(await c.invoke('workspaces:current', {})).toBeNull();
    await c.close();
  });

  it('recent workspaces survive a new core and a corrupt recent file is ignored', async () => {
    const home = join(tmp(), 'home');
    const a = await createCore({ host: 'cli', kilnHome: home });
    const dir = join(tmp(), 'p');
    await a.invoke('workspaces:create', { path: dir });
    await a.close();
    const b = await createCore({ host: 'cli', kilnHome: home });
    expect((await b.invoke('workspaces:recent', {})).map((r) => r.path)).toContain(dir);
    await b.close();
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'recent.json'), '{not json');
    const c = await createCore({ host: 'cli', kilnHome: home });
    expect(await c.invoke('workspaces:recent', {})).toEqual([]);
    await c.close();
  });

  it('a corrupt database is refused with DB_CORRUPT and no workspace is opened', async () => {
    const dir = tmp();
    mkdirSync(join(dir, '.kiln'));
    writeFileSync(join(dir, '.kiln', 'kiln.db'), 'garbage'.repeat(100));
    const c = await core();
    const e = (await c.invoke('workspaces:open', { path: dir }).catch((x: unknown) => x)) as KilnError;
    expect(e.code).toBe('DB_CORRUPT');
    expect(await c.invoke('workspaces:current', {})).toBeNull();
    await c.close();
  });
});

describe('first launch', () => {
  it('opens the example workspace when nothing was ever opened, and never again after', async () => {
    const home = join(tmp(), 'home');
    const example = join(tmp(), 'example');
    const env = { ...process.env, KILN_EXAMPLE_DIR: example };
    const first = await createCore({ host: 'electron', kilnHome: home, env, exampleOnFirstLaunch: true });
    expect((await first.invoke('workspaces:current', {}))?.path).toBe(example);
    await first.close();
    const other = join(tmp(), 'other');
    const c2 = await createCore({ host: 'electron', kilnHome: home, env: { ...env, KILN_EXAMPLE_DIR: other }, exampleOnFirstLaunch: true });
    expect(await c2.invoke('workspaces:current', {})).toBeNull();
    expect(existsSync(other)).toBe(false);
    await c2.close();
  });
});
