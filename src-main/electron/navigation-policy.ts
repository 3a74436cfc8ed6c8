import { APP_HOST, APP_SCHEME } from './app-url';

/** True only for pages of the bundled UI; everything else is foreign content. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The URL to hand to the operating system's browser, or null. Only plain http(s) links qualify:
 * file:, javascript:, custom schemes and URLs with embedded credentials are refused, because
 * shell.openExternal would launch whatever handler the OS maps them to.
 */
export function externalUrlToOpen(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password || !parsed.hostname) return null;
  return parsed.href;
}

/** Agents get desktop notifications for new messages; every other browser permission is refused. */
export function isPermissionAllowed(permission: string, requestingOrigin: string): boolean {
  return permission === 'notifications' && isAppUrl(requestingOrigin);
}
