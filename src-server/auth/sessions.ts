import type { LoginRequest, LoginResponse } from '../../src-shared/sync/protocol';
import type { ClientRecord, HubStore, SessionRecord, UserRecord } from '../store/contract';
import { SyncError } from '../http/sync-error';
import { createLoginThrottle } from './login-throttle';
import { prepareUnknownAccountCheck, verifyAgainstNothing, verifyPassword } from './passwords';
import { bearerToken, hashToken, newSessionToken } from './tokens';
import { normalizeEmail } from './users';

export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 60 * 60_000;
export const DEFAULT_WORKSPACE_NAME = 'Outpost workspace';

/** Who is calling: a live session of an enabled user. */
export interface Caller {
  tokenHash: string;
  session: SessionRecord;
  user: UserRecord;
}

const signInAgain = 'sign in again';

/** Sign-in, the trusted in-process session of the embedded hub, and checking a bearer token on every request. */
export function createSessions(store: HubStore, { sessionTtlMs = DEFAULT_SESSION_TTL_MS, now = Date.now } = {}) {
  const throttle = createLoginThrottle(now);
  void prepareUnknownAccountCheck();

  async function workspaceName(): Promise<string> {
    const [ws] = await store.scanKind('workspace', '', 1);
    return (ws?.data as { name?: string } | undefined)?.name ?? DEFAULT_WORKSPACE_NAME;
  }

  async function issue(user: UserRecord, clientId: string, deviceName: string): Promise<LoginResponse> {
    if (user.disabledAt !== null) throw new SyncError('unauthorized', 'This account is disabled; ask an admin of your hub.');
    const at = now();
    const client = await store.clients.register(clientId, user.id, deviceName, at);
    const { token, tokenHash } = newSessionToken();
    const expiresAt = at + sessionTtlMs;
    await store.sessions.create({ tokenHash, userId: user.id, clientId, createdAt: at, expiresAt });
    return { token, expiresAt, agent: { id: user.id, name: user.name, email: user.email, role: user.role }, clientNo: client.clientNo, workspaceName: await workspaceName() };
  }

  return {
    workspaceName,

    async login(req: LoginRequest): Promise<LoginResponse> {
      const email = normalizeEmail(req.email);
      const wait = throttle.waitMs(email);
      if (wait > 0) throw new SyncError('unauthorized', `Too many failed sign-ins for ${email}; try again in ${Math.ceil(wait / 1000)} s.`);
      const user = await store.users.byEmail(email);
      const ok = user?.passwordHash ? await verifyPassword(req.password, user.passwordHash) : await verifyAgainstNothing(req.password);
      if (!user || !ok) {
        throttle.failed(email);
        throw new SyncError('unauthorized', 'Wrong email or password.');
      }
      throttle.succeeded(email);
      return issue(user, req.clientId, req.deviceName);
    },

    /** No password: for the desktop's embedded hub signing in its own agent, in process. */
    async issueSession(userId: number, clientId: string, deviceName: string): Promise<LoginResponse> {
      const user = await store.users.byId(userId);
      if (!user) throw new SyncError('unauthorized', `There is no user ${userId} on this hub.`);
      return issue(user, clientId, deviceName);
    },

    /** The caller of a request, from its `Authorization: Bearer` header; a clear 401 otherwise. */
    async authenticate(authorization: string | undefined): Promise<Caller> {
      if (!authorization) throw new SyncError('unauthorized', `This request carries no session; ${signInAgain}.`);
      const token = bearerToken(authorization);
      if (!token) throw new SyncError('unauthorized', `The session token is malformed; ${signInAgain}.`);
      const tokenHash = hashToken(token);
      const session = await store.sessions.find(tokenHash);
      if (!session) throw new SyncError('unauthorized', `This hub does not know that session (a forged token, or the hub was reset); ${signInAgain}.`);
      if (session.revokedAt !== null) throw new SyncError('unauthorized', `This session was signed out; ${signInAgain}.`);
      if (session.expiresAt <= now()) throw new SyncError('unauthorized', `This session expired on ${new Date(session.expiresAt).toISOString()}; ${signInAgain}.`);
      const user = await store.users.byId(session.userId);
      if (!user || user.disabledAt !== null) throw new SyncError('unauthorized', 'This account is disabled; ask an admin of your hub.');
      return { tokenHash, session, user };
    },

    async logout(caller: Caller): Promise<void> {
      await store.sessions.revoke(caller.tokenHash, now());
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;

/** The session may speak only for the desktop it signed in from, and only while that desktop is still its own. */
export function checkClient(caller: Caller, clientId: string, client: ClientRecord | undefined): ClientRecord {
  if (caller.session.clientId !== clientId) throw new SyncError('forbidden', 'This session was made for another desktop; sign in again from this one.');
  if (!client || client.userId !== caller.user.id) throw new SyncError('forbidden', 'This desktop is registered to someone else now; sign in again.');
  return client;
}
