import type { AgentRow } from '../../src-shared/sync/rows';
import { toEntity } from '../../src-shared/sync/rows';
import type { HubStore, UserRecord } from '../store/contract';
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
  return store.write(async (tx) => {
    // An agent already in the workspace's data (an imported team) becomes this user, keeping its id and history.
    const existing = (await tx.listKind('agent')).find((e) => normalizeEmail((e.data as AgentRow).email) === email);
    const id = existing ? Number(existing.id) : (await tx.allocateHubIds(1))[0]!;
    const user = await store.users.add({ id, email, name, role: input.role, passwordHash, createdAt: now });
    await tx.put([toEntity('agent', agentRow(user))]);
    return user;
  });
}

export async function findUser(store: HubStore, email: string): Promise<UserRecord> {
  const user = await store.users.byEmail(normalizeEmail(email));
  if (!user) throw new UserError(`no user with email ${normalizeEmail(email)}`);
  return user;
}

export async function setRole(store: HubStore, email: string, role: Role): Promise<UserRecord> {
  if (!ROLES.includes(role)) throw new UserError(`unknown role "${role}" (one of: ${ROLES.join(', ')})`);
  const user = await findUser(store, email);
  const updated = { ...user, role };
  await store.write(async (tx) => {
    await store.users.update(user.id, { role });
    await tx.put([toEntity('agent', agentRow(updated))]);
  });
  return updated;
}

/** A new password signs out every session made with the old one (it may have leaked). */
export async function setPassword(store: HubStore, email: string, password: string, now = Date.now()): Promise<{ revoked: number }> {
  const user = await findUser(store, email);
  const weakness = passwordWeakness(password, user);
  if (weakness) throw new UserError(`${weakness}; choose a longer or less guessable one`);
  await store.users.update(user.id, { passwordHash: await hashPassword(password) });
  return { revoked: await store.sessions.revokeUser(user.id, now) };
}

/** Disables a user and signs out every desktop of theirs. Their agent entity stays: their conversations and notes still name them. */
export async function disableUser(store: HubStore, email: string, now = Date.now()): Promise<{ revoked: number }> {
  const user = await findUser(store, email);
  await store.users.update(user.id, { disabledAt: now });
  return { revoked: await store.sessions.revokeUser(user.id, now) };
}

export async function revokeSessions(store: HubStore, email: string, now = Date.now()): Promise<{ revoked: number }> {
  const user = await findUser(store, email);
  return { revoked: await store.sessions.revokeUser(user.id, now) };
}
