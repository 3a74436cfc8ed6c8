import { z } from 'zod';
import { ConversationStatus, Id, Timestamp, Category, Priority, Uuid } from '../domain';
import { CHANNEL_TEXT_LIMIT } from '../domain/channels';
import { canTransition } from './status';
import { MutationRejected, type MutatorTx } from './tx';

export const Tag = z.string().trim().min(1).max(64).regex(/^[^,\n]+$/, 'tags cannot contain commas or newlines');

/** Argument schemas of the conversation mutations: validated at each process boundary and again by the hub. */
export const conversationMutationArgs = {
  setStatus: z.object({
    conversationId: Id,
    to: ConversationStatus,
    /** Compare-and-set: refused if the status moved meanwhile. Omit to force. */
    expectedFrom: ConversationStatus.optional(),
    snoozedUntil: Timestamp.optional(),
  }),
  assign: z.object({ conversationId: Id, to: Id.nullable(), expectedAssignee: Id.nullable().optional() }),
  addTag: z.object({ conversationId: Id, tag: Tag }),
  removeTag: z.object({ conversationId: Id, tag: Tag }),
  setPriority: z.object({ conversationId: Id, priority: Priority }),
  setCategory: z.object({ conversationId: Id, category: Category }),
  addNote: z.object({
    id: Uuid,
    conversationId: Id,
    kind: z.enum(['note', 'handover']).default('note'),
    body: z.string().trim().min(1).max(20_000),
    mentions: z.array(Id).max(50).default([]),
  }),
  reply: z.object({ conversationId: Id, text: z.string().trim().min(1).max(100_000) }),
} as const;

type Args = typeof conversationMutationArgs;

function load(tx: MutatorTx, id: number) {
  const c = tx.getConversation(id);
  if (!c) throw new MutationRejected('not_found', `conversation ${id} does not exist`);
  return c;
}

export const conversationMutators: { [N in keyof Args]: (tx: MutatorTx, args: z.output<Args[N]>) => void } = {
  setStatus(tx, { conversationId, to, expectedFrom, snoozedUntil }) {
    const c = load(tx, conversationId);
    if (expectedFrom !== undefined && c.status !== expectedFrom) {
      throw new MutationRejected('conflict', `status is ${c.status}, not ${expectedFrom}`);
    }
    if (!canTransition(c.status, to)) {
      throw new MutationRejected('invalid_transition', `a ${c.status} conversation cannot become ${to}`);
    }
    if (to === 'snoozed' && (snoozedUntil === undefined || snoozedUntil <= tx.now)) {
      throw new MutationRejected('invalid', 'snoozing needs a time in the future');
    }
    const resolved = to === 'solved' || to === 'closed';
    tx.updateConversation(conversationId, {
      status: to,
      snoozedUntil: to === 'snoozed' ? (snoozedUntil ?? null) : null,
      resolvedAt: resolved ? (c.resolvedAt ?? tx.now) : null,
      lastActivityAt: tx.now,
    });
    tx.audit('conversation.setStatus', 'conversation', String(conversationId), { from: c.status, to });
  },

  assign(tx, { conversationId, to, expectedAssignee }) {
    const c = load(tx, conversationId);
    if (expectedAssignee !== undefined && c.assigneeId !== expectedAssignee) {
      throw new MutationRejected('conflict', 'the conversation was assigned to someone else meanwhile');
    }
    tx.updateConversation(conversationId, { assigneeId: to });
    tx.audit('conversation.assign', 'conversation', String(conversationId), { from: c.assigneeId, to });
  },

  addTag(tx, { conversationId, tag }) {
    load(tx, conversationId);
    tx.addTag(conversationId, tag.toLowerCase());
  },

  removeTag(tx, { conversationId, tag }) {
    load(tx, conversationId);
    tx.removeTag(conversationId, tag.toLowerCase());
  },

  setPriority(tx, { conversationId, priority }) {
    load(tx, conversationId);
    tx.updateConversation(conversationId, { priority });
  },

  setCategory(tx, { conversationId, category }) {
    load(tx, conversationId);
    tx.updateConversation(conversationId, { category });
  },

  addNote(tx, { id, conversationId, kind, body, mentions }) {
    load(tx, conversationId);
    // Notes are append-only with client-made ids: a retried push must not add a second copy.
    if (tx.hasNote(id)) return;
    tx.insertNote({ id, conversationId, authorId: tx.actorId, kind, body, mentions, createdAt: tx.now });
    tx.updateConversation(conversationId, { lastActivityAt: tx.now });
  },

  reply(tx, { conversationId, text }) {
    const c = load(tx, conversationId);
    if (c.status === 'closed') throw new MutationRejected('invalid_transition', 'a closed conversation cannot be answered');
    const limit = CHANNEL_TEXT_LIMIT[c.channel];
    if (limit !== null && text.length > limit) {
      throw new MutationRejected('invalid', `${c.channel} messages are limited to ${limit} characters`);
    }
    tx.insertMessage({
      conversationId,
      direction: 'outbound',
      channel: c.channel,
      authorAgentId: tx.actorId,
      text,
      html: null,
      attachments: [],
      externalId: null,
      deliveryStatus: 'queued',
      createdAt: tx.now,
    });
    tx.updateConversation(conversationId, {
      firstResponseAt: c.firstResponseAt ?? tx.now,
      lastActivityAt: tx.now,
      messageCount: c.messageCount + 1,
      preview: text.slice(0, 140),
    });
  },
};
