import { api } from '../../api/client';
import { useIngest } from '../../stores/ingest';
import { useModelRegister } from '../../stores/model-register';

/**
 * "Choose folder…" on the Models view. Electron's picker gives a path; in the browser the shell's
 * hidden folder input is clicked, and its files are routed here because the Models view is open.
 */
export function chooseModelFolder(): void {
  if (api.transport === 'electron') {
    void api.invoke('app:pick-folder').then((p) => p && useModelRegister.getState().offer({ kind: 'paths', paths: [p], label: p.split(/[\\/]/).pop() ?? p }));
  } else useIngest.getState().openFolderInput?.();
}
