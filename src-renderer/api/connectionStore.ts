import { create } from 'zustand';

/**
 * How the console is attached to the core. `offline` means the socket dropped and a reconnect
 * is scheduled; `unauthorized` means there is no token to connect with at all.
 */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'unauthorized';

interface ConnectionState {
  status: ConnectionStatus;
  /** Why the last attempt failed, shown in the banner. */
  detail: string | null;
  /** Seconds until the next reconnect attempt while offline. */
  retryInSeconds: number | null;
  /** Bumped on every (re)connect so stores can refetch what they showed before the drop. */
  epoch: number;
  set(patch: Partial<Omit<ConnectionState, 'set'>>): void;
}

export const useConnectionStore = create<ConnectionState>((set) => ({
  status: 'connecting',
  detail: null,
  retryInSeconds: null,
  epoch: 0,
  set: (patch) => set(patch),
}));
