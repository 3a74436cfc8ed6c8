import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientSocketMessage, PRESENCE_TTL_MS, type HubSocketMessage, type PresenceEntry } from '../../src-shared/sync/protocol';
import type { Caller, Sessions } from '../auth/sessions';
import { SyncError } from '../http/sync-error';
import type { HubStore } from '../store/contract';

export const SOCKET_PATH = '/sync/ws';
/** A desktop that has not answered a ping within this long is dropped (and its presence goes idle). */
export const DEFAULT_KEEPALIVE_MS = 15_000;
/** Presence messages are tiny; anything bigger is not one. */
const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024;
/** Close code when the session behind a socket is signed out, expired or its user disabled. */
export const CLOSE_SESSION_ENDED = 4401;

interface Connection {
  caller: Caller;
  authorization: string;
  alive: boolean;
  presence: PresenceEntry | null;
}

/**
 * The hub's WebSocket: `hello` on connect, a `poke` with the new version after every commit of
 * ANY hub process on the store (store.onVersion), and presence relayed between desktops. Presence
 * not refreshed within the TTL, or of a socket that closed, goes `idle` for everyone else.
 */
/** At most one poke per socket per window (see createSocketHub): 25 ms for a few desktops, up to 150 ms for hundreds. */
export const pokeWindowMs = (desktops: number): number => Math.min(150, Math.max(25, desktops / 2));

export function createSocketHub(opts: { store: HubStore; sessions: Sessions; presenceTtlMs?: number; keepaliveMs?: number; log: (line: string) => void; now?: () => number }) {
  const { store, sessions, log, presenceTtlMs = PRESENCE_TTL_MS, keepaliveMs = DEFAULT_KEEPALIVE_MS, now = Date.now } = opts;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });
  const connections = new Map<WebSocket, Connection>();

  const send = (ws: WebSocket, msg: HubSocketMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const broadcast = (msg: HubSocketMessage, except?: WebSocket) => {
    for (const ws of connections.keys()) if (ws !== except) send(ws, msg);
  };
  /** Tells the others this socket's presence is over. */
  const endPresence = (ws: WebSocket, conn: Connection) => {
    if (!conn.presence) return;
    const ended = { ...conn.presence, state: 'idle' as const, at: now() };
    conn.presence = null;
    broadcast({ type: 'presence', ...ended }, ws);
  };

  // Pokes are coalesced: the first of a burst goes out at once, the rest fold into one trailing
  // poke per window carrying the newest version. Under load every desktop then pulls once per
  // window instead of once per commit, at no cost to a lone change. The window widens with the
  // number of desktops (every poke costs one pull per desktop), within the poke-to-visible budget.
  let lastPokeAt = 0;
  let trailing: NodeJS.Timeout | null = null;
  let newest = 0;
  const poke = () => {
    trailing = null;
    lastPokeAt = now();
    broadcast({ type: 'poke', version: newest });
  };
  const unsubscribe = store.onVersion((version) => {
    newest = Math.max(newest, version);
    if (trailing) return;
    const wait = lastPokeAt + pokeWindowMs(connections.size) - now();
    if (wait <= 0) poke();
    else trailing = setTimeout(poke, wait);
  });

  const presenceSweep = setInterval(
    () => {
      const cutoff = now() - presenceTtlMs;
      for (const [ws, conn] of connections) if (conn.presence && conn.presence.at < cutoff) endPresence(ws, conn);
    },
    Math.max(50, Math.min(5_000, presenceTtlMs / 3)),
  );

  const keepalive = setInterval(() => {
    for (const [ws, conn] of connections) {
      if (!conn.alive) {
        ws.terminate();
        continue;
      }
      conn.alive = false;
      ws.ping();
      // Sessions can end in another process (the command line's `user disable`): check again each round.
      sessions.authenticate(conn.authorization).catch((e: unknown) => {
        if (e instanceof SyncError) ws.close(CLOSE_SESSION_ENDED, e.message.slice(0, 120));
      });
    }
  }, keepaliveMs);

  function onConnection(ws: WebSocket, caller: Caller, authorization: string) {
    const conn: Connection = { caller, authorization, alive: true, presence: null };
    connections.set(ws, conn);
    ws.on('pong', () => (conn.alive = true));
    ws.on('close', () => {
      connections.delete(ws);
      endPresence(ws, conn);
    });
    ws.on('error', (e) => log(`socket of ${caller.user.email}: ${e.message}`));
    ws.on('message', (data, isBinary) => {
      conn.alive = true;
      let parsed;
      try {
        parsed = isBinary ? null : ClientSocketMessage.safeParse(JSON.parse(String(data)));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        ws.close(1008, 'not a presence message');
        return;
      }
      const { conversationId, state } = parsed.data;
      if (state === 'idle') return endPresence(ws, conn);
      conn.presence = { agentId: caller.user.id, agentName: caller.user.name, clientId: caller.session.clientId ?? '', conversationId, state, at: now() };
      broadcast({ type: 'presence', ...conn.presence }, ws);
    });
    store.version().then(
      (version) => {
        send(ws, { type: 'hello', version });
        for (const other of connections.values()) if (other !== conn && other.presence) send(ws, { type: 'presence', ...other.presence });
      },
      (e: unknown) => {
        log(`socket hello failed: ${(e as Error).message}`);
        ws.close(1011, 'the hub store is unavailable');
      },
    );
  }

  return {
    /** For the HTTP server's 'upgrade' event. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      socket.on('error', () => socket.destroy());
      const path = new URL(req.url ?? '/', 'http://hub').pathname;
      if (path !== SOCKET_PATH) return refuseUpgrade(socket, new SyncError('invalid', `No WebSocket at ${path}; use ${SOCKET_PATH}.`, 404));
      const authorization = req.headers.authorization ?? '';
      sessions.authenticate(authorization).then(
        (caller) => wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, caller, authorization)),
        (e: unknown) => refuseUpgrade(socket, e instanceof SyncError ? e : new SyncError('unavailable', 'The hub cannot check sessions right now; try again shortly.')),
      );
    },
    /** Closes every socket when this session signs out here (other processes: the keepalive round notices). */
    endSession(tokenHash: string): void {
      for (const [ws, conn] of connections) if (conn.caller.tokenHash === tokenHash) ws.close(CLOSE_SESSION_ENDED, 'signed out');
    },
    /** Says goodbye to every desktop (1001), waiting briefly for the closing handshakes. */
    async close(): Promise<void> {
      clearInterval(presenceSweep);
      clearInterval(keepalive);
      unsubscribe();
      if (trailing) clearTimeout(trailing);
      const closed = [...connections.keys()].map((ws) => new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close(1001, 'the hub is shutting down');
        setTimeout(() => ws.terminate(), 1_000).unref();
      }));
      await Promise.all(closed);
      wss.close();
    },
  };
}

function refuseUpgrade(socket: Duplex, err: SyncError): void {
  const body = JSON.stringify(err.body());
  socket.end(
    `HTTP/1.1 ${err.status} ${err.kind}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
