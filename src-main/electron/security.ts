import { app, shell, type Session, type WebContents } from 'electron';
import { externalUrlToOpen, isAppUrl, isPermissionAllowed } from './navigation-policy';

function openExternally(url: string): void {
  const safe = externalUrlToOpen(url);
  if (safe) void shell.openExternal(safe);
}

/** No page of ours ever navigates away, opens a window or embeds a webview: links go to the system browser. */
function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (!isAppUrl(url)) openExternally(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

/** Applies to every web contents Electron creates, including any we did not plan for. */
export function installSecurityPolicy(session: Session): void {
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
}
