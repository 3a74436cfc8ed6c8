import { eq } from 'drizzle-orm';
import type { ReplicaDb } from '../db/open';
import * as t from '../db/schema';

export type SyncStateRow = typeof t.syncState.$inferSelect;
export type SyncLink = Pick<SyncStateRow, 'clientId' | 'clientNo' | 'mode' | 'hubUrl' | 'hubEmail' | 'token'>;

/** The one `sync_state` row: which hub this replica follows and how far it has got. */
export function createSyncStateStore(db: ReplicaDb) {
  return {
    get: (): SyncStateRow | undefined => db.select().from(t.syncState).where(eq(t.syncState.id, 1)).get(),
    require(): SyncStateRow {
      const row = this.get();
      if (!row) throw new Error('this replica is not linked to a hub');
      return row;
    },
    /**
     * Points the replica at a (new) hub: the cursor starts over and settled ids are the new
     * hub's, but mutation ids keep counting up (a hub skips ids it has already seen).
     */
    link(link: SyncLink): void {
      const reset = { ...link, cursor: '', ackedMutationId: 0, lastSyncedAt: null, hubVersion: 0 };
      db.insert(t.syncState)
        .values({ id: 1, ...reset })
        .onConflictDoUpdate({ target: t.syncState.id, set: reset })
        .run();
    },
    /** After a pulled page is applied, in the same transaction. */
    advance(p: { cursor: string; ackedMutationId: number; hubVersion: number; now: number }): void {
      db.update(t.syncState)
        .set({ cursor: p.cursor, ackedMutationId: p.ackedMutationId, hubVersion: p.hubVersion, lastSyncedAt: p.now })
        .where(eq(t.syncState.id, 1))
        .run();
    },
    /** A new session with the same hub; its client number is the same unless the hub was reset. */
    setSession(token: string, clientNo: number): void {
      db.update(t.syncState).set({ token, clientNo }).where(eq(t.syncState.id, 1)).run();
    },
    /** A resync starts again from nothing at the same hub. */
    restartCursor(): void {
      db.update(t.syncState).set({ cursor: '', hubVersion: 0 }).where(eq(t.syncState.id, 1)).run();
    },
  };
}

export type SyncStateStore = ReturnType<typeof createSyncStateStore>;
