import type { DeploymentStatus } from '../../../shared/contract/index.js';
import type { StatusTone } from '../../components/StatusDot';

/** Each status as a dot's tone; the word is the status itself. */
export const STATUS_TONE: Record<DeploymentStatus, StatusTone> = {
  deploying: 'busy',
  live: 'ok',
  superseded: 'idle',
  'rolled-back': 'warn',
  failed: 'bad',
  removed: 'idle',
};
