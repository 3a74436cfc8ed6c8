import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoginResponse } from '../src-shared/sync/protocol';
import { createSessions } from './auth/sessions';
import { outboundSummary } from './channels/email/outbound/outbound-health';
import { startOutboundQueue, type OutboundQueueOptions } from './channels/email/outbound/outbound-queue';
import { startMailRunner, type MailRunnerOptions } from './channels/email/runner';
import { createRequestHandler } from './http/routes';
import type { HubStore } from './store/contract';
import { openPostgresStore } from './store/postgres-store';
import { openSqliteStore } from './store/sqlite-store';
import { createSocketHub } from './sync/socket-hub';

export interface HubOptions {
  store: HubStore;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  sessionTtlMs?: number;
  log?: (line: string) => void;
  /** Shorter in tests; defaults are the protocol's. */
  presenceTtlMs?: number;
  keepaliveMs?: number;
  now?: () => number;
  /** The email connector: false for none (a desktop's embedded hub), else options for its runner. */
  mail?: false | Omit<MailRunnerOptions, 'store' | 'log' | 'now'>;
  /** Retry timing of the email send queue (tests shorten it). */
  outbound?: Pick<OutboundQueueOptions, 'baseDelayMs' | 'maxDelayMs' | 'maxAttempts'>;
}

export interface RunningHub {
  url: string;
  port: number;
  /** Stops listening, says goodbye to every socket; the store stays open (its owner closes it). */
  close(): Promise<void>;
  /** A session for `userId` without a password: the desktop's embedded hub signing in its own agent, in process. */
  issueSession(userId: number, clientId: string, deviceName: string): Promise<LoginResponse>;
}

/** Serves the sync endpoints and the WebSocket over one HTTP server (plain node:http + ws). */
export async function startHub(opts: HubOptions): Promise<RunningHub> {
  const { store, host = '127.0.0.1', port = 0, log = () => {}, now = Date.now } = opts;
  const sessions = createSessions(store, { ...(opts.sessionTtlMs !== undefined ? { sessionTtlMs: opts.sessionTtlMs } : {}), now });
  const sockets = createSocketHub({ store, sessions, log, now, ...(opts.presenceTtlMs !== undefined ? { presenceTtlMs: opts.presenceTtlMs } : {}), ...(opts.keepaliveMs !== undefined ? { keepaliveMs: opts.keepaliveMs } : {}) });
  const mail = opts.mail === false ? null : startMailRunner({ store, log, now, ...opts.mail });
  const resync = mail ? (id: string) => mail.resync(id) : () => Promise.reject(new Error('This hub runs no mail connector.'));
  const server = createServer(createRequestHandler({ store, sessions, log, now, onLogout: (tokenHash) => sockets.endSession(tokenHash), mail: { resync, outbound: () => outboundSummary(store) } }));
  server.on('upgrade', (req, socket, head) => sockets.handleUpgrade(req, socket, head));
  server.on('clientError', (_err, socket) => socket.destroy());
  // Desktops keep connections open between pulls; a long keep-alive makes the race where the hub
  // closes an idle connection just as a desktop reuses it rare (Node's default is 5 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const outbound = opts.mail === false ? null : startOutboundQueue({ store, log, now, ...opts.outbound });
  const bound = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${bound}`,
    port: bound,
    issueSession: (userId, clientId, deviceName) => sessions.issueSession(userId, clientId, deviceName),
    async close() {
      await mail?.close();
      await outbound?.close();
      await sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

/** The hub's store, migrated and ready: PostgreSQL when a database URL is given, else SQLite in `dataDir`. */
export async function openHubStore({ dataDir, databaseUrl }: { dataDir: string; databaseUrl?: string | undefined }): Promise<HubStore> {
  return databaseUrl ? openPostgresStore(databaseUrl) : openSqliteStore(dataDir);
}
