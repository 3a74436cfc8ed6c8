import { ApiError, type OutpostApi } from '../../src-shared/api';
import { useConnectionStore } from './connectionStore';
import { createSocketApi } from './socketTransport';
import { takeSessionToken } from './token';

declare global {
  interface Window {
    /** Exposed by Electron's preload; absent in the browser console. */
    outpost?: OutpostApi;
  }
}

/** A stand-in whose every call fails clearly, used when there is nothing to connect to. */
function unavailableApi(message: string): OutpostApi {
  return {
    call: () => Promise.reject(new ApiError('auth', message)),
    on: () => () => undefined,
  };
}

function chooseTransport(): OutpostApi {
  if (window.outpost) {
    useConnectionStore.getState().set({ status: 'online', epoch: 1 });
    return window.outpost;
  }
  const token = takeSessionToken();
  if (!token) {
    const message = 'No access token. Open the console with the link the core printed (…/#token=…).';
    useConnectionStore.getState().set({ status: 'unauthorized', detail: message });
    return unavailableApi(message);
  }
  return createSocketApi(token);
}

/** The one way the renderer reaches the core. */
export const api: OutpostApi = chooseTransport();

/** A readable message for any rejection, keeping the API error's kind when there is one. */
export function describeError(e: unknown): { kind: string; message: string } {
  if (e instanceof ApiError) return { kind: e.kind, message: e.message };
  // Electron's preload rejects with a plain { kind, message } object: class instances do not cross the bridge.
  if (typeof e === 'object' && e !== null && 'kind' in e && 'message' in e) {
    return { kind: String(e.kind), message: String(e.message) };
  }
  if (e instanceof Error) return { kind: 'internal', message: e.message };
  return { kind: 'internal', message: String(e) };
}
