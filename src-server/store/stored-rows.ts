import type { EntityKind, SyncedRows } from '../../src-shared/sync/rows';
import type { AuditRecord, ClientRecord, EntityChange, SessionRecord, StoredEntity, UserRecord } from './contract';

/** Database rows (snake_case, as both databases return them) → the contract's records. */

export const ENTITY_COLUMNS = 'kind, id, parent, audience, version, deleted, data';
export interface EntityRow {
  kind: EntityKind;
  id: string;
  parent: string | null;
  audience: number | null;
  version: number;
  deleted: number;
  data: string | null;
}

export function toStoredEntity(r: EntityRow): StoredEntity {
  return { kind: r.kind, id: r.id, parent: r.parent, audience: r.audience, version: r.version, data: JSON.parse(r.data as string) as SyncedRows[EntityKind] };
}

export function toChange(r: EntityRow): EntityChange {
  return r.deleted ? { kind: r.kind, id: r.id, version: r.version, deleted: true } : toStoredEntity(r);
}

export const CLIENT_COLUMNS = 'client_id, client_no, user_id, device_name, last_mutation_id, created_at, last_seen_at';
export interface ClientRow {
  client_id: string;
  client_no: number;
  user_id: number;
  device_name: string;
  last_mutation_id: number;
  created_at: number;
  last_seen_at: number;
}
export function toClient(r: ClientRow): ClientRecord {
  return {
    clientId: r.client_id,
    clientNo: r.client_no,
    userId: r.user_id,
    deviceName: r.device_name,
    lastMutationId: r.last_mutation_id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
  };
}

export const USER_COLUMNS = 'id, email, name, role, password_hash, disabled_at, created_at';
export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: UserRecord['role'];
  password_hash: string | null;
  disabled_at: number | null;
  created_at: number;
}
export function toUser(r: UserRow): UserRecord {
  return { id: r.id, email: r.email, name: r.name, role: r.role, passwordHash: r.password_hash, disabledAt: r.disabled_at, createdAt: r.created_at };
}

export const SESSION_COLUMNS = 'token_hash, user_id, client_id, created_at, expires_at, revoked_at';
export interface SessionRow {
  token_hash: string;
  user_id: number;
  client_id: string | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}
export function toSession(r: SessionRow): SessionRecord {
  return { tokenHash: r.token_hash, userId: r.user_id, clientId: r.client_id, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at };
}

export const AUDIT_COLUMNS = 'id, at, actor_id, client_id, mutation_id, action, entity_type, entity_id, data';
export interface AuditRow {
  id: number;
  at: number;
  actor_id: number | null;
  client_id: string | null;
  mutation_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  data: string;
}
export function toAudit(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    clientId: r.client_id,
    mutationId: r.mutation_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: JSON.parse(r.data) as Record<string, unknown>,
  };
}
