import { KilnError, type DeployTarget } from '../../../shared/contract/index.js';
import type { DeployAdapter } from '../adapter.js';

export async function kubernetesAdapter(target: DeployTarget, _env: NodeJS.ProcessEnv): Promise<DeployAdapter> {
  throw new KilnError('NOT_IMPLEMENTED', `Kubernetes target ${target.name}: not implemented yet`);
}
