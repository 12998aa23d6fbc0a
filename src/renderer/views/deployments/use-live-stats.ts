import { useEffect } from 'react';
import type { DeploymentStats } from '../../../shared/contract/index.js';
import { useDeployments } from '../../stores/deployments';

const NONE: DeploymentStats[] = [];

/** The scrapes of a deployment, sampled every 2 s while `active` (a live deployment on screen). */
export function useLiveStats(id: string, active: boolean): DeploymentStats[] {
  useEffect(() => (active ? useDeployments.getState().watch(id) : undefined), [id, active]);
  return useDeployments((s) => s.stats[id]) ?? NONE;
}
