import { z } from 'zod';
import { AttachmentRef, ConversationStatus, Id, Timestamp, Category, Priority, Uuid, type Conversation } from '../domain';
import { CHANNEL_ATTACHMENT_LIMIT, CHANNEL_LABELS, CHANNEL_TEXT_LIMIT, MAX_ATTACHMENTS_PER_MESSAGE, type Channel } from '../domain/channels';
import { markupToText } from '../mail/markup';
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
    /** Snooze until the customer writes again; with snoozedUntil too, whichever comes first. */
    untilReply: z.boolean().optional(),
  }),
  assign: z.object({
    conversationId: Id,
    to: Id.nullable(),
    expectedAssignee: Id.nullable().optional(),
    /** Written as a 'handover' note in the same transaction, so the next agent reads the context. */
    handoverNote: z.object({ id: Uuid, body: z.string().trim().min(1).max(20_000) }).optional(),
    /** Escalation raises the priority in the same step. */
    priority: Priority.optional(),
  }),
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
  reply: z.object({
    conversationId: Id,
    text: z.string().trim().min(1).max(100_000),
    /** "Send and set status": applied after the reply in the same transaction, by the state machine. */
    thenStatus: z.enum(['open', 'pending', 'solved']).optional(),
    /** Files uploaded beforehand (attachment.begin/chunk/finish); each must already be stored. */
    attachments: z.array(AttachmentRef).max(MAX_ATTACHMENTS_PER_MESSAGE, `at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments per message`).default([]),
    /** Email only: the HTML part written from the markup that `text` keeps (see src-shared/mail/markup.ts). */
    html: z.string().max(200_000).optional(),
    /**
     * The newest message the agent saw when writing. A reply queued offline is refused when a
     * colleague answered after it meanwhile, so the customer does not get two answers.
     */
    afterMessageId: Id.optional(),
  }),
} as const;

type Args = typeof conversationMutationArgs;

function load(tx: MutatorTx, id: number) {
  const c = tx.getConversation(id);
  if (!c) throw new MutationRejected('not_found', `conversation ${id} does not exist`);
  return c;
}

export const conversationMutators: { [N in keyof Args]: (tx: MutatorTx, args: z.output<Args[N]>) => void } = {
  setStatus(tx, { conversationId, to, expectedFrom, snoozedUntil, untilReply }) {
    const c = load(tx, conversationId);
    if (expectedFrom !== undefined && c.status !== expectedFrom) {
      throw new MutationRejected('conflict', `status is ${c.status}, not ${expectedFrom}`);
    }
    changeStatus(tx, c, to, snoozedUntil, untilReply ?? false);
  },

  assign(tx, { conversationId, to, expectedAssignee, handoverNote, priority }) {
    const c = load(tx, conversationId);
    if (expectedAssignee !== undefined && c.assigneeId !== expectedAssignee) {
      throw new MutationRejected('conflict', 'the conversation was assigned to someone else meanwhile');
    }
    tx.updateConversation(conversationId, priority ? { assigneeId: to, priority } : { assigneeId: to });
    if (handoverNote && !tx.hasNote(handoverNote.id)) {
      // The new assignee is the note's mention: the handover reaches them like an @mention does.
      tx.insertNote({ id: handoverNote.id, conversationId, authorId: tx.actorId, kind: 'handover', body: handoverNote.body, mentions: to === null ? [] : [to], createdAt: tx.now });
      tx.updateConversation(conversationId, { lastActivityAt: tx.now });
    }
    if (to !== null && to !== tx.actorId && to !== c.assigneeId) tx.notify({ agentId: to, kind: 'assignment', conversationId, noteId: handoverNote?.id ?? null });
    tx.audit('conversation.assign', 'conversation', String(conversationId), { from: c.assigneeId, to, ...(priority ? { priority } : {}) });
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
    for (const agentId of new Set(mentions)) if (agentId !== tx.actorId) tx.notify({ agentId, kind: 'mention', conversationId, noteId: id });
    tx.updateConversation(conversationId, { lastActivityAt: tx.now });
  },

  reply(tx, { conversationId, text, thenStatus, attachments, html, afterMessageId }) {
    const c = load(tx, conversationId);
    if (c.status === 'closed') throw new MutationRejected('invalid_transition', 'a closed conversation cannot be answered');
    if (afterMessageId !== undefined) refuseIfAnsweredMeanwhile(tx, conversationId, afterMessageId);
    if (html !== undefined && c.channel !== 'email') throw new MutationRejected('invalid', `${c.channel} messages are plain text`);
    const limit = CHANNEL_TEXT_LIMIT[c.channel];
    if (limit !== null && text.length > limit) {
      throw new MutationRejected('invalid', `${c.channel} messages are limited to ${limit} characters`);
    }
    checkAttachments(tx, c.channel, attachments);
    tx.insertMessage({
      conversationId,
      direction: 'outbound',
      channel: c.channel,
      authorAgentId: tx.actorId,
      text,
      html: html ?? null,
      attachments,
      externalId: null,
      deliveryStatus: 'queued',
      createdAt: tx.now,
    });
    tx.updateConversation(conversationId, {
      firstResponseAt: c.firstResponseAt ?? tx.now,
      lastActivityAt: tx.now,
      messageCount: c.messageCount + 1,
      // The inbox shows what the customer reads, not the markup's asterisks and brackets.
      preview: (html === undefined ? text : markupToText(text)).slice(0, 140),
    });
    if (thenStatus !== undefined) changeStatus(tx, load(tx, conversationId), thenStatus, undefined, false);
  },
};

