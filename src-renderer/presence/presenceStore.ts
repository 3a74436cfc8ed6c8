import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { PresenceEntry } from '../../src-shared/sync/protocol';
import { api } from '../api/api';
import { useAppInfoStore } from '../app/appInfoStore';
import { useNow } from '../shared/useNow';
import { othersIn, type AgentPresence, type HeardPresence } from './others';

interface PresenceStore {
  /** Other desktops by client id: each is in at most one conversation at a time. */
  byClient: Record<string, HeardPresence>;
  /** Forgets everyone (another workspace's desktops mean nothing in this one). */
  clear(): void;
  hear(entries: PresenceEntry[], heardAt?: number): void;
  /** Asks the core who is in a conversation (on open), adding to what the events already told. */
  load(conversationId: number): Promise<void>;
}

export const usePresenceStore = create<PresenceStore>((set) => ({
  byClient: {},
  clear: () => set({ byClient: {} }),
  hear(entries, heardAt = Date.now()) {
    set((s) => {
      const byClient = { ...s.byClient };
      for (const entry of entries) byClient[entry.clientId] = { entry, heardAt };
      return { byClient };
    });
  },
  async load(conversationId) {
    try {
      const { others } = await api.call('presence.list', { conversationId });
      usePresenceStore.getState().hear(others);
    } catch {
      // Presence is a courtesy: without it the console works as before, and the next event fills it in.
    }
  },
}));

/** Follows the core's 'presence' events. Mounted once. */
export function usePresenceLive(): void {
  useEffect(() => api.on('presence', (entry) => usePresenceStore.getState().hear([entry])), []);
}

/** How often stale presence is dropped from screen when no event arrives to re-render. */
const EXPIRY_TICK_MS = 5_000;

/** The other agents in a conversation right now. */
export function useOthersHere(conversationId: number): AgentPresence[] {
  const byClient = usePresenceStore((s) => s.byClient);
  const meId = useAppInfoStore((s) => s.info?.me.id ?? null);
  const now = useNow(EXPIRY_TICK_MS);
  return useMemo(() => othersIn(byClient, conversationId, meId, now), [byClient, conversationId, meId, now]);
}
