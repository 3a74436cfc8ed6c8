import type { Entity, EntityKind } from '../../src-shared/sync/rows';

/**
 * The hub's canonical store. SQLite (default, one data folder) and PostgreSQL (DATABASE_URL, several
 * hub processes) both implement it and both pass tests/hub/store-contract.suite.ts.
 *
 * Model: one row per entity `(kind, id)` holding the latest synced row as JSON, stamped with the
 * workspace version of its last change; a deletion is a tombstone. Pulling "everything above my
 * cursor" is then a keyset walk over (version, kind, id), and the log compacts itself: an entity
 * changed a thousand times is sent once. Tombstones older than `minVersion` may be dropped, after
 * which an older cursor answers ResyncRequired.
 */

export interface StoredEntity extends Entity {
  version: number;
}
export interface Tombstone {
  kind: EntityKind;
  id: string;
  version: number;
  deleted: true;
}
export type EntityChange = (StoredEntity & { deleted?: false }) | Tombstone;

export interface EntityKey {
  kind: EntityKind;
  id: string;
}
/** `${kind}/${id}`: the key of the maps the store returns. */
export const keyOf = (k: EntityKey): string => `${k.kind}/${k.id}`;

export interface ClientRecord {
  clientId: string;
  /** Small integer, unique per hub, part of every id this client's mutations create. */
  clientNo: number;
  userId: number;
  deviceName: string;
  lastMutationId: number;
  createdAt: number;
  lastSeenAt: number;
}

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: 'agent' | 'onboarding' | 'supervisor' | 'admin';
  /** scrypt parameters and hash, as one self-describing string; null until a password is set. */
  passwordHash: string | null;
  disabledAt: number | null;
  createdAt: number;
}

