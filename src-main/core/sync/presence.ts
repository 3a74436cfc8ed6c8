import { PRESENCE_HEARTBEAT_MS, PRESENCE_TTL_MS, type ClientSocketMessage, type PresenceEntry, type PresenceState } from '../../../src-shared/sync/protocol';

/**
 * Who else is looking at or answering which conversation (relayed by the hub), and what this
 * desktop tells the others, re-sent every PRESENCE_HEARTBEAT_MS so the hub does not forget it.
 */
export function createPresence(opts: { ownClientId: () => string; send: (m: ClientSocketMessage) => void; onChange: (e: PresenceEntry) => void; now?: () => number }) {
  const now = opts.now ?? Date.now;
  // Keyed by desktop; `seenAt` is this machine's clock, so a skewed hub clock hides nobody.
  const others = new Map<string, { entry: PresenceEntry; seenAt: number }>();
  let mine: ClientSocketMessage = { type: 'presence', conversationId: null, state: 'idle' };
  let heartbeat: NodeJS.Timeout | null = null;

  const stopHeartbeat = () => {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  };

  return {
    set(conversationId: number | null, state: PresenceState): void {
      mine = { type: 'presence', conversationId, state };
      opts.send(mine);
      stopHeartbeat();
      if (state !== 'idle') {
        heartbeat = setInterval(() => opts.send(mine), PRESENCE_HEARTBEAT_MS);
        heartbeat.unref();
      }
    },
    /** After a (re)connect: the hub forgot this desktop with its old socket. */
    resend(): void {
      if (mine.state !== 'idle') this.set(mine.conversationId, mine.state);
    },
    received(entry: PresenceEntry): void {
      if (entry.clientId === opts.ownClientId()) return;
      const clean: PresenceEntry = { agentId: entry.agentId, agentName: entry.agentName, clientId: entry.clientId, conversationId: entry.conversationId, state: entry.state, at: entry.at };
      if (clean.state === 'idle') others.delete(clean.clientId);
      else others.set(clean.clientId, { entry: clean, seenAt: now() });
      opts.onChange(clean);
    },
    /** Others on this conversation now; entries the hub stopped refreshing are dropped. */
    list(conversationId: number): PresenceEntry[] {
      const cutoff = now() - PRESENCE_TTL_MS;
      return [...others.values()].filter((o) => o.entry.conversationId === conversationId && o.seenAt >= cutoff).map((o) => o.entry);
    },
    /** The line to the hub is gone: nobody's presence can be trusted any more. */
    clear(): void {
      for (const { entry } of others.values()) opts.onChange({ ...entry, state: 'idle', at: now() });
      others.clear();
    },
    stop(): void {
      stopHeartbeat();
      others.clear();
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
