import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeAt } from '../../../../../src/renderer/views/pipelines/spec-completion.js';

const schema = JSON.parse(readFileSync('resources/kiln.schema.json', 'utf8')) as Record<string, unknown>;
const at = (text: string) => completeAt(schema, text, text.length);

describe('kiln.yaml completion from the JSON Schema', () => {
  it('offers the stage keys not yet written, filtered by what is typed, with their descriptions', () => {
    const r = at('stages:\n  train:\n    image: x\n    c');
    expect(r.items.map((i) => i.label)).toEqual(['cmd', 'cpus', 'cache']);
    expect(r.items[0]!.insert).toBe('cmd: ');
    expect(r.items[0]!.detail).toMatch(/split like a shell/);
    expect(at('stages:\n  train:\n    image: x\n    ').items.map((i) => i.label)).not.toContain('image');
  });

  it('offers top-level keys at the left margin and enum values after a key', () => {
    expect(at('').items.map((i) => i.label)).toEqual(['version', 'stages', 'models']);
    expect(at('stages:\n  a:\n    network: b').items.map((i) => i.label)).toEqual(['bridge']);
    expect(at('stages:\n  a:\n    build:\n      d').items.map((i) => i.label)).toEqual(['dockerfile']);
  });
});
