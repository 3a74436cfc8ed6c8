import { create } from 'zustand';
import type { SearchFilters, SearchHit } from '../../src-shared/api';
import { api, describeError } from '../api/api';

const DEBOUNCE_MS = 120;
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

let timer: ReturnType<typeof setTimeout> | undefined;
/** Only the newest request may write results, so a slow early answer never overwrites a later one. */
let latest = 0;

export const useSearchStore = create<SearchState>((set, get) => {
  function run(): void {
    clearTimeout(timer);
    const { query, filters } = get();
    const trimmed = query.trim();
    if (!trimmed) {
      latest++;
      set({ hits: [], answered: '', tookMs: null, error: null });
      return;
    }
    const key = searchKey(get());
    timer = setTimeout(async () => {
      const ticket = ++latest;
      try {
        const { hits, tookMs } = await api.call('search.query', { q: trimmed, limit: 25, filters: toApiFilters(filters, Date.now()) });
        if (ticket === latest) set({ hits, tookMs, answered: key, error: null });
      } catch (e) {
        if (ticket === latest) set({ error: describeError(e).message, answered: key });
      }
    }, DEBOUNCE_MS);
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
      clearTimeout(timer);
      latest++;
      set({ query: '', hits: [], answered: '', tookMs: null, error: null });
    },
  };
});
