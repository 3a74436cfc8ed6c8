import type { Id } from '../domain';
import { MutationArgs, type MutationName } from '../mutators';

export const NOTIFICATION_KINDS = ['mention', 'assignment', 'reply'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A notification to write, before it has an id or a time. */
export interface NotificationDraft {
  agentId: Id;
  kind: NotificationKind;
  conversationId: Id;
  actorId: Id | null;
  noteId: string | null;
  messageId: Id | null;
}

/**
 * Who must hear about an applied mutation: every agent a note mentions, and the agent a
 * conversation is assigned to. Never the actor: nobody is notified of their own action. Pure,
 * so the hub derives the same notifications for the same mutation. (Replies from customers are
 * not mutations; the inbound-message path will write 'reply' notifications for the assignee.)
 */
export function deriveNotifications(name: MutationName, rawArgs: unknown, actorId: Id): NotificationDraft[] {
  if (name === 'addNote') {
    const args = MutationArgs.addNote.parse(rawArgs);
    return [...new Set(args.mentions)]
      .filter((agentId) => agentId !== actorId)
      .map((agentId) => ({ agentId, kind: 'mention', conversationId: args.conversationId, actorId, noteId: args.id, messageId: null }));
  }
  if (name === 'assign') {
    const args = MutationArgs.assign.parse(rawArgs);
    if (args.to === null || args.to === actorId) return [];
    return [{ agentId: args.to, kind: 'assignment', conversationId: args.conversationId, actorId, noteId: null, messageId: null }];
  }
  return [];
}
