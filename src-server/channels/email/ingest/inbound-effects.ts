import { FIRST_RESPONSE_SLA, RESOLUTION_SLA } from '../../../../src-shared/domain/sla';
import { toEntity, type ConversationRow, type Entity, type MessageRow } from '../../../../src-shared/sync/rows';
import type { HubWriteTx } from '../../../store/contract';
import type { Automated } from './automated-mail';

/** The new message as the conversation list shows it. */
export interface InboundSummary {
  at: number;
  preview: string;
  automated: Automated | null;
  /** The shop's own mail sent from another mail program (own-mail.ts): an answer, never work to do. */
  outbound: boolean;
}

/**
 * A conversation started by this mail. Automated mail nobody can place (an out-of-office reply to
 * a campaign, a bounce of an unknown send) is kept but filed as solved and tagged, with no SLA
 * clock: it is searchable, never work in the queue, never rated. The shop's own mail that answers
 * nothing known waits for the customer (pending), already answered, with no clock either.
 */
export function newConversation(id: number, customerId: number, subject: string, category: ConversationRow['category'], m: InboundSummary): Entity[] {
  const automated = m.automated !== null;
  const quiet = automated || m.outbound;
  const row: ConversationRow = {
    id,
    customerId,
    channel: 'email',
    subject: subject || '(no subject)',
    status: m.outbound ? 'pending' : automated ? 'solved' : 'open',
    priority: 'normal',
    category,
    assigneeId: null,
    snoozedUntil: null,
    slaFirstResponseDueAt: quiet ? null : m.at + FIRST_RESPONSE_SLA.email,
    slaResolutionDueAt: quiet ? null : m.at + RESOLUTION_SLA,
    firstResponseAt: m.outbound ? m.at : null,
    resolvedAt: automated ? m.at : null,
    createdAt: m.at,
    lastActivityAt: m.at,
    messageCount: 1,
    preview: m.preview,
    mergedIntoId: null,
    snoozedUntilReply: false,
  };
  const tags = m.automated ? [toEntity('conversation_tag', { conversationId: id, tag: m.automated.kind })] : [];
  return [toEntity('conversation', row), ...tags];
}

/**
 * What a customer's mail does to the conversation it joins. Only the newest mail of the thread
 * acts: a backfilled older mail is filed without reopening or notifying anyone. Automated mail
 * never reopens, wakes or notifies, and does not become the preview. The shop's own mail never
 * reopens or notifies either; it counts as a response and, when newest, is the preview and puts
 * an open conversation in pending.
 */
export async function joinConversation(tx: HubWriteTx, c: ConversationRow, m: InboundSummary, messageId: number, notificationId: number): Promise<Entity[]> {
  const thread = await tx.listChildren('message', String(c.id));
  const newest = thread.every((e) => (e.data as MessageRow).createdAt <= m.at);
  const acts = newest && m.automated === null && !m.outbound;
  // A backfilled older mail moves the start back: the conversation began when its first mail did.
  const next: ConversationRow = { ...c, messageCount: c.messageCount + 1, createdAt: Math.min(c.createdAt, m.at) };
  if (m.outbound) {
    next.firstResponseAt = c.firstResponseAt === null ? m.at : Math.min(c.firstResponseAt, m.at);
    // Answered last by the shop: the customer's turn, as when the mail started the conversation.
    if (newest) Object.assign(next, { lastActivityAt: Math.max(c.lastActivityAt, m.at), preview: m.preview }, c.status === 'open' ? { status: 'pending' } : {});
  }
  if (acts) {
    next.lastActivityAt = Math.max(c.lastActivityAt, m.at);
    next.preview = m.preview;
    if (c.status === 'solved' || c.status === 'pending') Object.assign(next, { status: 'open', resolvedAt: null });
    if (c.status === 'snoozed' && c.snoozedUntilReply) Object.assign(next, { status: 'open', snoozedUntil: null, snoozedUntilReply: false });
  }
  const out: Entity[] = [toEntity('conversation', next)];
  if (acts && c.assigneeId !== null && (await tx.getEntities([{ kind: 'agent', id: String(c.assigneeId) }])).size > 0) {
    out.push(toEntity('notification', { id: notificationId, agentId: c.assigneeId, kind: 'reply', conversationId: c.id, actorId: null, noteId: null, messageId, createdAt: m.at }));
  }
  return out;
}
