import { MAX_CLIENT_NO } from '../../src-shared/sync/ids';
import type { AuditRecord, ClientRecord, Rejection, SessionRecord, UserRecord } from './contract';
import type { HubMeta, SqlConnection } from './sql-dialect';
import { checkBlob, contentHash, emailKey, positiveLimit, safeInteger, storedText, StoreInputError, userRole } from './store-input';
import {
  AUDIT_COLUMNS,
  CLIENT_COLUMNS,
  SESSION_COLUMNS,
  toAudit,
  toClient,
  toSession,
  toUser,
  USER_COLUMNS,
  type AuditRow,
  type ClientRow,
  type SessionRow,
  type UserRow,
} from './stored-rows';

/** The hub's own records (desktops, users, sessions, blobs, audit), the same SQL on both databases. */

const clientId = (value: unknown) => storedText(value, 'client id', 64);

export async function findClient(conn: SqlConnection, id: string): Promise<ClientRecord | undefined> {
  const [row] = await conn.all<ClientRow>(`SELECT ${CLIENT_COLUMNS} FROM client WHERE client_id = ?`, [clientId(id)]);
  return row && toClient(row);
}

/** Under the workspace lock: a new desktop takes the next client number; a known one keeps its number and is re-bound to whoever logged in. */
export async function registerClient(conn: SqlConnection, meta: HubMeta, id: string, userId: number, deviceName: string, now: number): Promise<ClientRecord> {
  const args = [safeInteger(userId, 'user id'), storedText(deviceName, 'device name', 120, 0), safeInteger(now, 'time')] as const;
  const existing = await findClient(conn, id);
  if (existing) {
    await conn.run('UPDATE client SET user_id = ?, device_name = ?, last_seen_at = ? WHERE client_id = ?', [...args, id]);
  } else {
    const clientNo = meta.nextClientNo;
    if (clientNo > MAX_CLIENT_NO) throw new StoreInputError(`This hub has registered ${MAX_CLIENT_NO} desktops, the most its ids allow.`);
    await conn.run(`INSERT INTO client (${CLIENT_COLUMNS}) VALUES (?, ?, ?, ?, 0, ?, ?)`, [id, clientNo, args[0], args[1], args[2], args[2]]);
    await conn.run('UPDATE hub_meta SET next_client_no = ? WHERE id = 1', [clientNo + 1]);
  }
  return (await findClient(conn, id)) as ClientRecord;
}

export async function setLastMutationId(conn: SqlConnection, id: string, mutationId: number): Promise<void> {
  const changed = await conn.run('UPDATE client SET last_mutation_id = ? WHERE client_id = ?', [safeInteger(mutationId, 'mutation id'), clientId(id)]);
  if (changed === 0) throw new StoreInputError(`no desktop registered as ${id}`);
}

const REJECTION_CODES = new Set<string>(['not_found', 'conflict', 'invalid_transition', 'invalid', 'forbidden']);
export async function recordRejection(conn: SqlConnection, id: string, r: Rejection): Promise<void> {
  if (!REJECTION_CODES.has(r?.code)) throw new StoreInputError(`unknown rejection code ${JSON.stringify(r?.code)}`);
  await conn.run(
    'INSERT INTO client_rejection (client_id, mutation_id, code, message) VALUES (?, ?, ?, ?) ON CONFLICT (client_id, mutation_id) DO UPDATE SET code = excluded.code, message = excluded.message',
    [clientId(id), safeInteger(r.mutationId, 'mutation id'), r.code, storedText(r.message, 'rejection message', 4000, 0)],
  );
}

export async function listRejections(conn: SqlConnection, id: string, afterMutationId: number): Promise<Rejection[]> {
  return conn.all<Rejection>(
    'SELECT mutation_id AS "mutationId", code, message FROM client_rejection WHERE client_id = ? AND mutation_id > ? ORDER BY mutation_id',
    [clientId(id), safeInteger(afterMutationId, 'mutation id')],
  );
}

const optionalInteger = (v: number | null, what: string) => (v === null ? null : safeInteger(v, what));

export async function insertAudit(conn: SqlConnection, a: Omit<AuditRecord, 'id'>): Promise<void> {
  let data: string;
  try {
    data = JSON.stringify(a.data ?? {});
  } catch (e) {
    throw new StoreInputError(`audit data cannot be stored as JSON (${(e as Error).message})`);
  }
  await conn.run('INSERT INTO audit_log (at, actor_id, client_id, mutation_id, action, entity_type, entity_id, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    safeInteger(a.at, 'audit time'),
    optionalInteger(a.actorId, 'audit actor id'),
    a.clientId === null ? null : clientId(a.clientId),
    optionalInteger(a.mutationId, 'audit mutation id'),
    storedText(a.action, 'audit action', 100),
    storedText(a.entityType, 'audit entity type', 100),
    storedText(a.entityId, 'audit entity id', 200),
    data,
  ]);
}

