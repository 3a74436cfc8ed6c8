import { desc } from 'drizzle-orm';
import type { BatchItemResult, OutboxEntry } from '../../../src-shared/api';
import { ApiError } from '../../../src-shared/api';
import { MutationRejected, runMutation, type MutationName } from '../../../src-shared/mutators';
import { createIdAllocator } from '../../../src-shared/sync/ids';
import type { ReplicaDb } from '../db/open';
import * as t from '../db/schema';
import type { createConversationQueries } from '../conversations/queries';
import { createReplicaTx } from './replica-tx';
import { createNotificationStore } from '../notifications/store';
import type { UndoLog } from '../sync/undo-log';

/** An outbox row as the rebase re-runs it. */
export interface RecordedMutation {
  id: number;
  name: MutationName;
  argsJson: string;
  createdAt: number;
}

/**
 * Applies a mutation optimistically and records it in the outbox in the same transaction, so
 * the change and the record of it to push are never separated by a crash. The outbox row comes
 * first: its id is the mutation id, from which the ids of the rows it creates are derived.
 */
export function createLocalMutations(db: ReplicaDb, conversations: ReturnType<typeof createConversationQueries>, undo: UndoLog) {
  const sqlite = db.$client;
  const notifications = createNotificationStore(db);
  // Mutation ids are never reused, not even after the hub settled and the outbox was emptied.
  const nextMutationId = sqlite.prepare('UPDATE sync_state SET last_mutation_id = last_mutation_id + 1 WHERE id = 1 RETURNING last_mutation_id AS id, client_no AS clientNo');
  const clientNo = sqlite.prepare('SELECT client_no FROM sync_state WHERE id = 1').pluck();
  const insertOutbox = sqlite.prepare('INSERT INTO mutation_outbox (id, name, args_json, created_at) VALUES (?, ?, ?, ?)');
  /** Told after a local change is committed: the sync client pushes it. */
  const applied = new Set<() => void>();
  const tellApplied = () => applied.forEach((listener) => listener());

  /** Runs a mutator with its before-images captured; the caller's transaction or savepoint holds it. */
  function run(actorId: number, m: { id: number; name: MutationName; args: unknown; createdAt: number }, client: number, touched: Set<number>): void {
    const tx = createReplicaTx(db, { conversations, notifications }, actorId, m.createdAt, touched, createIdAllocator(client, m.id));
    undo.capturing(() => runMutation(tx, m.name, m.args));
  }

  /** One mutation and its outbox row, in the caller's transaction or savepoint. */
  function applyIn(actorId: number, name: MutationName, args: unknown, now: number, touched: Set<number>): number {
    const next = nextMutationId.get() as { id: number; clientNo: number } | undefined;
    if (!next) throw new ApiError('unavailable', 'this desktop is not linked to a hub yet');
    insertOutbox.run(next.id, name, JSON.stringify(args), now);
    run(actorId, { id: next.id, name, args, createdAt: now }, next.clientNo, touched);
    return next.id;
  }

  return {
    apply(actorId: number, name: MutationName, args: unknown, now = Date.now()): { outboxId: number; conversationIds: number[] } {
      const touched = new Set<number>();
      try {
        const outboxId = db.transaction(() => applyIn(actorId, name, args, now, touched));
        tellApplied();
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
            tx.transaction(() => void applyIn(actorId, name, args, now, touched));
            return { ok: true };
          } catch (e) {
            if (e instanceof MutationRejected) return { ok: false, kind: e.code, message: e.message };
            throw e;
          }
        }),
      );
      if (results.some((r) => r.ok)) tellApplied();
      return { results, conversationIds: [...touched] };
    },
    onApplied(listener: () => void): () => void {
      applied.add(listener);
      return () => applied.delete(listener);
    },
    /**
     * Runs a recorded mutation again on top of the hub's newer state (rebase), with its original
     * time and ids, in its own savepoint: throws MutationRejected, with nothing applied, when the
     * rules now refuse it.
     */
    rerun(actorId: number, m: RecordedMutation, touched: Set<number>): void {
      db.transaction(() => run(actorId, { id: m.id, name: m.name, args: JSON.parse(m.argsJson), createdAt: m.createdAt }, clientNo.get() as number, touched));
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

export type LocalMutations = ReturnType<typeof createLocalMutations>;
