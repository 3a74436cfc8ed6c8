import { z } from 'zod';
import { Id, Uuid } from '../domain';
import { MutationRejected, type MutatorTx } from './tx';

export const mergeMutationArgs = {
  merge: z.object({
    sourceId: Id,
    targetId: Id,
    reason: z.string().trim().min(1, 'a merge needs a reason').max(500),
    /** Client-made id of the note that keeps the reason, so a replayed merge never writes it twice. */
    noteId: Uuid,
  }),
} as const;

type Args = typeof mergeMutationArgs;

export const mergeMutators: { [N in keyof Args]: (tx: MutatorTx, args: z.output<Args[N]>) => void } = {
  /**
   * Folds one conversation into another of the SAME customer: merging two customers' threads
   * would show one customer another's messages, so it is refused outright.
   */
  merge(tx, { sourceId, targetId, reason, noteId }) {
    if (sourceId === targetId) throw new MutationRejected('invalid', 'a conversation cannot be merged into itself');
    const source = tx.getConversation(sourceId);
    const target = tx.getConversation(targetId);
    if (!source) throw new MutationRejected('not_found', `conversation ${sourceId} does not exist`);
    if (!target) throw new MutationRejected('not_found', `conversation ${targetId} does not exist`);
    if (source.mergedIntoId !== null) {
      if (source.mergedIntoId === targetId) return; // a replay of the same merge
      throw new MutationRejected('conflict', `#${sourceId} was already merged into #${source.mergedIntoId}`);
    }
    if (source.customerId !== target.customerId) {
      throw new MutationRejected('invalid', `#${sourceId} and #${targetId} belong to different customers and cannot be merged`);
    }
    if (target.status === 'closed') throw new MutationRejected('invalid_transition', `#${targetId} is closed and cannot receive a merge`);

    tx.moveThread(sourceId, targetId);
    if (!tx.hasNote(noteId)) {
      tx.insertNote({
        id: noteId,
        conversationId: targetId,
        authorId: tx.actorId,
        kind: 'note',
        body: `Merged #${sourceId} into this conversation: ${reason}`,
        mentions: [],
        createdAt: tx.now,
      });
    }
    const summary = tx.threadSummary(targetId);
    tx.updateConversation(targetId, {
      messageCount: summary.messageCount,
      preview: summary.preview,
      lastActivityAt: Math.max(target.lastActivityAt, summary.lastAt ?? 0),
      // The earlier of the two first-response stamps: the customer was answered when either was.
      firstResponseAt: minOrNull(target.firstResponseAt, source.firstResponseAt),
    });
    tx.updateConversation(sourceId, {
      status: 'closed',
      mergedIntoId: targetId,
      resolvedAt: source.resolvedAt ?? tx.now,
      messageCount: 0,
      preview: `Merged into #${targetId}`,
      lastActivityAt: tx.now,
    });
    tx.audit('conversation.merge', 'conversation', String(sourceId), { into: targetId, reason });
  },
};

function minOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