export async function listAudit(conn: SqlConnection, opts: { limit: number; beforeId?: number }): Promise<AuditRecord[]> {
  const before = opts.beforeId === undefined ? Number.MAX_SAFE_INTEGER : safeInteger(opts.beforeId, 'beforeId');
  const rows = await conn.all<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?`, [before, positiveLimit(opts.limit, 'audit limit', 10_000)]);
  return rows.map(toAudit);
}

export async function findUser(conn: SqlConnection, by: { id: number } | { email: string }): Promise<UserRecord | undefined> {
  const [row] =
    'id' in by
      ? await conn.all<UserRow>(`SELECT ${USER_COLUMNS} FROM hub_user WHERE id = ?`, [safeInteger(by.id, 'user id')])
      : await conn.all<UserRow>(`SELECT ${USER_COLUMNS} FROM hub_user WHERE email_key = ?`, [emailKey(by.email)]);
  return row && toUser(row);
}

export async function listUsers(conn: SqlConnection): Promise<UserRecord[]> {
  return (await conn.all<UserRow>(`SELECT ${USER_COLUMNS} FROM hub_user ORDER BY id`)).map(toUser);
}

const passwordHash = (v: unknown) => (v === null ? null : storedText(v, 'password hash', 1000));

/** Under the workspace lock, so the next id and the email check cannot race another hub process. */
export async function addUser(conn: SqlConnection, u: Omit<UserRecord, 'id' | 'disabledAt'> & { id?: number }): Promise<UserRecord> {
  const email = storedText(u.email, 'email', 320).trim();
  const fields = [email, emailKey(email), storedText(u.name, 'name', 200), userRole(u.role), passwordHash(u.passwordHash), safeInteger(u.createdAt, 'createdAt')];
  if (await findUser(conn, { email })) throw new StoreInputError(`a user with email ${email} already exists`);
  let id: number;
  if (u.id === undefined) {
    const [row] = await conn.all<{ next: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM hub_user');
    id = (row as { next: number }).next;
  } else {
    id = safeInteger(u.id, 'user id');
    if (id === 0) throw new StoreInputError('user ids start at 1');
    if (await findUser(conn, { id })) throw new StoreInputError(`a user with id ${id} already exists`);
  }
  await conn.run('INSERT INTO hub_user (id, email, email_key, name, role, password_hash, disabled_at, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)', [id, ...fields]);
  return (await findUser(conn, { id })) as UserRecord;
}

export async function updateUser(conn: SqlConnection, id: number, patch: Partial<Pick<UserRecord, 'name' | 'role' | 'passwordHash' | 'disabledAt'>>): Promise<void> {
  const set: string[] = [];
  const params: unknown[] = [];
  const field = (column: string, value: unknown) => (set.push(`${column} = ?`), params.push(value));
  if (patch.name !== undefined) field('name', storedText(patch.name, 'name', 200));
  if (patch.role !== undefined) field('role', userRole(patch.role));
  if (patch.passwordHash !== undefined) field('password_hash', passwordHash(patch.passwordHash));
  if (patch.disabledAt !== undefined) field('disabled_at', patch.disabledAt === null ? null : safeInteger(patch.disabledAt, 'disabledAt'));
  if (!(await findUser(conn, { id }))) throw new StoreInputError(`no user with id ${id}`);
  if (set.length) await conn.run(`UPDATE hub_user SET ${set.join(', ')} WHERE id = ?`, [...params, id]);
}

const tokenHash = (v: unknown) => storedText(v, 'session token hash', 200);

export async function createSession(conn: SqlConnection, s: Omit<SessionRecord, 'revokedAt'>): Promise<void> {
  await conn.run(`INSERT INTO hub_session (${SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, NULL)`, [
    tokenHash(s.tokenHash),
    safeInteger(s.userId, 'user id'),
    s.clientId === null ? null : clientId(s.clientId),
    safeInteger(s.createdAt, 'createdAt'),
    safeInteger(s.expiresAt, 'expiresAt'),
  ]);
}

export async function findSession(conn: SqlConnection, hash: string): Promise<SessionRecord | undefined> {
  const [row] = await conn.all<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM hub_session WHERE token_hash = ?`, [tokenHash(hash)]);
  return row && toSession(row);
}

export async function revokeSessions(conn: SqlConnection, by: { tokenHash: string } | { userId: number }, now: number): Promise<number> {
  const [column, value] = 'tokenHash' in by ? ['token_hash', tokenHash(by.tokenHash)] : ['user_id', safeInteger(by.userId, 'user id')];
  return conn.run(`UPDATE hub_session SET revoked_at = ? WHERE ${column} = ? AND revoked_at IS NULL`, [safeInteger(now, 'time'), value]);
}

export async function hasBlob(conn: SqlConnection, hash: string): Promise<boolean> {
  return (await conn.all('SELECT 1 AS found FROM blob WHERE content_hash = ?', [contentHash(hash)])).length > 0;
}

export async function putBlob(conn: SqlConnection, hash: string, mimeType: string, body: Buffer): Promise<void> {
  checkBlob(hash, mimeType, body);
  await conn.run('INSERT INTO blob (content_hash, mime_type, size, body) VALUES (?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING', [hash, mimeType, body.length, body]);
}

export async function getBlob(conn: SqlConnection, hash: string): Promise<{ mimeType: string; body: Buffer } | undefined> {
  const [row] = await conn.all<{ mime_type: string; body: Buffer }>('SELECT mime_type, body FROM blob WHERE content_hash = ?', [contentHash(hash)]);
  return row && { mimeType: row.mime_type, body: row.body };
}
