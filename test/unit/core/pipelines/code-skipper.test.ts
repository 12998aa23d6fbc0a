import { describe, expect, it } from 'vitest';
import { codeSkipper } from '../../../../src/core/pipelines/stage-inputs.js';
import { parseSpec } from '../../../../src/core/pipelines/spec/parse-spec.js';

describe('codeSkipper', () => {
  it('leaves out Kiln, git, tool caches and declared outputs from the code digest', () => {
    const r = parseSpec('stages:\n  a: {image: x, cmd: [y], outputs: [out/models]}\n', 'kiln.yaml');
    if (!r.ok) throw new Error('spec');
    const skip = codeSkipper(r.pipeline);
    for (const p of ['.kiln', '.git/HEAD', 'kiln.yaml', 'out/models', 'out/models/m.bin', 'src/__pycache__', '.DS_Store']) expect(skip(p)).toBe(true);
    for (const p of ['train.py', 'src/util.py', 'out', 'out/other', 'node_modules/x/index.js']) expect(skip(p)).toBe(false);
  });
});
