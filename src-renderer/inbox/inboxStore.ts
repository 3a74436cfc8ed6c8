import { create } from 'zustand';
import { viewKey, type InboxFilters, type InboxRow, type InboxSort, type InboxView } from '../../src-shared/api';
import { api, describeError } from '../api/api';
import { loadViewPrefs, saveViewPrefs } from './viewPrefs';
import { DEFAULT_VIEW } from './views';

export const PAGE_SIZE = 50;

interface InboxState {
  view: InboxView;
  /** The view's sort and filters, remembered per view. */
  sort: InboxSort;
  filters: InboxFilters;
  /** Rows in the view; null until the first page answers. */
  total: number | null;
  /** Loaded pages by page number. Kept (stale) across refreshes so rows never flash to skeletons. */
  pages: Record<number, InboxRow[]>;
  /** The generation each page was fetched in; a page older than `generation` is refetched when seen. */
  pageGeneration: Record<number, number>;
  generation: number;
  error: string | null;
  selectedIndex: number;
  selectedId: number | null;
  setView(view: InboxView): void;
  setSort(sort: InboxSort): void;
  setFilters(filters: InboxFilters): void;
  /** Fetch whatever pages cover rows [start, end] and are missing or stale. */
  ensureRange(start: number, end: number): void;
  /** The data changed in the core: mark every page stale. */
  invalidate(): void;
  select(index: number): void;
  /** Move the selection onto a conversation opened elsewhere (search, history), if it is loaded. */
  selectId(id: number): void;
}

/** Pages being fetched, keyed by view, generation and page, so one page is never asked for twice. */
const inflight = new Set<string>();

/** Which list is shown: view, sort and filters together. */
export function listKeyOf(s: Pick<InboxState, 'view' | 'sort' | 'filters'>): string {
  return `${viewKey(s.view)}|${s.sort}|${JSON.stringify(s.filters)}`;
}

export function rowAt(s: Pick<InboxState, 'pages'>, index: number): InboxRow | undefined {
  return s.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

export const useInboxStore = create<InboxState>((set, get) => {
  async function fetchPage(page: number): Promise<void> {
    const { view, sort, filters, generation } = get();
    const listKey = listKeyOf(get());
    const key = `${listKey}|${generation}|${page}`;
    if (inflight.has(key)) return;
    inflight.add(key);
    try {
      const { rows, total } = await api.call('inbox.list', { view, sort, filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      const now = get();
      // A late answer for a view (or sort, or filter) the agent already left is dropped.
      if (listKeyOf(now) !== listKey || now.generation < generation) return;
      set({
        total,
        pages: { ...now.pages, [page]: rows },
        pageGeneration: { ...now.pageGeneration, [page]: generation },
        error: null,
      });
      followSelection();
    } catch (e) {
      set({ error: describeError(e).message });
    } finally {
      inflight.delete(key);
    }
  }

  /** Keep the selection on the same conversation when new activity reorders the list. */
  function followSelection(): void {
    const { selectedId, selectedIndex, pages } = get();
    const current = rowAt({ pages }, selectedIndex);
    if (selectedId === null) {
      if (current) set({ selectedId: current.id });
      return;
    }
    if (current?.id === selectedId) return;
    for (const [p, rows] of Object.entries(pages)) {
      const i = rows.findIndex((r) => r.id === selectedId);
      if (i >= 0) {
        set({ selectedIndex: Number(p) * PAGE_SIZE + i });
        return;
      }
    }
  }

  /** A different list: start over from its first page. */
  function reset(patch: Partial<InboxState>): void {
    set({ ...patch, total: null, pages: {}, pageGeneration: {}, error: null, selectedIndex: 0, selectedId: null });
    void fetchPage(0);
  }

  return {
    view: DEFAULT_VIEW,
    ...loadViewPrefs(viewKey(DEFAULT_VIEW)),
    total: null,
    pages: {},
    pageGeneration: {},
    generation: 0,
    error: null,
    selectedIndex: 0,
    selectedId: null,
    setView(view) {
      if (viewKey(view) === viewKey(get().view)) return;
      reset({ view, ...loadViewPrefs(viewKey(view)) });
    },
    setSort(sort) {
      const { filters, view } = get();
      saveViewPrefs(viewKey(view), { sort, filters });
      reset({ sort });
    },
    setFilters(filters) {
      const { sort, view } = get();
      saveViewPrefs(viewKey(view), { sort, filters });
      reset({ filters });
    },
    ensureRange(start, end) {
      const { pages, pageGeneration, generation, total } = get();
      if (total === null) {
        void fetchPage(0);
        return;
      }
      const last = Math.min(end, Math.max(total - 1, 0));
      for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) {
        if (!pages[p] || (pageGeneration[p] ?? -1) < generation) void fetchPage(p);
      }
    },
    invalidate() {
      set({ generation: get().generation + 1 });
    },
    select(index) {
      const { total } = get();
      if (total === null || total === 0) return;
      const i = Math.max(0, Math.min(index, total - 1));
      set({ selectedIndex: i, selectedId: rowAt(get(), i)?.id ?? null });
    },
    selectId(id) {
      for (const [p, rows] of Object.entries(get().pages)) {
        const i = rows.findIndex((r) => r.id === id);
        if (i >= 0) {
          set({ selectedIndex: Number(p) * PAGE_SIZE + i, selectedId: id });
          return;
        }
      }
    },
  };
});
