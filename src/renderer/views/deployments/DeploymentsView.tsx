import { useEffect } from 'react';
import { useNavigation } from '../../stores/navigation';
import { useDeployments } from '../../stores/deployments';
import { DeploymentList } from './DeploymentList';
import { DeploymentPage } from './DeploymentPage';
import './deployments.css';

/** #/deployments[?deployment=ID]: every model on every target, or one deployment with its live charts. */
export function DeploymentsView() {
  const id = useNavigation((s) => s.route.params.deployment);
  useEffect(() => {
    const s = useDeployments.getState();
    void s.load();
    if (!s.targets) void s.loadTargets();
  }, []);
  return (
    <div className="datasets-main" data-testid="deployments-view">
      {id ? <DeploymentPage key={id} id={id} /> : <DeploymentList />}
    </div>
  );
}
