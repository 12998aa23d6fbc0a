import { app, session, shell, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl, type AppSource } from './app-url.js';
import { CONTENT_SECURITY_POLICY } from '../shared/csp.js';

/** The only webPreferences a Kiln window gets. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export const CSP = CONTENT_SECURITY_POLICY;

export { isAppUrl, type AppSource } from './app-url.js';

/** Deny by default: new windows, navigation, webviews and every permission request. */
export function hardenApp(source: AppSource): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // links to docs open in the user's browser, never in an app window
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (e, url) => {
      if (!isAppUrl(url, source)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  app.whenReady().then(
    () => {
      const s = session.defaultSession;
      s.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
      s.setPermissionCheckHandler(() => false);
      s.webRequest.onHeadersReceived((details, cb) => {
        cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
      });
    },
    () => undefined,
  );
}