export interface SessionRecord {
  tokenHash: string;
  userId: number;
  clientId: string | null;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface AuditRecord {
  id: number;
  at: number;
  actorId: number | null;
  clientId: string | null;
  mutationId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

export interface Rejection {
  mutationId: number;
  code: 'not_found' | 'conflict' | 'invalid_transition' | 'invalid' | 'forbidden';
  message: string;
}

export class ResyncRequired extends Error {
  constructor(readonly minVersion: number) {
    super(`This replica is too far behind (the hub keeps changes from version ${minVersion}); it must resync.`);
    this.name = 'ResyncRequired';
  }
}

/** Everything a workspace write may do, under the workspace lock. Writes are buffered and stamped with ONE new version at commit. */
export interface HubWriteTx {
  /** The version before this transaction's writes. */
  readonly version: number;
  /** Live entities (tombstones are absent), keyed by keyOf. */
  getEntities(keys: EntityKey[]): Promise<Map<string, StoredEntity>>;
  /** Live entities of `kind` whose parent is `parent` (messages, notes, tags of a conversation; identities, orders of a customer). */
  listChildren(kind: EntityKind, parent: string): Promise<StoredEntity[]>;
  /** Every live entity of a small kind (agents, macros). */
  listKind(kind: 'agent' | 'macro' | 'workspace'): Promise<StoredEntity[]>;
  /** Upserts (or, with `deleted`, tombstones) entities; visible to later reads in this transaction. */
  put(changes: (Entity | (EntityKey & { deleted: true }))[]): Promise<void>;
  /** Ids for rows the hub itself creates (client number 0), from a persistent counter. */
  allocateHubIds(n: number): Promise<number[]>;
  getClient(clientId: string): Promise<ClientRecord | undefined>;
  setLastMutationId(clientId: string, mutationId: number): Promise<void>;
  recordRejection(clientId: string, rejection: Rejection): Promise<void>;
  audit(record: Omit<AuditRecord, 'id'>): Promise<void>;
  /** Secondary keys → entities (an email's Message-ID → its message, a normalized address → its customer). */
  findRefs(refs: string[]): Promise<Map<string, EntityKey>>;
  /** Adds or re-points secondary keys; a ref names one entity. */
  putRefs(refs: (EntityKey & { ref: string })[]): Promise<void>;
  /** The connector documents below, inside this transaction (so an ingest and its mailbox state commit together). */
  readonly connectors: ConnectorDocs;
}

/**
 * Small JSON documents a channel connector keeps between runs: an account's settings, a mailbox's
 * sync state, an outbound send's progress. Keys are paths such as `email/account/3` or
 * `email/outbound/<message-id>`; `list(prefix)` returns them in key order.
 */
export interface ConnectorDocs {
  get<T = unknown>(key: string): Promise<T | undefined>;
  list<T = unknown>(prefix: string): Promise<{ key: string; value: T }[]>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export interface PullPage {
  entities: EntityChange[];
  cursor: string;
  hasMore: boolean;
  version: number;
  /** The `clientId` desktop's last applied mutation, read in the same snapshot as the page (null without one). */
  lastMutationId: number | null;
}

export interface HubStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; refuses a store written by a newer hub. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Runs `fn` holding the workspace lock (BEGIN IMMEDIATE / SELECT ... FOR UPDATE); commits and notifies on success, rolls back on throw. */
  write<T>(fn: (tx: HubWriteTx) => Promise<T>): Promise<T>;
  /** Changes above `cursor` ('' = from the start), in (version, kind, id) order. Throws ResyncRequired for a compacted cursor. */
  pull(cursor: string, limit: number, clientId?: string | null): Promise<PullPage>;
  version(): Promise<number>;
  /** Drops tombstones at or below `version`; cursors below it must then resync. Returns how many were dropped. */
  compact(version: number): Promise<number>;
  /** Bulk load (demo workspace, benchmarks) as one new version; far faster than `write` per row. */
  importEntities(entities: AsyncIterable<Entity[]> | Iterable<Entity[]>): Promise<number>;
  /** Live entities of one kind in id order, a page at a time (export). */
  scanKind(kind: EntityKind, afterId: string, limit: number): Promise<StoredEntity[]>;
  listChildren(kind: EntityKind, parent: string): Promise<StoredEntity[]>;
  getEntities(keys: EntityKey[]): Promise<Map<string, StoredEntity>>;

  /** Called with the new version after every commit, by ANY hub process on this store (PostgreSQL: LISTEN/NOTIFY). */
  onVersion(listener: (version: number) => void): () => void;
  /** Runs `fn` only if no other hub process holds `name` (PostgreSQL advisory lock; SQLite: this process). Resolves null when held elsewhere. */
  tryExclusive<T>(name: string, fn: () => Promise<T>): Promise<T | null>;

  clients: {
    /** Registers (or re-binds to `userId`) a desktop; idempotent per clientId. */
    register(clientId: string, userId: number, deviceName: string, now: number): Promise<ClientRecord>;
    get(clientId: string): Promise<ClientRecord | undefined>;
    rejections(clientId: string, afterMutationId: number): Promise<Rejection[]>;
  };
  users: {
    add(u: Omit<UserRecord, 'id' | 'disabledAt'> & { id?: number }): Promise<UserRecord>;
    byEmail(email: string): Promise<UserRecord | undefined>;
    byId(id: number): Promise<UserRecord | undefined>;
    list(): Promise<UserRecord[]>;
    update(id: number, patch: Partial<Pick<UserRecord, 'name' | 'role' | 'passwordHash' | 'disabledAt'>>): Promise<void>;
  };
  sessions: {
    create(s: Omit<SessionRecord, 'revokedAt'>): Promise<void>;
    find(tokenHash: string): Promise<SessionRecord | undefined>;
    revoke(tokenHash: string, now: number): Promise<boolean>;
    revokeUser(userId: number, now: number): Promise<number>;
  };
  blobs: {
    has(contentHash: string): Promise<boolean>;
    put(contentHash: string, mimeType: string, body: Buffer): Promise<void>;
    /** Several in ONE transaction, all or none: one durable commit for a batch of mail's attachments instead of one each. */
    putMany(blobs: { contentHash: string; mimeType: string; body: Buffer }[]): Promise<void>;
    get(contentHash: string): Promise<{ mimeType: string; body: Buffer } | undefined>;
  };
  /** The same documents outside a workspace write (a connector's own progress, read by its health panel). */
  connectors: ConnectorDocs;
  audit: {
    list(opts: { limit: number; beforeId?: number }): Promise<AuditRecord[]>;
  };
}
