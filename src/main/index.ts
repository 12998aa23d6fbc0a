import { app, BrowserWindow, nativeTheme } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../core/index.js';
import { hardenApp, secureWebPreferences } from './security.js';
import { registerIpc } from './ipc-bridge.js';
import { forwardEvents } from './event-forwarder.js';
import { pickFolder } from './pick-folder.js';
import { safeStorageCipher } from './secret-cipher.js';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const indexFile = join(import.meta.dirname, '../renderer/index.html');
// the one place the UI comes from; navigation and IPC trust exactly this
const appSource = { devServerUrl, indexFile };
let core: Core | undefined;

if (!app.requestSingleInstanceLock()) app.quit();
hardenApp(appSource);

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Kiln',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#fafafa',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  });
  const stop = forwardEvents(core!, win.webContents);
  win.on('closed', stop);
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadFile(indexFile);
}

app.whenReady().then(
  async () => {
    // Electron's built-in SQLite: no native module to rebuild against Electron's ABI.
    const secretCipher = safeStorageCipher();
    core = await createCore({
      host: 'electron',
      sqliteDriver: 'node:sqlite',
      watchEngine: true,
      exampleOnFirstLaunch: true,
      pickFolder,
      ...(secretCipher ? { secretCipher } : {}),
      ...(process.env.KILN_WORKSPACE ? { workspace: process.env.KILN_WORKSPACE } : {}),
    });
    registerIpc(core, appSource);
    await createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  },
  (e: unknown) => {
    console.error('Kiln failed to start:', e);
    app.exit(1);
  },
);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => void core?.close());
