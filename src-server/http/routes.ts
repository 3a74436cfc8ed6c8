import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoginRequest, MAX_PUSH_BYTES, PullRequest, PushRequest, SYNC_PROTOCOL_VERSION, SYNC_SCHEMA_VERSION, type HubInfo } from '../../src-shared/sync/protocol';
import type { Sessions } from '../auth/sessions';
import type { HubStore } from '../store/contract';
import { StoreInputError } from '../store/store-input';
import { createPushQueue } from '../sync/push';
import { pullPage } from '../sync/pull';
import { BLOB_PATH, serveBlob } from './blob-routes';
import { serveMail, type MailRouteDeps } from './mail-routes';
import { readRequest, sendError, sendJson } from './io';
import { SyncError } from './sync-error';

/** Bodies other than a push (sign-in, pull) are small; anything bigger is refused unread. */
const SMALL_BODY_BYTES = 64 * 1024;

interface RouteDeps {
  store: HubStore;
  sessions: Sessions;
  /** A session signed out here: its sockets close too. */
  onLogout: (tokenHash: string) => void;
  log: (line: string) => void;
  now: () => number;
  mail: Omit<MailRouteDeps, 'store'>;
}

/** The hub's HTTP endpoints (src-shared/sync/protocol.ts). Every failure answers a SyncErrorBody. */
export function createRequestHandler(deps: RouteDeps) {
  const { store, sessions } = deps;
  const caller = (req: IncomingMessage) => sessions.authenticate(req.headers.authorization);
  const pushes = createPushQueue(store, deps.now);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://hub').pathname;
    const blob = BLOB_PATH.exec(path);
    if (blob) {
      await caller(req);
      return serveBlob(req, res, store, blob[1]!);
    }
    const endpoint = `${req.method} ${path}`;
    if (path.startsWith('/mail/') && (await serveMail(endpoint, req, res, await caller(req), { store, ...deps.mail }))) return;
    switch (endpoint) {
      case 'GET /hub/info': {
        const info: HubInfo = { protocolVersion: SYNC_PROTOCOL_VERSION, schemaVersion: SYNC_SCHEMA_VERSION, workspaceName: await sessions.workspaceName() };
        return sendJson(res, 200, info);
      }
      case 'POST /auth/login':
        return sendJson(res, 200, await sessions.login(await readRequest(req, LoginRequest, SMALL_BODY_BYTES)));
      case 'POST /auth/logout': {
        const who = await caller(req);
        await sessions.logout(who);
        deps.onLogout(who.tokenHash);
        return sendJson(res, 200, { ok: true });
      }
      case 'POST /sync/push': {
        // The session first: a stranger's 4 MB body is refused unread.
        const who = await caller(req);
        return sendJson(res, 200, await pushes.push(who, await readRequest(req, PushRequest, MAX_PUSH_BYTES)));
      }
      case 'POST /sync/pull': {
        const who = await caller(req);
        return sendJson(res, 200, await pullPage(store, who, await readRequest(req, PullRequest, SMALL_BODY_BYTES)));
      }
    }
    const known = ['/hub/info', '/auth/login', '/auth/logout', '/sync/push', '/sync/pull', '/mail/health', '/mail/resync'].includes(path);
    throw known ? new SyncError('invalid', `${req.method} is not allowed on ${path}.`, 405) : new SyncError('invalid', `This hub has no endpoint ${path}.`, 404);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((e: unknown) => {
      // The store refuses bad values (a malformed cursor, say) before touching anything: the caller's mistake.
      const err =
        e instanceof SyncError
          ? e
          : e instanceof StoreInputError
            ? new SyncError('invalid', `Invalid request: ${e.message}.`)
            : new SyncError('unavailable', 'The hub could not do this right now; nothing was applied. Try again shortly.');
      if (err.kind === 'unavailable') deps.log(`${req.method} ${req.url}: ${(e as Error).stack ?? String(e)}`);
      // A body we did not read to the end is not worth reading now: answer and close.
      sendError(res, err, !req.complete);
    });
  };
}
