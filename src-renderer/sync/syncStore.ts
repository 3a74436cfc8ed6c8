import { useEffect } from 'react';
import { create } from 'zustand';
import type { ApiArgsOf } from '../../src-shared/api';
import type { SyncState } from '../../src-shared/api/sync';
import { api, describeError } from '../api/api';
import { useConnectionStore } from '../api/connectionStore';

interface SyncStore {
  /** The core's last word on sync; null until it answered. */
  state: SyncState | null;
  loadError: string | null;
  /** A retry that failed to even start (the core refused the call). */
  retryError: string | null;
  load(): Promise<void>;
  retry(): Promise<void>;
  /** Throws the core's error, for the Team hub dialog to explain. */
  connect(args: ApiArgsOf<'sync.connect'>): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * Bumped by every 'sync-state' event, so a `sync.state` answer that was already on its way when
 * a newer event arrived does not put an older state back on screen.
 */
let received = 0;

export const useSyncStore = create<SyncStore>((set) => ({
  state: null,
  loadError: null,
  retryError: null,
  async load() {
    const before = received;
    try {
      const state = await api.call('sync.state', {});
      if (received === before) set({ state, loadError: null });
    } catch (e) {
      set({ loadError: describeError(e).message });
    }
  },
  async retry() {
    try {
      set({ state: await api.call('sync.retry', {}), retryError: null });
    } catch (e) {
      set({ retryError: describeError(e).message });
    }
  },
  async connect(args) {
    set({ state: await api.call('sync.connect', args) });
  },
  async disconnect() {
    set({ state: await api.call('sync.disconnect', {}) });
  },
}));

export function receiveSyncState(state: SyncState): void {
  received++;
  useSyncStore.setState({ state, loadError: null, retryError: null });
}

/** Which workspace the replica holds: changing hub replaces every row the console shows. */
export function workspaceKey(state: SyncState | null): string | null {
  return state && (state.mode === 'team' ? `team:${state.hubUrl}` : 'embedded');
}

/** Loads the state on each (re)connect to the core and follows its events. Mounted once. */
export function useSyncLive(): void {
  const epoch = useConnectionStore((s) => s.epoch);
  useEffect(() => {
    if (epoch > 0) void useSyncStore.getState().load();
  }, [epoch]);
  useEffect(() => api.on('sync-state', receiveSyncState), []);
}
