import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfigFiles, loadKubeconfig } from '../../../../../src/core/deploy/kubernetes/kubeconfig.js';

const config = (current: string | null, name: string, server: string, namespace?: string) =>
  `apiVersion: v1\nkind: Config\n${current ? `current-context: ${current}\n` : ''}clusters:\n- name: ${name}\n  cluster:\n    server: ${server}\ncontexts:\n- name: ${name}\n  context:\n    cluster: ${name}\n    user: ${name}\n${namespace ? `    namespace: ${namespace}\n` : ''}users:\n- name: ${name}\n  user:\n    token: t-${name}\n`;

describe('kubeconfig through client-node', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-kubeconfig-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the target file, else every $KUBECONFIG file, else ~/.kube/config', () => {
    expect(kubeconfigFiles('/x/kc', { KUBECONFIG: '/a' })).toEqual(['/x/kc']);
    expect(kubeconfigFiles(null, { KUBECONFIG: `/a${delimiter}${delimiter}/b`, HOME: '/h' })).toEqual(['/a', '/b']);
    expect(kubeconfigFiles(null, { HOME: '/h' })).toEqual([join('/h', '.kube', 'config')]);
  });

  it('merges $KUBECONFIG files: the first current-context wins, every context can be chosen', async () => {
    const a = file('a', config('one', 'one', 'https://one.example:6443/', 'ml'));
    const b = file('b', config('two', 'two', 'https://two.example:6443'));
    const env = { KUBECONFIG: `${a}${delimiter}${b}` };
    const one = await loadKubeconfig(null, env, null);
    expect(one).toMatchObject({ context: 'one', server: 'https://one.example:6443', namespace: 'ml' });
    const two = await loadKubeconfig(null, env, 'two');
    expect(two).toMatchObject({ context: 'two', server: 'https://two.example:6443', namespace: null });
    expect(two.kc.getCurrentUser()?.token).toBe('t-two');
  });

  it('uses ~/.kube/config from the HOME it is given, and says when there is none', async () => {
    const home = join(dir, 'home');
    await expect(loadKubeconfig(null, { HOME: home }, null)).rejects.toThrow(
      /\$KUBECONFIG is not set and .*\.kube.config does not exist; give the target a --kubeconfig FILE/,
    );
    mkdirSync(join(home, '.kube'), { recursive: true });
    writeFileSync(join(home, '.kube', 'config'), config('h', 'h', 'https://h.example'));
    expect((await loadKubeconfig(null, { HOME: home }, null)).context).toBe('h');
  });

  it('names what is wrong: a missing context, no current-context, an unreadable file', async () => {
    const a = file('c', config('one', 'one', 'https://one.example'));
    await expect(loadKubeconfig(a, {}, 'prod')).rejects.toThrow(`the kubeconfig ${a} has no context "prod"; its contexts are: one`);
    const none = file('none', config(null, 'one', 'https://one.example'));
    await expect(loadKubeconfig(none, {}, null)).rejects.toThrow(/has no current-context: give the target a --context \(one\)/);
    await expect(loadKubeconfig(join(dir, 'missing'), {}, null)).rejects.toThrow(/cannot read the kubeconfig .*missing: ENOENT/);
    const bad = file('bad', 'clusters:\n- name: x\n  cluster: {}\n');
    await expect(loadKubeconfig(bad, {}, null)).rejects.toThrow(/cannot read the kubeconfig .*bad: clusters\[0\]\.cluster\.server is missing/);
  });
});
