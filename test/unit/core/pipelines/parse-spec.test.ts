import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../../src/core/pipelines/spec/parse-spec.js';

const ok = (text: string) => {
  const r = parseSpec(text, 'kiln.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.pipeline;
};
const issues = (text: string) => {
  const r = parseSpec(text, 'kiln.yaml');
  if (r.ok) throw new Error('accepted');
  return r.issues;
};

describe('parseSpec', () => {
  it('applies defaults and builds the DAG from outputs and inputs', () => {
    const p = ok(`stages:
  prep:
    image: busybox
    cmd: sh -c 'seq 3 > out/a'
    outputs: [out/]
  train:
    image: busybox
    cmd: [cat, out/a]
    inputs: [out/a, data:mnist@latest, code.py]
    memory: 512m
    timeout: 1m30s
    gpus: all
`);
    expect(p.order).toEqual(['prep', 'train']);
    expect(p.edges).toEqual([{ from: 'prep', to: 'train', path: 'out' }]);
    const [prep, train] = p.stages;
    expect(prep!.cmd).toEqual(['sh', '-c', 'seq 3 > out/a']);
    expect(prep!.network).toBe('none');
    expect(prep!.metrics).toBe(true);
    expect(prep!.cache).toBe(true);
    expect(train!.memoryBytes).toBe(512 * 1024 * 1024);
    expect(train!.timeoutSeconds).toBe(90);
    expect(train!.gpus).toBe('all');
    expect(train!.inputs.map((i) => i.kind)).toEqual(['stage', 'dataset', 'path']);
    expect(p.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('runs a string with shell syntax through /bin/sh -c', () => {
    const p = ok('stages:\n  a:\n    image: x\n    cmd: echo $HOME | wc\n');
    expect(p.stages[0]!.cmd).toEqual(['/bin/sh', '-c', 'echo $HOME | wc']);
  });

  it('names the line of a YAML syntax error', () => {
    const [i] = issues('stages:\n  a:\n    image: [unclosed\n');
    expect(i!.message).toMatch(/YAML syntax/);
    expect(i!.line).toBeGreaterThanOrEqual(3);
  });

  it('suggests the key meant for an unknown one, at its position', () => {
    const [i] = issues('stages:\n  a:\n    image: x\n    cmd: [go]\n    ouputs: [o]\n');
    expect(i).toMatchObject({ file: 'kiln.yaml', line: 5, column: 5, field: 'stages.a.ouputs' });
    expect(i!.message).toMatch(/did you mean `outputs`/);
  });

  it('names the field of a wrong type', () => {
    const [i] = issues('stages:\n  a:\n    image: x\n    cmd: [go]\n    gpus: many\n');
    expect(i).toMatchObject({ line: 5, column: 11, field: 'stages.a.gpus' });
  });

  it('requires cmd and an image', () => {
    const is = issues('stages:\n  a:\n    env: {A: 1}\n');
    expect(is.map((i) => i.field)).toContain('stages.a.cmd');
    expect(is[0]!.line).toBe(3);
  });

  it('names a cycle', () => {
    const [i] = issues(`stages:
  a: {image: x, cmd: [go], inputs: [b], outputs: [a]}
  b: {image: x, cmd: [go], inputs: [a], outputs: [b]}
`);
    expect(i!.message).toMatch(/cycle: a → b → a/);
  });

  it('refuses two stages writing one output', () => {
    const [i] = issues(`stages:
  a: {image: x, cmd: [go], outputs: [models]}
  b: {image: x, cmd: [go], outputs: [models/m.bin]}
`);
    expect(i!.message).toMatch(/also written by stage "a"/);
    expect(i!.field).toBe('stages.b.outputs');
  });

  it('refuses paths outside the workspace and bad dataset refs', () => {
    const is = issues('stages:\n  a: {image: x, cmd: [go], inputs: [../etc, "data:x"], outputs: [/tmp/o]}\n');
    expect(is.map((i) => i.field)).toEqual(['stages.a.inputs[0]', 'stages.a.inputs[1]', 'stages.a.outputs[0]']);
  });
});
