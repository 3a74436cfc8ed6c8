import path from 'node:path';
import type { HubStore } from '../../src-server/store/contract';
import { openSqliteStore } from '../../src-server/store/sqlite-store';
import { EMBEDDED_HUB_DIR } from '../../src-main/core/sync/embedded-hub';
import type { ReplicaDb } from '../../src-main/core/db/open';
import { ENTITY_TABLES } from '../../src-main/core/sync/entity-tables';
import type { EntityKind } from '../../src-shared/sync/rows';

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
