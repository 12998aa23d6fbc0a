import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../../src/core/pipelines/spec/parse-spec.js';
import { didYouMean } from '../../../../src/core/pipelines/spec/did-you-mean.js';

/** Every issue of a spec that must fail, as "line:column field: message". */
function issues(yaml: string): string[] {
  const r = parseSpec(yaml, 'kiln.yaml');
  if (r.ok) throw new Error('expected the spec to be refused');
  return r.issues.map((i) => `${i.line}:${i.column} ${i.field}: ${i.message}`);
}

describe('kiln.yaml messages a person can act on', () => {
  it('a misspelt required key gets one issue: did you mean `cmd`, and that `cmd` is required', () => {
    const is = issues('stages:\n  a:\n    image: x\n    comand: [node]\n');
    expect(is).toHaveLength(1);
    expect(is[0]).toMatch(/^4:5 stages\.a\.comand: unknown key `comand` — did you mean `cmd`\? \(`cmd` is required\)/);
  });

  it('a missing field says "`cmd` is required" at the stage that lacks it', () => {
    expect(issues('stages:\n  a:\n    image: x\n')).toEqual(['3:5 stages.a.cmd: `cmd` is required']);
  });

  it("wrong types, ranges and options say what was expected and what was found, never the schema library's words", () => {
    const is = issues(
      'stages:\n  a:\n    image: 3\n    cmd: [node]\n    memory: lots\n    network: brige\n    cpus: -1\n    params: {a: {b: 1}}\n    inputs: data\n',
    );
    expect(is).toEqual([
      '3:12 stages.a.image: `image` must be a string (got 3)',
      '5:13 stages.a.memory: `memory` must be a size such as 512m, 2g or 1.5GiB (got "lots")',
      '6:14 stages.a.network: `network` must be one of `none`, `bridge` (got "brige") — did you mean `bridge`?',
      '7:11 stages.a.cpus: `cpus` must be greater than 0 (got -1)',
      '8:17 stages.a.params.a: `a` must be a single value: a string, a number, true/false or null (got a mapping)',
      '9:13 stages.a.inputs: `inputs` must be a list (got "data")',
    ]);
    for (const i of is) expect(i).not.toMatch(/Invalid (input|key in record|option)|Too small|expected number/);
  });

  it('a bad stage name and a list where a mapping belongs are named plainly', () => {
    expect(issues('stages:\n  "bad name!":\n    image: x\n    cmd: [node]\n')[0]).toMatch(
      /`bad name!` is not allowed as a name: stage names use letters, digits/,
    );
    expect(issues('stages: []\n')).toEqual(['1:9 stages: `stages` must be a mapping (key: value lines) (got a list)']);
  });

  it('did-you-mean stays strict unless the word stands where a required key is missing', () => {
    expect(didYouMean('comand', ['image', 'cmd', 'env'])).toBeNull();
    expect(didYouMean('comand', ['cmd'], true)).toBe('cmd');
    expect(didYouMean('imgae', ['image', 'cmd'])).toBe('image');
    expect(didYouMean('zzz', ['cmd'], true)).toBeNull();
  });
});
