import { desc } from 'drizzle-orm';
import type { BatchItemResult, OutboxEntry } from '../../../src-shared/api';
import { ApiError } from '../../../src-shared/api';
import { MutationRejected, runMutation, type MutationName } from '../../../src-shared/mutators';
import type { ReplicaDb } from '../db/open';
import * as t from '../db/schema';
import type { createConversationQueries } from '../conversations/queries';
import { createReplicaTx } from './replica-tx';
import { createNotificationStore } from '../notifications/store';

/**
 * Applies a mutation optimistically and records it in the outbox in the same transaction, so
 * the change and the record of it to push are never separated by a crash.
 */
export function createLocalMutations(db: ReplicaDb, conversations: ReturnType<typeof createConversationQueries>) {
  const notifications = createNotificationStore(db);

  /** One mutation and its outbox row, in the caller's transaction or savepoint. */
  function applyIn(tx: ReplicaDb, actorId: number, name: MutationName, args: unknown, now: number, touched: Set<number>): number {
    runMutation(createReplicaTx(tx, { conversations, notifications }, actorId, now, touched), name, args);
    return tx.insert(t.mutationOutbox).values({ name, argsJson: JSON.stringify(args), createdAt: now }).returning({ id: t.mutationOutbox.id }).get().id;
  }

  return {
    apply(actorId: number, name: MutationName, args: unknown, now = Date.now()): { outboxId: number; conversationIds: number[] } {
      const touched = new Set<number>();
      try {
        const outboxId = db.transaction((tx) => applyIn(tx as unknown as ReplicaDb, actorId, name, args, now, touched));
        return { outboxId, conversationIds: [...touched] };
      } catch (e) {
        if (e instanceof MutationRejected) throw new ApiError(e.code === 'not_found' ? 'not_found' : e.code === 'conflict' ? 'conflict' : 'rejected', e.message);
        throw e;
      }
    },
    /**
     * Applies many mutations in ONE transaction, each in its own savepoint: a refused item rolls
     * back alone and the rest still apply (a bulk action never fails as a whole for one ticket).
     */
    applyBatch(actorId: number, items: { name: MutationName; args: unknown }[], now = Date.now()): { results: BatchItemResult[]; conversationIds: number[] } {
      const touched = new Set<number>();
      const results = db.transaction((tx) =>
        items.map(({ name, args }): BatchItemResult => {
          try {
            tx.transaction((item) => void applyIn(item as unknown as ReplicaDb, actorId, name, args, now, touched));
            return { ok: true };
          } catch (e) {
            if (e instanceof MutationRejected) return { ok: false, kind: e.code, message: e.message };
            throw e;
          }
        }),
      );
      return { results, conversationIds: [...touched] };
    },
    list(limit: number): OutboxEntry[] {
      return db
        .select()
        .from(t.mutationOutbox)
        .orderBy(desc(t.mutationOutbox.id))
        .limit(limit)
        .all()
        .map((r) => ({ id: r.id, name: r.name, args: JSON.parse(r.argsJson) as unknown, status: r.status, attempts: r.attempts, lastError: r.lastError, createdAt: r.createdAt }));
    },
  };
}
