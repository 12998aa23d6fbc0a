import { BrowserWindow, dialog, type OpenDialogOptions } from 'electron';

/** app:pick-folder's native side: Electron's folder dialog over the focused window (the one whose click asked for it). */
export async function pickFolder(): Promise<string | null> {
  const opts: OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] };
  const win = BrowserWindow.getFocusedWindow();
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}
