import type { ApiEvents } from '../../../src-shared/api';
import type { MutationName } from '../../../src-shared/mutators';
import type { PushedMutation } from '../../../src-shared/sync/protocol';
import type { ReplicaDb } from '../db/open';
import type { RecordedMutation } from '../mutations/local-mutation';

export type RejectedMutation = ApiEvents['mutation-rejected'];

/**
 * The outbox as the sync sees it. A row is `pending` until the hub answers a push, then `sent`
 * (the hub has it, its result is not pulled yet); a pull whose lastMutationId covers it settles
 * it: deleted, or kept as `rejected` with the hub's reason.
 */
export function createOutbox(db: ReplicaDb) {
  const c = db.$client;
  const pendingCount = c.prepare("SELECT count(*) FROM mutation_outbox WHERE status = 'pending'").pluck();
  const unsettledCount = c.prepare("SELECT count(*) FROM mutation_outbox WHERE status != 'rejected'").pluck();
  const unsettled = c.prepare("SELECT id, name, args_json AS argsJson, created_at AS createdAt FROM mutation_outbox WHERE status != 'rejected' ORDER BY id");
  const toPush = c.prepare("SELECT id, name, args_json AS argsJson, created_at AS createdAt FROM mutation_outbox WHERE status = 'pending' ORDER BY id LIMIT ?");
  const markSent = c.prepare("UPDATE mutation_outbox SET status = 'sent', attempts = attempts + 1, last_error = NULL WHERE id = ? AND status = 'pending'");
  const markFailed = c.prepare("UPDATE mutation_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'");
  const settledRows = c.prepare("SELECT id, name, args_json AS argsJson FROM mutation_outbox WHERE id <= ? AND status != 'rejected' ORDER BY id");
  const remove = c.prepare('DELETE FROM mutation_outbox WHERE id = ?');
  const markRejected = c.prepare("UPDATE mutation_outbox SET status = 'rejected', last_error = ? WHERE id = ?");
  const putBackReply = c.prepare(
    `INSERT INTO draft (conversation_id, mode, body, updated_at) SELECT @conversationId, 'reply', @text, @now
       WHERE EXISTS (SELECT 1 FROM conversation WHERE id = @conversationId)
     ON CONFLICT (conversation_id) DO UPDATE SET mode = 'reply', updated_at = excluded.updated_at,
       body = CASE WHEN draft.body = '' OR draft.body = excluded.body THEN excluded.body ELSE excluded.body || char(10) || char(10) || draft.body END`,
  );

  /** Marks a row rejected; a refused reply's text goes back into the conversation's draft, ahead of anything typed since. */
  function reject(row: { id: number; name: string; argsJson: string }, message: string, now = Date.now()): RejectedMutation {
    markRejected.run(message, row.id);
    const args = JSON.parse(row.argsJson) as { conversationId?: unknown; sourceId?: unknown; text?: unknown };
    const conversationId = typeof args.conversationId === 'number' ? args.conversationId : typeof args.sourceId === 'number' ? args.sourceId : null;
    if (row.name === 'reply' && conversationId !== null && typeof args.text === 'string') putBackReply.run({ conversationId, text: args.text, now });
    return { outboxId: row.id, name: row.name, conversationId, message };
  }

  return {
    /** Local changes the hub has not accepted yet. */
    pending: () => pendingCount.get() as number,
    /** Pending or sent: rows whose effect is only optimistic so far. */
    unsettledCount: () => unsettledCount.get() as number,
    unsettled: () => unsettled.all() as RecordedMutation[],
    toPush(limit: number): PushedMutation[] {
      return (toPush.all(limit) as RecordedMutation[]).map((r) => ({ id: r.id, name: r.name, args: JSON.parse(r.argsJson) as unknown, createdAt: r.createdAt }));
    },
    markSent(ids: number[]): void {
      db.transaction(() => ids.forEach((id) => markSent.run(id)));
    },
    markFailed(ids: number[], error: string): void {
      db.transaction(() => ids.forEach((id) => markFailed.run(error, id)));
    },
    /** Rows at or below the hub's lastMutationId: gone when applied, kept as rejected with the hub's reason. Call inside the rebase's transaction. */
    settle(lastMutationId: number, rejections: ReadonlyMap<number, string>): RejectedMutation[] {
      const rejected: RejectedMutation[] = [];
      for (const row of settledRows.all(lastMutationId) as { id: number; name: MutationName; argsJson: string }[]) {
        const why = rejections.get(row.id);
        if (why === undefined) remove.run(row.id);
        else rejected.push(reject(row, why));
      }
      return rejected;
    },
    reject,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