/** Refuses when a colleague replied after the message the agent last saw (unknown if it has left the thread: nothing to compare with). */
function refuseIfAnsweredMeanwhile(tx: MutatorTx, conversationId: number, afterMessageId: number): void {
  const thread = tx.listMessages(conversationId);
  const seen = thread.findIndex((m) => m.id === afterMessageId);
  if (seen < 0) return;
  const other = thread.slice(seen + 1).find((m) => m.direction === 'outbound' && m.authorAgentId !== null && m.authorAgentId !== tx.actorId);
  if (!other) return;
  const name = (other.authorAgentId !== null && tx.getAgentName?.(other.authorAgentId)) || 'A colleague';
  throw new MutationRejected('conflict', `${name} replied while you were offline — your reply is back in the draft`);
}

function checkAttachments(tx: MutatorTx, channel: Channel, attachments: AttachmentRef[]): void {
  const perFile = CHANNEL_ATTACHMENT_LIMIT[channel];
  for (const a of attachments) {
    if (!tx.hasAttachment(a.contentHash)) throw new MutationRejected('not_found', `attachment "${a.filename}" was not uploaded (unknown content hash)`);
    if (a.size > perFile) {
      throw new MutationRejected('invalid', `"${a.filename}" is ${formatMb(a.size)}; ${CHANNEL_LABELS[channel]} accepts files up to ${formatMb(perFile)}`);
    }
  }
}

const formatMb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;

/** The one place a status changes: the state machine, snooze rules, and the resolution stamp. */
export function changeStatus(tx: MutatorTx, c: Conversation, to: ConversationStatus, snoozedUntil: number | undefined, untilReply: boolean): void {
  if (!canTransition(c.status, to)) {
    throw new MutationRejected('invalid_transition', `a ${c.status} conversation cannot become ${to}`);
  }
  if (to === 'snoozed' && !untilReply && (snoozedUntil === undefined || snoozedUntil <= tx.now)) {
    throw new MutationRejected('invalid', 'snoozing needs a time in the future or until the customer replies');
  }
  if (to === 'snoozed' && snoozedUntil !== undefined && snoozedUntil <= tx.now) {
    throw new MutationRejected('invalid', 'the snooze time must be in the future');
  }
  const resolved = to === 'solved' || to === 'closed';
  tx.updateConversation(c.id, {
    status: to,
    snoozedUntil: to === 'snoozed' ? (snoozedUntil ?? null) : null,
    snoozedUntilReply: to === 'snoozed' && untilReply,
    resolvedAt: resolved ? (c.resolvedAt ?? tx.now) : null,
    lastActivityAt: tx.now,
  });
  tx.audit('conversation.setStatus', 'conversation', String(c.id), { from: c.status, to });
}
