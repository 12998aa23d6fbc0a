// Writes resources/kiln.schema.json from the zod schema of kiln.yaml (npm run schema:kiln).
import { writeFileSync } from 'node:fs';
import { kilnJsonSchema } from '../src/core/pipelines/spec/json-schema.js';

writeFileSync(new URL('../resources/kiln.schema.json', import.meta.url), kilnJsonSchema());
console.log('wrote resources/kiln.schema.json');
