import { createHash } from 'node:crypto';
import { ENTITY_KINDS, toEntity, type Entity, type EntityKind, type SyncedRows } from '../../src-shared/sync/rows';
import type { EntityKey, UserRecord } from './contract';

/**
 * Checks of everything the hub asks its store to keep, the same for SQLite and PostgreSQL, so a
 * bad value is refused with a clear message before any row is touched (never half-applied, never
 * truncated or rounded by one database and not the other).
 */
export class StoreInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreInputError';
  }
}

/** Longest entity id: keeps every pull cursor within the protocol's 200 characters. */
export const MAX_ENTITY_ID_LENGTH = 128;
const KINDS = new Set<string>(ENTITY_KINDS);
export const USER_ROLES: readonly UserRecord['role'][] = ['agent', 'onboarding', 'supervisor', 'admin'];

export function safeInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new StoreInputError(`${what} must be a whole number from 0 to 2^53-1 (got ${String(value)})`);
  }
  return value;
}

/** Text every database stores alike: PostgreSQL cannot hold NUL characters. */
export function storedText(value: unknown, what: string, maxLength: number, minLength = 1): string {
  if (typeof value !== 'string') throw new StoreInputError(`${what} must be text (got ${typeof value})`);
  if (value.length < minLength || value.length > maxLength) {
    throw new StoreInputError(`${what} must be ${minLength} to ${maxLength} characters long (got ${value.length})`);
  }
  if (value.includes('\u0000')) throw new StoreInputError(`${what} must not contain NUL characters`);
  return value;
}

export function entityKind(value: unknown): EntityKind {
  if (typeof value !== 'string' || !KINDS.has(value)) throw new StoreInputError(`unknown entity kind ${JSON.stringify(value)}`);
  return value as EntityKind;
}

export function entityKey(key: EntityKey): EntityKey {
  const kind = entityKind(key?.kind);
  return { kind, id: storedText(key.id, `${kind} id`, MAX_ENTITY_ID_LENGTH) };
}

/** An entity or tombstone as stored: data is the row as JSON text, null for a tombstone. */
export interface EncodedEntity {
  kind: EntityKind;
  id: string;
  parent: string | null;
  audience: number | null;
  deleted: 0 | 1;
  data: string | null;
}

export type EntityPut = Entity | (EntityKey & { deleted: true });

/**
 * Validates one put and turns it into its stored row. Key, parent and audience must be exactly
 * what `toEntity` derives from the row, so listing children and filtering by audience can trust
 * the columns.
 */
export function encodeEntity(change: EntityPut): EncodedEntity {
  if ('deleted' in change && change.deleted === true) {
    const key = entityKey(change);
    return { ...key, parent: null, audience: null, deleted: 1, data: null };
  }
  const entity = change as Entity;
  const kind = entityKind(entity?.kind);
  const row = entity.data as unknown;
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new StoreInputError(`${kind} ${String(entity.id)}: data must be a row object`);
  const derived = toEntity(kind, row as SyncedRows[EntityKind]);
  if (entity.id !== derived.id) throw new StoreInputError(`${kind} id ${JSON.stringify(entity.id)} does not match its row (expected ${JSON.stringify(derived.id)})`);
  if (entity.parent !== derived.parent) throw new StoreInputError(`${kind} ${entity.id}: parent ${JSON.stringify(entity.parent)} does not match its row (expected ${JSON.stringify(derived.parent)})`);
  if (entity.audience !== derived.audience) throw new StoreInputError(`${kind} ${entity.id}: audience ${String(entity.audience)} does not match its row (expected ${String(derived.audience)})`);
  storedText(entity.id, `${kind} id`, MAX_ENTITY_ID_LENGTH);
  if (entity.parent !== null) storedText(entity.parent, `${kind} ${entity.id} parent`, MAX_ENTITY_ID_LENGTH);
  if (entity.audience !== null) safeInteger(entity.audience, `${kind} ${entity.id} audience`);
  let data: string;
  try {
    data = JSON.stringify(row);
  } catch (e) {
    throw new StoreInputError(`${kind} ${entity.id}: data cannot be stored as JSON (${(e as Error).message})`);
  }
  return { kind, id: entity.id, parent: entity.parent, audience: entity.audience, deleted: 0, data };
}

/** The hub's own ids (client number 0) must stay below client 1's first id. */
export const HUB_ID_LIMIT = 2 ** 33;

/** The highest hub-made numeric id among imported rows, so the hub's id counter can skip past them. */
export function highestHubId(id: string, current: number): number {
  if (!/^[1-9]\d{0,9}$/.test(id)) return current;
  const n = Number(id);
  return n < HUB_ID_LIMIT && n > current ? n : current;
}

export function contentHash(value: unknown): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) {
    throw new StoreInputError(`a blob's content hash must be 64 lowercase hex characters (SHA-256), got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Refuses a body whose SHA-256 is not the hash it is stored under: a blob is only ever what its name says. */
export function checkBlob(hash: string, mimeType: unknown, body: unknown): void {
  contentHash(hash);
  storedText(mimeType, 'blob MIME type', 255);
  if (!Buffer.isBuffer(body)) throw new StoreInputError('blob body must be a Buffer');
  const actual = createHash('sha256').update(body).digest('hex');
  if (actual !== hash) throw new StoreInputError(`blob body does not match its content hash (${hash} named, ${actual} computed)`);
}

export function userRole(value: unknown): UserRecord['role'] {
  if (!USER_ROLES.includes(value as UserRecord['role'])) throw new StoreInputError(`role must be one of ${USER_ROLES.join(', ')} (got ${JSON.stringify(value)})`);
  return value as UserRecord['role'];
}

/** Emails are unique whatever their case: the key is the address in lower case, computed here so both databases agree. */
export function emailKey(email: unknown): string {
  return storedText(email, 'email', 320).trim().toLowerCase();
}

export function positiveLimit(value: unknown, what: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new StoreInputError(`${what} must be a whole number from 1 to ${max} (got ${String(value)})`);
  }
  return value;
}
