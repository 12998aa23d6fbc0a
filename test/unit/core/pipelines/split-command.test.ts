import { describe, expect, it } from 'vitest';
import { commandToExec } from '../../../../src/core/pipelines/spec/split-command.js';

describe('commandToExec', () => {
  it('splits a plain command line like a shell, keeping quoted words whole', () => {
    expect(commandToExec(`python train.py --name "my run" --x 'a b' c\\ d`)).toEqual(['python', 'train.py', '--name', 'my run', '--x', 'a b', 'c d']);
    expect(commandToExec(`sh -c 'echo $HOME > out'`)).toEqual(['sh', '-c', 'echo $HOME > out']);
  });
  it('hands shell syntax to /bin/sh -c', () => {
    for (const c of ['echo $HOME', 'a | b', 'a && b', 'a > f', 'ls *.py', 'A=1 run', 'echo "$X"']) expect(commandToExec(c)).toEqual(['/bin/sh', '-c', c]);
  });
  it('keeps an array as is', () => {
    expect(commandToExec(['a', 'b c'])).toEqual(['a', 'b c']);
  });
});
