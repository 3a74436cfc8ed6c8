const TOKEN_KEY = 'outpost.token';

/**
 * The core prints `http://127.0.0.1:PORT/#token=SECRET`. The token is moved into sessionStorage
 * (so a reload keeps working) and scrubbed from the address bar so it is not shared by accident.
 */
export function takeSessionToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The browser console's session secret, once taken; null in Electron, which has no HTTP server. */
export function sessionToken(): string | null {
  return window.outpost ? null : sessionStorage.getItem(TOKEN_KEY);
}
