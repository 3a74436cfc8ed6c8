import { InboxFilters, InboxSort } from '../../src-shared/api';

/** How an agent sorts and narrows one view; kept per view across reloads. */
export interface ViewPrefs {
  sort: InboxSort;
  filters: InboxFilters;
}

const DEFAULT_PREFS: ViewPrefs = { sort: 'last_activity', filters: {} };
const storageKey = (viewKey: string) => `outpost.view-prefs.${viewKey}`;

export function loadViewPrefs(viewKey: string): ViewPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(storageKey(viewKey)) ?? 'null') as { sort?: unknown; filters?: unknown } | null;
    if (!raw) return DEFAULT_PREFS;
    // Stored by an older build or edited by hand: anything invalid falls back to the default.
    const sort = InboxSort.safeParse(raw.sort);
    const filters = InboxFilters.safeParse(raw.filters);
    return { sort: sort.success ? sort.data : DEFAULT_PREFS.sort, filters: filters.success ? filters.data : {} };
  } catch {
    return DEFAULT_PREFS;
  }
}

export function saveViewPrefs(viewKey: string, prefs: ViewPrefs): void {
  try {
    localStorage.setItem(storageKey(viewKey), JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: the prefs still apply for this session.
  }
}
