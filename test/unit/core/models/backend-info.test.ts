import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { hasNativeBinding } from '../../../../src/core/models/eval/backend-info.js';

const tmp = useTempDir('kiln-tfjs-binding-');

describe('hasNativeBinding', () => {
  it('is true only when a tfjs-node package has its built add-on, and false when it is missing or not installed', () => {
    const root = tmp();
    const req = createRequire(join(root, 'index.js'));
    const pkg = join(root, 'node_modules', '@tensorflow', 'tfjs-node');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"@tensorflow/tfjs-node","version":"4.22.0","main":"index.js"}');
    // installed, but its install script could not fetch libtensorflow: no lib/ at all
    expect(hasNativeBinding(req, '@tensorflow/tfjs-node')).toBe(false);
    mkdirSync(join(pkg, 'lib', 'napi-v8'), { recursive: true });
    expect(hasNativeBinding(req, '@tensorflow/tfjs-node')).toBe(false);
    writeFileSync(join(pkg, 'lib', 'napi-v8', 'tfjs_binding.node'), '');
    expect(hasNativeBinding(req, '@tensorflow/tfjs-node')).toBe(true);
    expect(hasNativeBinding(req, '@tensorflow/tfjs-node-gpu')).toBe(false);
  });
});
