import type { Message } from '../../src-shared/domain';

/**
 * Who a message in the thread is from. Outbound email with no agent is the shop's own mail the hub
 * found in the mailbox (an agent answered from Outlook or Gmail): the shop sent it, outside Outpost.
 */
export type MessageAuthor = { kind: 'customer'; name: string } | { kind: 'agent'; name: string } | { kind: 'shop-elsewhere'; name: string };

export const SENT_OUTSIDE_OUTPOST = 'sent outside Outpost';

export function messageAuthor(m: Pick<Message, 'direction' | 'channel' | 'authorAgentId'>, customerName: string, agentName: (id: number | null) => string | null, shopName: string | null): MessageAuthor {
  if (m.direction === 'inbound') return { kind: 'customer', name: customerName };
  if (m.channel === 'email' && m.authorAgentId === null) return { kind: 'shop-elsewhere', name: shopName ?? 'The shop' };
  return { kind: 'agent', name: agentName(m.authorAgentId) ?? 'Agent' };
}
