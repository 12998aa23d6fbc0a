import { KilnError } from '../shared/contract/index.js';
import type { Core } from '../core/index.js';

export interface DoctorLine {
  ok: boolean;
  what: string;
  text: string;
}

/**
 * `kiln doctor`'s findings on the stage images of kiln.yaml: each one here, pullable, or not to be
 * had; with `build`, a node image that cannot be pulled is built from this machine's node there and then.
 */
export async function imageLines(core: Core, build: boolean): Promise<DoctorLine[]> {
  let checks;
  try {
    checks = await core.invoke('pipelines:images', {});
  } catch (e) {
    // no kiln.yaml is not a problem for doctor; a broken one is, and `kiln run` lists all its issues
    return e instanceof KilnError && e.code === 'NOT_FOUND' ? [] : [{ ok: false, what: 'pipeline', text: (e as Error).message.split('\n')[0]! }];
  }
  const lines: DoctorLine[] = [];
  for (const c of checks) {
    const what = 'image';
    const stages = `(${c.stages.join(', ')})`;
    if (c.state === 'unpullable' && c.canBuildLocal && build) {
      const built = await core.invoke('engine:build-node-image', {});
      lines.push({
        ok: true,
        what,
        text: `${c.image} ${stages}: could not be pulled; built ${built.ref} from this machine's node ${built.nodeVersion}, which runs in its place`,
      });
    } else if (c.state === 'unpullable') {
      lines.push({
        ok: false,
        what,
        text: `${c.message.replace(/\(kiln run --build-local-image/, '(kiln doctor --build-local-image, kiln run --build-local-image')} ${stages}`,
      });
    } else {
      lines.push({ ok: c.state !== 'unknown', what, text: `${c.message} ${stages}` });
    }
  }
  return lines;
}
