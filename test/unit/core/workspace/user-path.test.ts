import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userPath } from '../../../../src/core/workspace/user-path.js';
import { browseFolders } from '../../../../src/core/workspace/browse-folders.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

describe('paths typed in the workspace dialog', () => {
  const tmp = useTempDir('kiln-user-path-');

  it('expands ~, keeps absolute paths and refuses relative ones with the full path to give instead', () => {
    expect(userPath('~', '/home/ada')).toBe('/home/ada');
    expect(userPath('~/projects/mnist/', '/home/ada')).toBe('/home/ada/projects/mnist');
    expect(userPath('  /srv/data/../ws ', '/home/ada')).toBe('/srv/ws');
    expect(() => userPath('projects/mnist', '/home/ada')).toThrow(
      /"projects\/mnist" is a relative path: give the full path of the folder, such as \/home\/ada\/projects\/mnist or ~\/projects\/mnist/,
    );
  });

  it('lists sub-folders, hides dot-folders, marks workspaces and knows the parent', async () => {
    const d = tmp();
    mkdirSync(join(d, 'b-plain'));
    mkdirSync(join(d, 'a-ws', '.kiln'), { recursive: true });
    mkdirSync(join(d, '.hidden'));
    const l = await browseFolders(d, '/home/ada');
    expect(l.entries.map((e) => [e.name, e.workspace])).toEqual([
      ['a-ws', true],
      ['b-plain', false],
    ]);
    expect(l.parent).not.toBeNull();
    expect(l.home).toBe('/home/ada');
    await expect(browseFolders(join(d, 'nope'))).rejects.toThrow(/does not exist/);
  });
});
