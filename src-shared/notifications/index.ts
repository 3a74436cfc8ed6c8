import type { Id } from '../domain';

export const NOTIFICATION_KINDS = ['mention', 'assignment', 'reply'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A notification to write, before it has an id or a time. Mutators raise them (tx.notify), so
 * the hub, running the same mutators, notifies the same agents. Never the actor: nobody is told
 * of their own action. Replies from customers are not mutations: the inbound-message path will
 * raise 'reply' notifications for the assignee.
 */
export interface NotificationDraft {
  agentId: Id;
  kind: NotificationKind;
  conversationId: Id;
  actorId: Id | null;
  noteId: string | null;
  messageId: Id | null;
}
