import { describe, expect, it } from 'vitest';
import { matchCommands } from '../../../../src/renderer/shell/match-commands.js';

const cmds = [
  { title: 'Datasets', group: 'Go to' },
  { title: 'Settings', group: 'Go to' },
  { title: 'Version a folder as a dataset…', group: 'Datasets' },
  { title: 'Check the Docker engine again', group: 'Engine' },
];

describe('matchCommands', () => {
  it('keeps every command for an empty query', () => {
    expect(matchCommands(cmds, '  ')).toEqual(cmds);
  });
  it('needs every word, in any order, case-insensitively, across group and title', () => {
    expect(matchCommands(cmds, 'go sett').map((c) => c.title)).toEqual(['Settings']);
    expect(matchCommands(cmds, 'ENGINE docker').map((c) => c.title)).toEqual(['Check the Docker engine again']);
    expect(matchCommands(cmds, 'dataset').map((c) => c.title)).toEqual(['Datasets', 'Version a folder as a dataset…']);
    expect(matchCommands(cmds, 'nothing here')).toEqual([]);
  });
});
