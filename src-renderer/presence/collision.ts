import type { Message } from '../../src-shared/domain';

/**
 * Replies another agent sent that this agent has not seen yet: outbound, written by someone
 * else, and not among the messages the thread showed when it was opened (or acknowledged since).
 * Customer messages and this agent's own replies are never a collision.
 */
export function unseenRepliesByOthers(messages: readonly Message[], seen: ReadonlySet<number>, meId: number | null): Message[] {
  return messages.filter((m) => m.direction === 'outbound' && m.authorAgentId !== null && m.authorAgentId !== meId && !seen.has(m.id));
}

/**
 * The newest message of a thread as the agent sees it (time, then id, like the thread's order):
 * sent with a reply, so a reply written before someone else's is caught (ids are not in time
 * order: each desktop makes its own).
 */
export function newestMessageId(messages: readonly Message[]): number | undefined {
  let newest: Message | undefined;
  for (const m of messages) if (!newest || m.createdAt > newest.createdAt || (m.createdAt === newest.createdAt && m.id > newest.id)) newest = m;
  return newest?.id;
}
