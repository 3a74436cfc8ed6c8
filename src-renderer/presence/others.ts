import type { PresenceEntry } from '../../src-shared/sync/protocol';
import { PRESENCE_TTL_MS } from '../../src-shared/sync/protocol';

/** An entry and when this console heard it (the hub's `at` is another machine's clock). */
export interface HeardPresence {
  entry: PresenceEntry;
  heardAt: number;
}

export interface AgentPresence {
  agentId: number;
  agentName: string;
  typing: boolean;
}

/**
 * Who else is in a conversation now, one line per agent (an agent on two desktops shows once,
 * typing if either is). Entries not refreshed within the hub's TTL are gone: their desktop
 * vanished without saying goodbye. The agent's own other desktops are left out.
 */
export function othersIn(byClient: Record<string, HeardPresence>, conversationId: number, meId: number | null, now: number): AgentPresence[] {
  const byAgent = new Map<number, AgentPresence>();
  for (const { entry, heardAt } of Object.values(byClient)) {
    if (entry.conversationId !== conversationId || entry.state === 'idle' || entry.agentId === meId) continue;
    if (now - heardAt > PRESENCE_TTL_MS) continue;
    const seen = byAgent.get(entry.agentId);
    byAgent.set(entry.agentId, { agentId: entry.agentId, agentName: entry.agentName, typing: (seen?.typing ?? false) || entry.state === 'typing' });
  }
  return [...byAgent.values()].sort((a, b) => Number(b.typing) - Number(a.typing) || a.agentName.localeCompare(b.agentName));
}
