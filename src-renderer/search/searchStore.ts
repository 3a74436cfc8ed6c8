import { create } from 'zustand';
import type { SearchFilters, SearchHit } from '../../src-shared/api';
import { api, describeError } from '../api/api';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Date presets on the message or note time; 'any' sets no window. */
export const DATE_RANGES = { any: null, '7d': 7, '30d': 30, '1y': 365 } as const;
export type DateRange = keyof typeof DATE_RANGES;

/** What the filter chips hold; the date is a preset, turned into a window when the search runs. */
export type FilterChoice = Omit<SearchFilters, 'from' | 'to'> & { range: DateRange };
export const NO_FILTERS: FilterChoice = { range: 'any' };

export function activeFilterCount(f: FilterChoice): number {
  return [f.channel, f.status, f.category, f.assigneeId].filter((v) => v !== undefined).length + (f.range === 'any' ? 0 : 1);
}

function toApiFilters(f: FilterChoice, now: number): SearchFilters | undefined {
  if (activeFilterCount(f) === 0) return undefined;
  const { range, ...rest } = f;
  const days = DATE_RANGES[range];
  return { ...rest, from: days === null ? undefined : now - days * DAY_MS };
}

interface SearchState {
  query: string;
  filters: FilterChoice;
  hits: SearchHit[];
  /** The query+filters the current hits answer; differs from the current ones while a search is running. */
  answered: string;
  tookMs: number | null;
  error: string | null;
  setQuery(q: string): void;
  setFilters(patch: Partial<FilterChoice>): void;
  clearFilters(): void;
  clear(): void;
}

/** Identifies a query with its filters, so results are never shown for filters no longer chosen. */
export function searchKey(s: Pick<SearchState, 'query' | 'filters'>): string {
  return `${s.query}\u0000${JSON.stringify(s.filters)}`;
}

/**
 * As-you-type without a debounce: a keystroke searches at once when no search is running;
 * keystrokes made meanwhile collapse into one search for the latest text when it returns. So the
 * core runs at most one search at a time and results follow typing as closely as it allows.
 */
let running = false;
let queued = false;
/** Bumped by clear(): an answer to a search from before it is dropped. */
let generation = 0;

export const useSearchStore = create<SearchState>((set, get) => {
  async function send(): Promise<void> {
    const { query, filters } = get();
    const key = searchKey(get());
    const ticket = generation;
    running = true;
    try {
      const { hits, tookMs } = await api.call('search.query', { q: query.trim(), limit: 25, filters: toApiFilters(filters, Date.now()) });
      if (ticket === generation) set({ hits, tookMs, answered: key, error: null });
    } catch (e) {
      if (ticket === generation) set({ error: describeError(e).message, answered: key });
    } finally {
      running = false;
      if (queued) {
        queued = false;
        run();
      }
    }
  }

  function run(): void {
    if (!get().query.trim()) {
      generation++;
      queued = false;
      set({ hits: [], answered: '', tookMs: null, error: null });
      return;
    }
    if (get().answered === searchKey(get())) return;
    if (running) queued = true;
    else void send();
  }

  return {
    query: '',
    filters: NO_FILTERS,
    hits: [],
    answered: '',
    tookMs: null,
    error: null,
    setQuery(q) {
      set({ query: q });
      run();
    },
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      run();
    },
    clearFilters() {
      set({ filters: NO_FILTERS });
      run();
    },
    clear() {
      generation++;
      queued = false;
      set({ query: '', hits: [], answered: '', tookMs: null, error: null });
    },
  };
});
