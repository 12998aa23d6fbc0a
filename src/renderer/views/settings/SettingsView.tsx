import { EnginePanel } from './EnginePanel';
import { GpuPanel } from './GpuPanel';
import { WorkspacePanel } from './WorkspacePanel';
import { RegistriesPanel } from './RegistriesPanel';
import { TargetsPanel } from './TargetsPanel';

/** Engine, GPU, workspace, registries and deploy targets. Never waits on the engine: each panel fills in on its own. */
export function SettingsView() {
  return (
    <div className="page page-scroll">
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <div className="settings-grid">
        <EnginePanel />
        <div className="settings-col">
          <GpuPanel />
          <WorkspacePanel />
          <RegistriesPanel />
          <TargetsPanel />
        </div>
      </div>
    </div>
  );
}
