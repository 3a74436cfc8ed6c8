import type { EntityKind } from '../../src-shared/sync/rows';
import type { EntityKey, HubWriteTx, Rejection, AuditRecord } from './contract';
import { connectorDocs, findRefs, putRefs } from './connector-records';
import { getEntities, listChildren, listKind } from './entity-queries';
import { findClient, insertAudit, recordRejection, setLastMutationId } from './hub-records';
import type { HubMeta, SqlConnection, StoreDialect } from './sql-dialect';
import { encodeEntity, HUB_ID_LIMIT, positiveLimit, type EntityPut } from './store-input';

export interface OpenWrite {
  tx: HubWriteTx;
  /** The version this write made (old + 1), or null when it put nothing. */
  newVersion(): number | null;
  /** Called once the write is over: the tx refuses any later use (a leaked reference would write outside the lock). */
  end(): void;
}

/**
 * A workspace write over the transaction's own connection. Puts go straight into the open
 * transaction stamped with version+1, so later reads in the same write see them and a rollback
 * takes them all back; hub_meta's version is bumped once, at the end, only if something was put.
 */
export function openWrite(conn: SqlConnection, meta: HubMeta, dialect: StoreDialect): OpenWrite {
  let ended = false;
  let changed = false;
  const live = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (ended) throw new Error('This store write has finished: its transaction can no longer be used.');
      return fn(...args);
    };

  const tx: HubWriteTx = {
    version: meta.version,
    getEntities: live((keys: EntityKey[]) => getEntities(conn, keys)),
    listChildren: live((kind: EntityKind, parent: string) => listChildren(conn, kind, parent)),
    listKind: live((kind: 'agent' | 'macro' | 'workspace') => listKind(conn, kind)),
    put: live(async (changes: EntityPut[]) => {
      // Every change is checked before the first is written: a bad one leaves the put without effect.
      const rows = changes.map(encodeEntity);
      if (rows.length === 0) return;
      changed = true; // before the rows land: a put the caller forgot to await still bumps the version it writes
      await dialect.upsertEntities(conn, meta.version + 1, rows);
    }),
    allocateHubIds: live(async (n: number) => {
      if (n === 0) return [];
      positiveLimit(n, 'number of hub ids', 1_000_000);
      const [row] = await conn.all<{ next_hub_id: number }>('UPDATE hub_meta SET next_hub_id = next_hub_id + ? WHERE id = 1 RETURNING next_hub_id', [n]);
      const end = (row as { next_hub_id: number }).next_hub_id;
      if (end > HUB_ID_LIMIT) throw new Error(`The hub has used up its own ids (below 2^33); cannot allocate ${n} more.`);
      return Array.from({ length: n }, (_, i) => end - n + i);
    }),
    getClient: live((clientId: string) => findClient(conn, clientId)),
    setLastMutationId: live((clientId: string, mutationId: number) => setLastMutationId(conn, clientId, mutationId)),
    recordRejection: live((clientId: string, rejection: Rejection) => recordRejection(conn, clientId, rejection)),
    audit: live((record: Omit<AuditRecord, 'id'>) => insertAudit(conn, record)),
    findRefs: live((refs: string[]) => findRefs(conn, refs)),
    putRefs: live((refs: (EntityKey & { ref: string })[]) => putRefs(conn, refs)),
    connectors: connectorDocs(
      () => {
        if (ended) throw new Error('This store write has finished: its transaction can no longer be used.');
        return conn;
      },
      (fn) => live(fn)(conn),
    ),
  };
  return {
    tx,
    newVersion: () => (changed ? meta.version + 1 : null),
    end: () => void (ended = true),
  };
}
