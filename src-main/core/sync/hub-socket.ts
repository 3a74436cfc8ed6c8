import WebSocket from 'ws';
import type { ClientSocketMessage, HubSocketMessage, PresenceEntry } from '../../../src-shared/sync/protocol';
import { HubError, hubErrorOf } from './hub-http';

/** The hub's socket path (src-server/sync/socket-hub.ts). */
const SOCKET_PATH = '/sync/ws';
/** Close code the hub uses when the session behind a socket ended (signed out, expired, disabled). */
export const CLOSE_SESSION_ENDED = 4401;
const CONNECT_TIMEOUT_MS = 15_000;

export interface HubSocketEvents {
  hello(version: number): void;
  poke(version: number): void;
  presence(entry: PresenceEntry): void;
  /** The socket is gone: why, in words, and whether the session ended (sign in again) rather than the line. */
  closed(reason: string, sessionEnded: boolean): void;
}

export interface HubSocket {
  send(message: ClientSocketMessage): void;
  close(): void;
}

function parse(data: WebSocket.RawData): HubSocketMessage | null {
  try {
    const m = JSON.parse(String(data)) as Partial<HubSocketMessage>;
    if ((m.type === 'hello' || m.type === 'poke') && typeof m.version === 'number') return m as HubSocketMessage;
    if (m.type === 'presence' && typeof (m as PresenceEntry).agentId === 'number' && typeof (m as PresenceEntry).clientId === 'string') return m as HubSocketMessage;
  } catch {
    // ignored below
  }
  return null;
}

/**
 * Opens the hub's WebSocket with the session in the Authorization header. Resolves once it is
 * open; refuses with a HubError (the hub's own reason for a refused upgrade).
 */
export function openHubSocket(hubUrl: string, token: string, on: HubSocketEvents): Promise<HubSocket> {
  const url = `${hubUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}${SOCKET_PATH}`;
  const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` }, handshakeTimeout: CONNECT_TIMEOUT_MS, maxPayload: 1024 * 1024 });
  return new Promise((resolve, reject) => {
    let open = false;
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => reject(hubErrorOf(res.statusCode ?? 0, text)));
      res.on('error', () => reject(hubErrorOf(res.statusCode ?? 0, text)));
    });
    ws.on('error', (e) => {
      if (!open) reject(new HubError('network', `Cannot reach the hub at ${hubUrl} (${(e as NodeJS.ErrnoException).code ?? e.message})`));
    });
    ws.once('open', () => {
      open = true;
      resolve({
        send: (message) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
        },
        close: () => {
          ws.removeAllListeners('close');
          ws.close(1000, 'bye');
        },
      });
    });
    ws.on('message', (data) => {
      const m = parse(data);
      if (m?.type === 'hello') on.hello(m.version);
      else if (m?.type === 'poke') on.poke(m.version);
      else if (m?.type === 'presence') on.presence(m);
    });
    ws.on('close', (code, reason) => {
      if (!open) return;
      const text = reason.toString();
      on.closed(code === CLOSE_SESSION_ENDED ? text || 'the session ended' : `the hub connection closed (${code}${text ? `: ${text}` : ''})`, code === CLOSE_SESSION_ENDED);
    });
  });
}
