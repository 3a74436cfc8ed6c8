import { create } from 'zustand';

const STORAGE_KEY = 'outpost.seen';
/** Oldest entries are dropped beyond this so localStorage stays small. */
const MAX_ENTRIES = 5000;

interface SeenState {
  /** Conversation id → the lastActivityAt the agent has seen. */
  seen: Record<number, number>;
  markSeen(id: number, at: number): void;
}

function loadSeen(): Record<number, number> {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Record<number, number>) : {};
  } catch {
    return {};
  }
}

/**
 * Unread is this agent's own cue, kept on this desktop: the core has no per-agent read state yet.
 */
export const useSeenStore = create<SeenState>((set, get) => ({
  seen: loadSeen(),
  markSeen(id, at) {
    if ((get().seen[id] ?? 0) >= at) return;
    let seen = { ...get().seen, [id]: at };
    const keys = Object.keys(seen);
    if (keys.length > MAX_ENTRIES) {
      seen = Object.fromEntries(Object.entries(seen).sort((a, b) => b[1] - a[1]).slice(0, MAX_ENTRIES));
    }
    set({ seen });
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(seen));
    } catch {
      // A full or disabled storage only loses the unread cue, never the conversation.
    }
  },
}));
