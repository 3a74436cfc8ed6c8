import type { EntityKind } from '../../src-shared/sync/rows';
import { keyOf, type EntityKey, type StoredEntity } from './contract';
import type { SqlConnection } from './sql-dialect';
import { entityKey, entityKind, MAX_ENTITY_ID_LENGTH, positiveLimit, storedText, StoreInputError } from './store-input';
import { ENTITY_COLUMNS, toStoredEntity, type EntityRow } from './stored-rows';

/** Reads of live entities, the same inside a write (its own connection) and outside (the reader). */

/**
 * How an entity row is upserted on both databases: a tombstone keeps the parent and audience the
 * entity had (so a deletion can still be routed to whoever may see it) and drops the data.
 */
export const ENTITY_UPSERT_CONFLICT = `ON CONFLICT (kind, id) DO UPDATE SET
  version = excluded.version, deleted = excluded.deleted, data = excluded.data,
  parent = CASE WHEN excluded.deleted = 1 THEN entity.parent ELSE excluded.parent END,
  audience = CASE WHEN excluded.deleted = 1 THEN entity.audience ELSE excluded.audience END`;

const MAX_IN_LIST = 512;
/** Pads an IN list to a power of two (repeating its last id), so a few statement texts serve every size and stay prepared. */
function paddedIds(ids: string[]): string[] {
  let size = 1;
  while (size < ids.length) size *= 2;
  const last = ids[ids.length - 1] as string;
  return ids.concat(Array<string>(size - ids.length).fill(last));
}

export async function getEntities(conn: SqlConnection, keys: EntityKey[]): Promise<Map<string, StoredEntity>> {
  if (!Array.isArray(keys)) throw new StoreInputError('getEntities takes a list of keys');
  const byKind = new Map<EntityKind, Set<string>>();
  for (const k of keys) {
    const key = entityKey(k);
    const ids = byKind.get(key.kind) ?? new Set<string>();
    ids.add(key.id);
    byKind.set(key.kind, ids);
  }
  const found = new Map<string, StoredEntity>();
  for (const [kind, idSet] of byKind) {
    const ids = [...idSet];
    for (let i = 0; i < ids.length; i += MAX_IN_LIST) {
      const chunk = paddedIds(ids.slice(i, i + MAX_IN_LIST));
      const rows = await conn.all<EntityRow>(
        `SELECT ${ENTITY_COLUMNS} FROM entity WHERE kind = ? AND id IN (${chunk.map(() => '?').join(', ')}) AND deleted = 0`,
        [kind, ...chunk],
      );
      for (const r of rows) found.set(keyOf(r), toStoredEntity(r));
    }
  }
  return found;
}

export async function listChildren(conn: SqlConnection, kind: EntityKind, parent: string): Promise<StoredEntity[]> {
  const rows = await conn.all<EntityRow>(`SELECT ${ENTITY_COLUMNS} FROM entity WHERE kind = ? AND parent = ? AND deleted = 0 ORDER BY id`, [
    entityKind(kind),
    storedText(parent, 'parent', MAX_ENTITY_ID_LENGTH),
  ]);
  return rows.map(toStoredEntity);
}

const SMALL_KINDS = new Set<string>(['agent', 'macro', 'workspace']);
export async function listKind(conn: SqlConnection, kind: 'agent' | 'macro' | 'workspace'): Promise<StoredEntity[]> {
  if (!SMALL_KINDS.has(kind)) throw new StoreInputError(`listKind lists only small kinds (agent, macro, workspace), not ${JSON.stringify(kind)}: use scanKind`);
  const rows = await conn.all<EntityRow>(`SELECT ${ENTITY_COLUMNS} FROM entity WHERE kind = ? AND deleted = 0 ORDER BY id`, [kind]);
  return rows.map(toStoredEntity);
}

export const MAX_SCAN_LIMIT = 100_000;
export async function scanKind(conn: SqlConnection, kind: EntityKind, afterId: string, limit: number): Promise<StoredEntity[]> {
  const rows = await conn.all<EntityRow>(`SELECT ${ENTITY_COLUMNS} FROM entity WHERE kind = ? AND id > ? AND deleted = 0 ORDER BY id LIMIT ?`, [
    entityKind(kind),
    storedText(afterId, 'afterId', MAX_ENTITY_ID_LENGTH, 0),
    positiveLimit(limit, 'scan limit', MAX_SCAN_LIMIT),
  ]);
  return rows.map(toStoredEntity);
}
