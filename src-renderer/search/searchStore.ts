import { create } from 'zustand';
import type { SearchHit } from '../../src-shared/api';
import { api, describeError } from '../api/api';

const DEBOUNCE_MS = 120;

interface SearchState {
  query: string;
  hits: SearchHit[];
  /** The query the current hits answer; differs from `query` while a search is running. */
  answered: string;
  tookMs: number | null;
  error: string | null;
  setQuery(q: string): void;
  clear(): void;
}

let timer: ReturnType<typeof setTimeout> | undefined;
/** Only the newest request may write results, so a slow early answer never overwrites a later one. */
let latest = 0;

export const useSearchStore = create<SearchState>((set) => ({
  query: '',
  hits: [],
  answered: '',
  tookMs: null,
  error: null,
  setQuery(q) {
    set({ query: q });
    clearTimeout(timer);
    const trimmed = q.trim();
    if (!trimmed) {
      latest++;
      set({ hits: [], answered: '', tookMs: null, error: null });
      return;
    }
    timer = setTimeout(async () => {
      const ticket = ++latest;
      try {
        const { hits, tookMs } = await api.call('search.query', { q: trimmed, limit: 25 });
        if (ticket === latest) set({ hits, tookMs, answered: q, error: null });
      } catch (e) {
        if (ticket === latest) set({ error: describeError(e).message, answered: q });
      }
    }, DEBOUNCE_MS);
  },
  clear() {
    clearTimeout(timer);
    latest++;
    set({ query: '', hits: [], answered: '', tookMs: null, error: null });
  },
}));
