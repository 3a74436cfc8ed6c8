import type { NotificationItem } from '../../src-shared/api';
import type { Agent } from '../../src-shared/domain';

/** Who did what, in words: the same text in the panel and on the desktop. */
export function describeNotification(n: NotificationItem, agents: Agent[]): { title: string; body: string } {
  const actor = agents.find((a) => a.id === n.actorId)?.name ?? 'Someone';
  switch (n.kind) {
    case 'mention':
      return { title: `${actor} mentioned you`, body: n.excerpt ? `${n.subject}: ${n.excerpt}` : n.subject };
    case 'assignment':
      return { title: `${actor} assigned you a conversation`, body: `${n.subject} (${n.customerName})` };
    case 'reply':
      return { title: `${n.customerName} replied`, body: n.subject };
  }
}
