import path from 'node:path';
import type { HubStore } from '../../src-server/store/contract';
import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { EMBEDDED_HUB_DIR } from '../../src-main/core/sync/embedded-hub';
import type { ReplicaDb } from '../../src-main/core/db/open';
import { ENTITY_TABLES } from '../../src-main/core/sync/entity-tables';
import { entityId, type EntityKind } from '../../src-shared/sync/rows';

/** A replica's row in the synced shape (what the hub stores), or undefined. */
export function replicaRow(db: ReplicaDb, kind: EntityKind, id: string | number): Record<string, unknown> | undefined {
  const table = ENTITY_TABLES[kind];
  const where = kind === 'conversation_tag' ? 'conversation_id || \':\' || tag = ?' : 'id = ?';
  const row = db.$client.prepare(`SELECT ${table.synced.map((c) => `${c.name} AS "${c.key}"`).join(', ')} FROM ${kind} WHERE ${where}`).get(id) as
    | Record<string, unknown>
    | undefined;
  if (row) for (const c of table.synced) if (c.type === 'boolean') row[c.key] = row[c.key] === 1;
  return row;
}

/** The hub's live row of an entity, or undefined. */
export async function hubRow(store: HubStore, kind: EntityKind, id: string | number): Promise<Record<string, unknown> | undefined> {
  const found = await store.getEntities([{ kind, id: String(id) }]);
  return found.get(`${kind}/${id}`)?.data as Record<string, unknown> | undefined;
}

/** Reads a running desktop's embedded hub store (WAL lets another process read while its core writes). */
export async function withEmbeddedHub<T>(dataDir: string, fn: (store: HubStore) => Promise<T>): Promise<T> {
  const store = await openSqliteStore(path.join(dataDir, EMBEDDED_HUB_DIR));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Every synced row of a replica, keyed `kind/id` (notifications only to `agentId`: what the hub sends that agent). */
export function replicaState(db: ReplicaDb, kinds: readonly EntityKind[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const kind of kinds) {
    const table = ENTITY_TABLES[kind];
    const cols = table.synced.map((c) => `${c.name} AS "${c.key}"`).join(', ');
    for (const row of db.$client.prepare(`SELECT ${cols} FROM ${kind}`).all() as Record<string, unknown>[]) {
      for (const c of table.synced) if (c.type === 'boolean') row[c.key] = row[c.key] === 1;
      out.set(`${kind}/${entityId(kind, row as never)}`, row);
    }
  }
  return out;
}

/** The hub's live state of the same kinds, read through its change feed from the start. */
export async function hubState(store: HubStore, kinds: readonly EntityKind[], audience?: number): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  let cursor = '';
  for (;;) {
    const page = await store.pull(cursor, 5_000);
    for (const e of page.entities) {
      if (!kinds.includes(e.kind) || ('deleted' in e && e.deleted)) continue;
      const live = e as Exclude<typeof e, { deleted: true }>;
      if (audience !== undefined && live.audience !== null && live.audience !== audience) continue;
      out.set(`${e.kind}/${e.id}`, live.data as unknown as Record<string, unknown>);
    }
    cursor = page.cursor;
    if (!page.hasMore) return out;
  }
}

/** How many times the hub's audit log records each accepted mutation, keyed `clientId/mutationId`. */
export async function appliedMutations(store: HubStore): Promise<Map<string, number>> {
  const applied = new Map<string, number>();
  for (let beforeId: number | undefined; ; ) {
    const page = await store.audit.list({ limit: 1_000, ...(beforeId ? { beforeId } : {}) });
    for (const a of page) if (a.entityType === 'mutation') applied.set(a.entityId, (applied.get(a.entityId) ?? 0) + 1);
    if (page.length < 1_000) return applied;
    beforeId = page[page.length - 1]!.id;
  }
}
