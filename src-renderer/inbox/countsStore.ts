import { create } from 'zustand';
import { viewKey } from '../../src-shared/api';
import { api, describeError } from '../api/api';
import { ALL_VIEWS } from './views';

interface CountsState {
  /** Count per view key; missing until the first answer. */
  counts: Record<string, number>;
  error: string | null;
  refresh(): Promise<void>;
}

export const useCountsStore = create<CountsState>((set) => ({
  counts: {},
  error: null,
  async refresh() {
    try {
      const { counts } = await api.call('inbox.counts', { views: ALL_VIEWS.map((e) => e.view) });
      const byKey: Record<string, number> = {};
      ALL_VIEWS.forEach((e, i) => {
        const n = counts[i];
        if (n !== undefined) byKey[viewKey(e.view)] = n;
      });
      set({ counts: byKey, error: null });
    } catch (e) {
      set({ error: describeError(e).message });
    }
  },
}));
