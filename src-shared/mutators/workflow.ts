import { z } from 'zod';
import { ConversationStatus, Id, Uuid } from '../domain';
import { changeStatus } from './conversation';
import { MutationRejected, type MutatorTx } from './tx';

export const SPAM_TAG = 'spam';

/** Conversation workflows that touch more than one field: wake-up, spam, split. */
export const workflowMutationArgs = {
  /** Reopens a snoozed conversation whose time came (reason 'time') or whose customer wrote (reason 'reply'). */
  wake: z.object({ conversationId: Id, reason: z.enum(['time', 'reply']).default('time') }),
  markSpam: z.object({ conversationId: Id }),
  /** The undo of markSpam: the one way out of `closed`, and only for a conversation tagged spam. */
  unmarkSpam: z.object({ conversationId: Id, restoreStatus: ConversationStatus.exclude(['snoozed', 'closed']).default('open') }),
  split: z.object({
    conversationId: Id,
    /** The messages that move to the new conversation; at least one must stay behind. */
    messageIds: z.array(Id).min(1).max(10_000),
    reason: z.string().trim().min(1, 'a split needs a reason').max(2_000),
    /** Client-made ids of the two notes recording the split, one in each conversation. */
    sourceNoteId: Uuid,
    targetNoteId: Uuid,
  }),
} as const;

type Args = typeof workflowMutationArgs;

function load(tx: MutatorTx, id: number) {
  const c = tx.getConversation(id);
  if (!c) throw new MutationRejected('not_found', `conversation ${id} does not exist`);
  return c;
}

export const workflowMutators: { [N in keyof Args]: (tx: MutatorTx, args: z.output<Args[N]>) => void } = {
  wake(tx, { conversationId, reason }) {
    const c = load(tx, conversationId);
    // Idempotent: a conversation already awake, or not yet due, is left alone.
    if (c.status !== 'snoozed') return;
    const due = reason === 'time' ? c.snoozedUntil !== null && c.snoozedUntil <= tx.now : c.snoozedUntilReply === true;
    if (!due) return;
    changeStatus(tx, c, 'open', undefined, false);
  },

  markSpam(tx, { conversationId }) {
    const c = load(tx, conversationId);
    changeStatus(tx, c, 'closed', undefined, false);
    tx.addTag(conversationId, SPAM_TAG);
  },

  unmarkSpam(tx, { conversationId, restoreStatus }) {
    const c = load(tx, conversationId);
    if (c.status !== 'closed' || !c.tags.includes(SPAM_TAG)) {
      throw new MutationRejected('invalid_transition', 'only a conversation closed as spam can be restored');
    }
    tx.removeTag(conversationId, SPAM_TAG);
    tx.updateConversation(conversationId, { status: restoreStatus, resolvedAt: restoreStatus === 'solved' ? c.resolvedAt : null, lastActivityAt: tx.now });
    tx.audit('conversation.unmarkSpam', 'conversation', String(conversationId), { to: restoreStatus });
  },

  split(tx, { conversationId, messageIds, reason, sourceNoteId, targetNoteId }) {
    const c = load(tx, conversationId);
    const all = tx.listMessages(conversationId);
    const moving = new Set(messageIds);
    const moved = all.filter((m) => moving.has(m.id));
    const kept = all.filter((m) => !moving.has(m.id));
    if (moved.length !== moving.size) throw new MutationRejected('invalid', 'some of the messages are not in this conversation');
    if (kept.length === 0) throw new MutationRejected('invalid', 'at least one message must stay in the original conversation');
    const last = (ms: typeof all) => ms.reduce((a, b) => (b.createdAt >= a.createdAt ? b : a));
    const newId = tx.insertConversation({
      mergedIntoId: null,
      customerId: c.customerId,
      channel: c.channel,
      subject: c.subject,
      status: 'open',
      priority: c.priority,
      category: c.category,
      assigneeId: c.assigneeId,
      snoozedUntil: null,
      slaFirstResponseDueAt: null,
      slaResolutionDueAt: null,
      firstResponseAt: moved.find((m) => m.direction === 'outbound')?.createdAt ?? null,
      resolvedAt: null,
      createdAt: Math.min(...moved.map((m) => m.createdAt)),
      lastActivityAt: tx.now,
      messageCount: moved.length,
      preview: last(moved).text.slice(0, 140),
    });
    tx.moveMessages(messageIds, newId);
    tx.updateConversation(conversationId, { messageCount: kept.length, preview: last(kept).text.slice(0, 140), lastActivityAt: tx.now });
    const note = (id: string, on: number, body: string) =>
      tx.insertNote({ id, conversationId: on, authorId: tx.actorId, kind: 'note', body, mentions: [], createdAt: tx.now });
    note(sourceNoteId, conversationId, `Split ${moved.length} message(s) into #${newId}. Reason: ${reason}`);
    note(targetNoteId, newId, `Split from #${conversationId}. Reason: ${reason}`);
    tx.audit('conversation.split', 'conversation', String(conversationId), { into: newId, messageIds, reason });
  },
};
