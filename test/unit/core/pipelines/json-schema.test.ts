import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kilnJsonSchema } from '../../../../src/core/pipelines/spec/json-schema.js';

describe('resources/kiln.schema.json', () => {
  it('is what the zod schema generates (run npm run schema:kiln after changing it)', () => {
    const committed = readFileSync(new URL('../../../../resources/kiln.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(kilnJsonSchema());
  });
  it('refuses unknown stage keys, so editors flag them', () => {
    const s = JSON.parse(kilnJsonSchema()) as { properties: { stages: { additionalProperties: { additionalProperties: boolean } } } };
    expect(s.properties.stages.additionalProperties.additionalProperties).toBe(false);
  });
});
