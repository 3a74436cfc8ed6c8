import type { AgentRow } from '../../src-shared/sync/rows';
import { toEntity } from '../../src-shared/sync/rows';
import type { AuditRecord, HubStore, UserRecord } from '../store/contract';
import { hashPassword, passwordWeakness } from './passwords';

/**
 * Hub users ARE the workspace's agents: a user's id is their agent id, and every change to a
 * user's name or role is written to the `agent` entity too, so every desktop's directory (and
 * the mutators' role checks) see it. Only the hub's command line calls these.
 */

export type Role = UserRecord['role'];
export const ROLES: readonly Role[] = ['agent', 'onboarding', 'supervisor', 'admin'];

/** A mistake in what was asked (bad email, weak password, unknown user): exit code 2 on the command line. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Who changed which account, from the command line (no actor: whoever runs it on the hub's machine). */
function accountAudit(action: string, user: Pick<UserRecord, 'id' | 'email'>, data: Record<string, unknown>, now: number): Omit<AuditRecord, 'id'> {
  return { at: now, actorId: null, clientId: null, mutationId: null, action, entityType: 'user', entityId: String(user.id), data: { email: user.email, ...data } };
}
const auditAccount = (store: HubStore, ...args: Parameters<typeof accountAudit>) => store.write((tx) => tx.audit(accountAudit(...args)));

function agentRow(u: Pick<UserRecord, 'id' | 'name' | 'email' | 'role' | 'createdAt'>): AgentRow {
  return { id: u.id, name: u.name, email: u.email, role: u.role, createdAt: u.createdAt };
}

export async function addUser(store: HubStore, input: { email: string; name: string; role: Role; password: string }, now = Date.now()): Promise<UserRecord> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  if (!EMAIL.test(email) || email.length > 320) throw new UserError(`"${input.email}" is not an email address`);
  if (!name || name.length > 120) throw new UserError('a user needs a name of 1 to 120 characters');
  if (!ROLES.includes(input.role)) throw new UserError(`unknown role "${input.role}" (one of: ${ROLES.join(', ')})`);
  const weakness = passwordWeakness(input.password, { email, name });
  if (weakness) throw new UserError(`${weakness}; choose a longer or less guessable one`);
  if (await store.users.byEmail(email)) throw new UserError(`a user with email ${email} already exists`);
  const passwordHash = await hashPassword(input.password);
  // The agent first, then the user (the store's user records are not part of a workspace write):
  // if adding the user fails, running the command again finds this agent by email and reuses it.
  const id = await store.write(async (tx) => {
    // An agent already in the workspace's data (an imported team) becomes this user, keeping its id and history.
    const existing = (await tx.listKind('agent')).find((e) => normalizeEmail((e.data as AgentRow).email) === email);
    const agentId = existing ? Number(existing.id) : (await tx.allocateHubIds(1))[0]!;
    await tx.put([toEntity('agent', agentRow({ id: agentId, email, name, role: input.role, createdAt: now }))]);
    return agentId;
  });
  const user = await store.users.add({ id, email, name, role: input.role, passwordHash, createdAt: now });
  await auditAccount(store, 'user.add', user, { name, role: user.role }, now);
  return user;
}

export async function findUser(store: HubStore, email: string): Promise<UserRecord> {
  const user = await store.users.byEmail(normalizeEmail(email));
  if (!user) throw new UserError(`no user with email ${normalizeEmail(email)}`);
  return user;
}

export async function setRole(store: HubStore, email: string, role: Role, now = Date.now()): Promise<UserRecord> {
  if (!ROLES.includes(role)) throw new UserError(`unknown role "${role}" (one of: ${ROLES.join(', ')})`);
  const user = await findUser(store, email);
  const updated = { ...user, role };
  await store.users.update(user.id, { role });
  await store.write(async (tx) => {
    await tx.put([toEntity('agent', agentRow(updated))]);
    await tx.audit(accountAudit('user.setRole', user, { from: user.role, to: role }, now));
  });
  return updated;
}

/** A new password signs out every session made with the old one (it may have leaked). */
export async function setPassword(store: HubStore, email: string, password: string, now = Date.now()): Promise<{ revoked: number }> {
  const user = await findUser(store, email);
  const weakness = passwordWeakness(password, user);
  if (weakness) throw new UserError(`${weakness}; choose a longer or less guessable one`);
  await store.users.update(user.id, { passwordHash: await hashPassword(password) });
  const revoked = await store.sessions.revokeUser(user.id, now);
  await auditAccount(store, 'user.passwd', user, { revoked }, now);
  return { revoked };
}

/** Disables a user and signs out every desktop of theirs. Their agent entity stays: their conversations and notes still name them. */
export async function disableUser(store: HubStore, email: string, now = Date.now()): Promise<{ revoked: number }> {
  const user = await findUser(store, email);
  await store.users.update(user.id, { disabledAt: now });
  const revoked = await store.sessions.revokeUser(user.id, now);
  await auditAccount(store, 'user.disable', user, { revoked }, now);
  return { revoked };
}

export async function revokeSessions(store: HubStore, email: string, now = Date.now()): Promise<{ revoked: number }> {
  const user = await findUser(store, email);
  const revoked = await store.sessions.revokeUser(user.id, now);
  await auditAccount(store, 'session.revoke', user, { revoked }, now);
  return { revoked };
}
