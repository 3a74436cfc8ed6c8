import type { AttachmentRef, Conversation, Macro, MacroAction, Message, Note } from '../domain';
import type { ConversationRow, MacroRow, MessageRow, NoteRow } from './rows';

/** Row → domain mappers shared by the replica and the hub. JSON columns are parsed here, once. */

export function toConversation(r: ConversationRow, tags: string[]): Conversation {
  return {
    id: r.id,
    customerId: r.customerId,
    channel: r.channel as Conversation['channel'],
    subject: r.subject,
    status: r.status as Conversation['status'],
    priority: r.priority as Conversation['priority'],
    category: r.category as Conversation['category'],
    tags,
    assigneeId: r.assigneeId,
    snoozedUntil: r.snoozedUntil,
    snoozedUntilReply: r.snoozedUntilReply,
    slaFirstResponseDueAt: r.slaFirstResponseDueAt,
    slaResolutionDueAt: r.slaResolutionDueAt,
    firstResponseAt: r.firstResponseAt,
    resolvedAt: r.resolvedAt,
    createdAt: r.createdAt,
    lastActivityAt: r.lastActivityAt,
    messageCount: r.messageCount,
    preview: r.preview,
    mergedIntoId: r.mergedIntoId,
  };
}

export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    conversationId: r.conversationId,
    direction: r.direction as Message['direction'],
    channel: r.channel as Message['channel'],
    authorAgentId: r.authorAgentId,
    text: r.text,
    html: r.html,
    attachments: JSON.parse(r.attachmentsJson) as AttachmentRef[],
    externalId: r.externalId,
    deliveryStatus: r.deliveryStatus as Message['deliveryStatus'],
    createdAt: r.createdAt,
    threadReason: r.threadReason,
    deliveryError: r.deliveryError,
    autoKind: r.autoKind as Message['autoKind'],
    mailboxFlags: r.mailboxFlagsJson === null ? null : (JSON.parse(r.mailboxFlagsJson) as string[]),
    mailboxRemovedAt: r.mailboxRemovedAt,
  };
}

export function toNote(r: NoteRow): Note {
  return {
    id: r.id,
    conversationId: r.conversationId,
    authorId: r.authorId,
    kind: r.kind as Note['kind'],
    body: r.body,
    mentions: JSON.parse(r.mentionsJson) as number[],
    createdAt: r.createdAt,
  };
}

export function toMacro(r: MacroRow): Macro {
  return {
    id: r.id,
    name: r.name,
    body: r.body,
    actions: JSON.parse(r.actionsJson) as MacroAction[],
    scope: r.scope as Macro['scope'],
    ownerId: r.ownerId,
    usageCount: r.usageCount,
  };
}
