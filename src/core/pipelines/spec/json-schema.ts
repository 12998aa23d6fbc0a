import { z } from 'zod';
import { pipelineSchema } from './spec-schema.js';

/** The JSON Schema of kiln.yaml, generated from the zod schema, as committed in resources/. */
export function kilnJsonSchema(): string {
  const schema = z.toJSONSchema(pipelineSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'https://kiln.dev/schemas/kiln.schema.json', title: 'Kiln workspace file (kiln.yaml): pipeline stages and registered models' }, null, 2)}\n`;
}
